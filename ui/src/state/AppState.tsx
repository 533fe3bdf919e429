/**
 * App-wide state: the backend snapshot (connections, settings, keychain, sandbox), each
 * connection's health and owners, and the last request's measurements for the status line.
 *
 * All backend calls go through `api` from the IPC seam. Actions that the user starts in a
 * form or dialog throw a `BackendError` so the caller can show it next to what failed.
 */
import { createContext, use, useCallback, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { notifications } from "@mantine/notifications";
import { api, toAppError } from "../ipc";
import type {
  AppError,
  AppSnapshot,
  ConnectionInput,
  ConnectionTestReport,
  ConnectionView,
  OwnerView,
  Settings,
} from "../ipc";
import { healthFromError, healthFromCall } from "./health";
import type { ConnectionHealth } from "./health";

/** The latest request's measurements, shown in the status line. */
export interface LastCall {
  latencyMs: number;
  clockSkewSeconds: number | null;
}

export type OwnersEntry =
  | { status: "loading"; owners: OwnerView[] | null }
  | { status: "ready"; owners: OwnerView[] }
  | { status: "error"; owners: OwnerView[] | null; error: AppError };

export interface AppStateValue {
  /** null while the first snapshot loads (or when it failed: see `snapshotError`). */
  snapshot: AppSnapshot | null;
  snapshotError: AppError | null;
  reloadSnapshot: () => Promise<void>;
  selectedConnection: ConnectionView | null;
  health: Readonly<Record<string, ConnectionHealth>>;
  lastCall: LastCall | null;
  owners: Readonly<Record<string, OwnersEntry>>;
  refreshOwners: (connectionId: string) => Promise<void>;
  selectConnection: (id: string) => Promise<void>;
  saveConnection: (input: ConnectionInput) => Promise<ConnectionView>;
  deleteConnection: (id: string) => Promise<void>;
  /** Runs a connection test; pass `connectionId` when it tests a saved connection as it is. */
  testConnection: (input: ConnectionInput, connectionId?: string) => Promise<ConnectionTestReport>;
  selectOwner: (connectionId: string, owner: OwnerView | null) => Promise<void>;
  updateSettings: (patch: Partial<Settings>) => Promise<void>;
}

const AppStateContext = createContext<AppStateValue | null>(null);

export function useAppState(): AppStateValue {
  const value = use(AppStateContext);
  if (value === null) throw new Error("useAppState must be used inside <AppStateProvider>");
  return value;
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

function replaceConnection(snapshot: AppSnapshot, view: ConnectionView): AppSnapshot {
  return {
    ...snapshot,
    connections: snapshot.connections.map((c) => (c.id === view.id ? view : c)),
  };
}

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [snapshot, setSnapshot] = useState<AppSnapshot | null>(null);
  const [snapshotError, setSnapshotError] = useState<AppError | null>(null);
  const [health, setHealth] = useState<Record<string, ConnectionHealth>>({});
  const [owners, setOwners] = useState<Record<string, OwnersEntry>>({});
  const [lastCall, setLastCall] = useState<LastCall | null>(null);

  const fetchSnapshot = useCallback(async () => {
    try {
      const next = await api.getAppSnapshot();
      setSnapshot(next);
      setSnapshotError(null);
    } catch (caught) {
      setSnapshotError(toAppError(caught));
    }
  }, []);

  // The first snapshot: everything the shell needs to draw.
  useEffect(() => {
    let current = true;
    api.getAppSnapshot().then(
      (next) => {
        if (current) setSnapshot(next);
      },
      (caught: unknown) => {
        if (current) setSnapshotError(toAppError(caught));
      },
    );
    return () => {
      current = false;
    };
  }, []);

  const reloadSnapshot = useCallback(async () => {
    setSnapshotError(null);
    await fetchSnapshot();
  }, [fetchSnapshot]);

  const refreshOwners = useCallback(async (connectionId: string) => {
    setOwners((prev) => ({
      ...prev,
      [connectionId]: { status: "loading", owners: prev[connectionId]?.owners ?? null },
    }));
    try {
      const result = await api.listOwners(connectionId);
      setOwners((prev) => ({ ...prev, [connectionId]: { status: "ready", owners: result.owners } }));
      setHealth((prev) => ({ ...prev, [connectionId]: healthFromCall(result) }));
      setLastCall({ latencyMs: result.latencyMs, clockSkewSeconds: result.clockSkewSeconds });
    } catch (caught) {
      const error = toAppError(caught);
      setOwners((prev) => ({
        ...prev,
        [connectionId]: { status: "error", owners: prev[connectionId]?.owners ?? null, error },
      }));
      setHealth((prev) => ({ ...prev, [connectionId]: healthFromError(error) }));
    }
  }, []);

  const selectConnection = useCallback(
    async (id: string) => {
      await api.selectConnection(id);
      await fetchSnapshot();
    },
    [fetchSnapshot],
  );

  const saveConnection = useCallback(
    async (input: ConnectionInput) => {
      const saved = await api.saveConnection(input);
      // A changed URL or credential makes the old health and owner list meaningless.
      setHealth((prev) => without(prev, saved.id));
      setOwners((prev) => without(prev, saved.id));
      await fetchSnapshot();
      return saved;
    },
    [fetchSnapshot],
  );

  const deleteConnection = useCallback(
    async (id: string) => {
      await api.deleteConnection(id);
      await fetchSnapshot();
    },
    [fetchSnapshot],
  );

  const testConnection = useCallback(async (input: ConnectionInput, connectionId?: string) => {
    try {
      const report = await api.testConnection(input);
      setLastCall({ latencyMs: report.latencyMs, clockSkewSeconds: report.clockSkewSeconds });
      if (connectionId !== undefined) {
        setHealth((prev) => ({ ...prev, [connectionId]: healthFromCall(report) }));
        setOwners((prev) => ({ ...prev, [connectionId]: { status: "ready", owners: report.owners } }));
      }
      return report;
    } catch (caught) {
      const error = toAppError(caught);
      if (connectionId !== undefined && error.kind !== "Validation") {
        setHealth((prev) => ({ ...prev, [connectionId]: healthFromError(error) }));
      }
      throw caught;
    }
  }, []);

  const selectOwner = useCallback(async (connectionId: string, owner: OwnerView | null) => {
    const view = await api.selectOwner(connectionId, owner);
    setSnapshot((prev) => (prev === null ? prev : replaceConnection(prev, view)));
  }, []);

  const updateSettings = useCallback(
    async (patch: Partial<Settings>) => {
      if (snapshot === null) return;
      const before = snapshot.settings;
      const wanted: Settings = { ...before, ...patch };
      setSnapshot((prev) => (prev === null ? prev : { ...prev, settings: wanted }));
      try {
        const saved = await api.saveSettings(wanted);
        setSnapshot((prev) => (prev === null ? prev : { ...prev, settings: saved }));
      } catch (caught) {
        const error = toAppError(caught);
        setSnapshot((prev) => (prev === null ? prev : { ...prev, settings: before }));
        notifications.show({
          color: "red",
          title: "Your preference was not saved",
          message: error.hint === null ? error.message : `${error.message} ${error.hint}`,
        });
      }
    },
    [snapshot],
  );

  const selectedConnection = useMemo(() => {
    const id = snapshot?.selectedConnectionId ?? null;
    if (snapshot === null || id === null) return null;
    return snapshot.connections.find((c) => c.id === id) ?? null;
  }, [snapshot]);

  const value = useMemo<AppStateValue>(
    () => ({
      snapshot,
      snapshotError,
      reloadSnapshot,
      selectedConnection,
      health,
      lastCall,
      owners,
      refreshOwners,
      selectConnection,
      saveConnection,
      deleteConnection,
      testConnection,
      selectOwner,
      updateSettings,
    }),
    [
      snapshot,
      snapshotError,
      reloadSnapshot,
      selectedConnection,
      health,
      lastCall,
      owners,
      refreshOwners,
      selectConnection,
      saveConnection,
      deleteConnection,
      testConnection,
      selectOwner,
      updateSettings,
    ],
  );

  return <AppStateContext value={value}>{children}</AppStateContext>;
}
