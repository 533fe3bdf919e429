/**
 * Mock mode (`npm run ui:mock`): answers the app's IPC calls from an in-memory backend so the
 * UI can be looked at in a plain browser. Loaded only when Vite runs with `--mode mock`.
 *
 * Scenarios for screenshots, chosen with `?scenario=` in the address:
 *   (none)      the sandbox, with Demo Organization chosen
 *   fresh       the sandbox only, no owner chosen yet
 *   customer    plus a Dedicated Cloud connection in use with no owner (amber note), clock 3 min 40 s behind
 *   nokeychain  as `customer`, on a computer without a keychain
 *   nosandbox   the sandbox did not start
 */
import { mockIPC } from "@tauri-apps/api/mocks";
import type { ConnectionInput, OwnerView, Settings } from "../ipc";
import { BackendError } from "../ipc/errors";
import { ACME, FakeBackend, SANDBOX_OWNERS } from "./fakeBackend";
import type { FakeBackendOptions } from "./fakeBackend";


function scenario(name: string | null): FakeBackendOptions {
  const demoOrg = SANDBOX_OWNERS[0] ?? null;
  const base: FakeBackendOptions = { delayMs: 350, sandboxOwner: demoOrg };
  switch (name) {
    case "fresh":
      return { ...base, sandboxOwner: null };
    case "customer":
      return { ...base, connections: [ACME], selectedConnectionId: ACME.id, remoteSkewSeconds: 220 };
    case "nokeychain":
      return {
        ...base,
        connections: [{ ...ACME, secretStorage: "session" }],
        selectedConnectionId: ACME.id,
        keychain: { available: false, name: "Secret Service" },
      };
    case "nosandbox":
      return {
        ...base,
        sandbox: { running: false, baseUrl: null, error: "port 8787 is already in use by another program" },
      };
    default:
      return base;
  }
}

type Args = Record<string, unknown>;

export function installMockBackend(): void {
  const backend = new FakeBackend(scenario(new URLSearchParams(window.location.search).get("scenario")));
  mockIPC(async (cmd, payload) => {
    // The payload is whatever `bindings.ts` sent for this command, so its shape is known.
    const args = (payload ?? {}) as Args;
    try {
      switch (cmd) {
        case "get_app_snapshot":
          return await backend.getAppSnapshot();
        case "save_connection":
          return await backend.saveConnection(args.input as ConnectionInput);
        case "delete_connection":
          await backend.deleteConnection(args.id as string);
          return null;
        case "select_connection":
          await backend.selectConnection(args.id as string);
          return null;
        case "test_connection":
          return await backend.testConnection(args.input as ConnectionInput);
        case "list_owners":
          return await backend.listOwners(args.connectionId as string);
        case "select_owner":
          return await backend.selectOwner(args.connectionId as string, args.owner as OwnerView | null);
        case "save_settings":
          return await backend.saveSettings(args.settings as Settings);
        default:
          throw new BackendError({ kind: "Internal", message: `Unknown command ${cmd}`, hint: null, field: null });
      }
    } catch (caught) {
      // The real backend rejects with the plain AppError object; so does this one.
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the real backend rejects with the plain AppError object
      if (caught instanceof BackendError) throw caught.appError;
      throw caught;
    }
  });
}
