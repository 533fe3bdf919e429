/**
 * The one seam between the UI and the Rust backend (STYLE.md habit 5).
 *
 * Only this folder imports `@tauri-apps/*` and the generated `../bindings`. Everything else
 * imports `api` and the types from here; tests replace this module with `vi.mock`.
 *
 * Every `api.*` call resolves with the backend's data or throws a `BackendError` that
 * carries the typed `AppError`; use `toAppError(caught)` in a `catch`.
 */
import { commands } from "../bindings";
import type {
  AppError,
  AppSnapshot,
  ConnectionInput,
  ConnectionTestReport,
  ConnectionView,
  OwnerView,
  OwnersResult,
  Settings,
} from "../bindings";
import { BackendError, normaliseAppError } from "./errors";

export type {
  AppError,
  AppSnapshot,
  AuthMethod,
  ConnectionInput,
  ConnectionTestReport,
  ConnectionView,
  Deployment,
  DeploymentInfo,
  ErrorKind,
  KeychainInfo,
  OwnersResult,
  OwnerView,
  SandboxInfo,
  SecretStorage,
  Settings,
  SkewLevel,
  ThemePreference,
  TlsOptions,
  UserView,
} from "../bindings";
/** An owner's kind: "Organization", "Community", "Source" (or another kind ThreatConnect adds). */
export type OwnerType = OwnerView["ownerType"];

/** What every generated command resolves with. */
type CommandResult<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

export { BackendError, UNEXPECTED_ERROR, isAppError, normaliseAppError, toAppError } from "./errors";

/** What the UI can ask of the backend. */
export interface Api {
  getAppSnapshot(): Promise<AppSnapshot>;
  saveConnection(input: ConnectionInput): Promise<ConnectionView>;
  deleteConnection(id: string): Promise<void>;
  selectConnection(id: string): Promise<void>;
  testConnection(input: ConnectionInput): Promise<ConnectionTestReport>;
  listOwners(connectionId: string): Promise<OwnersResult>;
  selectOwner(connectionId: string, owner: OwnerView | null): Promise<ConnectionView>;
  saveSettings(settings: Settings): Promise<Settings>;
}

async function unwrap<T>(call: Promise<CommandResult<T>>): Promise<T> {
  const result = await call;
  if (result.status === "ok") return result.data;
  throw new BackendError(normaliseAppError(result.error));
}

export const api: Api = {
  getAppSnapshot: () => unwrap(commands.getAppSnapshot()),
  saveConnection: (input) => unwrap(commands.saveConnection(input)),
  deleteConnection: async (id) => {
    await unwrap(commands.deleteConnection(id));
  },
  selectConnection: async (id) => {
    await unwrap(commands.selectConnection(id));
  },
  testConnection: (input) => unwrap(commands.testConnection(input)),
  listOwners: (connectionId) => unwrap(commands.listOwners(connectionId)),
  selectOwner: (connectionId, owner) => unwrap(commands.selectOwner(connectionId, owner)),
  saveSettings: (settings) => unwrap(commands.saveSettings(settings)),
};
