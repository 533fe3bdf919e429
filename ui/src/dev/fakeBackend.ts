/**
 * An in-memory stand-in for the Rust backend, for `npm run ui:mock` and for UI tests.
 *
 * It follows the IPC contract in `bindings.ts` and behaves like the real backend where the UI
 * can tell the difference (validation by field, keeping a secret on `secret: null`, the
 * built-in sandbox that cannot be changed). It never reaches a production build: only
 * `dev/mockBackend.ts` (mock mode) and tests import it.
 */
import { BackendError } from "../ipc/errors";
import type {
  Api,
  AppError,
  AppSnapshot,
  ConnectionInput,
  ConnectionTestReport,
  ConnectionView,
  DeploymentInfo,
  KeychainInfo,
  OwnerView,
  OwnersResult,
  SandboxInfo,
  SkewLevel,
  Settings,
} from "../ipc";

export const SANDBOX_ID = "local-sandbox";
export const SANDBOX_URL = "http://127.0.0.1:8787/api";

export const SANDBOX_OWNERS: OwnerView[] = [
  { id: "1", name: "Demo Organization", ownerType: "Organization" },
  { id: "2", name: "Partner Community", ownerType: "Community" },
  { id: "3", name: "Partner Feed", ownerType: "Source" },
];

/** A customer connection (Dedicated Cloud, secret in the keychain, no owner chosen yet). */
export const ACME: ConnectionView = {
  id: "conn-acme",
  name: "Acme Dedicated",
  deployment: "dedicatedCloud",
  baseUrl: "https://acme.threatconnect.com/api",
  authMethod: "hmac",
  accessId: "40128793561029384756",
  hasSecret: true,
  secretStorage: "keychain",
  tls: { verify: true, caFile: null },
  owner: null,
  builtIn: false,
};

export const DEPLOYMENTS: DeploymentInfo[] = [
  {
    deployment: "localSandbox",
    label: "Local sandbox",
    baseUrl: SANDBOX_URL,
    placeholder: SANDBOX_URL,
    help: "The emulator that comes with TC Bridge, with demo data.",
    userSelectable: false,
  },
  {
    deployment: "publicCloud",
    label: "Public Cloud",
    baseUrl: "https://app.threatconnect.com/api",
    placeholder: "https://app.threatconnect.com/api",
    help: "ThreatConnect's shared cloud at app.threatconnect.com.",
    userSelectable: true,
  },
  {
    deployment: "dedicatedCloud",
    label: "Dedicated Cloud",
    baseUrl: null,
    placeholder: "https://yourcompany.threatconnect.com/api",
    help: "Your company's own ThreatConnect instance hosted by ThreatConnect.",
    userSelectable: true,
  },
  {
    deployment: "onPrem",
    label: "On-Premises",
    baseUrl: null,
    placeholder: "https://threatconnect.yourcompany.internal/api",
    help: "A ThreatConnect instance your company runs itself.",
    userSelectable: true,
  },
];

export const DEMO_USER = { userName: "demo-analyst", displayName: "Demo Analyst", role: "Api User" };

function sandboxConnection(): ConnectionView {
  return {
    id: SANDBOX_ID,
    name: "Local sandbox",
    deployment: "localSandbox",
    baseUrl: SANDBOX_URL,
    authMethod: "hmac",
    accessId: "12345678901234567890",
    hasSecret: true,
    secretStorage: "none",
    tls: { verify: true, caFile: null },
    owner: null,
    builtIn: true,
  };
}

export interface FakeBackendOptions {
  /** Milliseconds each call takes; 0 in tests. */
  delayMs?: number;
  keychain?: KeychainInfo;
  sandbox?: SandboxInfo;
  settings?: Partial<Settings>;
  /** Extra connections after the sandbox. */
  connections?: ConnectionView[];
  selectedConnectionId?: string | null;
  /** Owner already chosen for the sandbox. */
  sandboxOwner?: OwnerView | null;
  /** Owners every non-sandbox connection sees. */
  remoteOwners?: OwnerView[];
  /** Clock skew (s) and latency (ms) reported for non-sandbox connections. */
  remoteSkewSeconds?: number;
  remoteLatencyMs?: number;
}

function validation(field: string, message: string, hint: string | null = null): BackendError {
  const error: AppError = { kind: "Validation", message, hint, field };
  return new BackendError(error);
}

export class FakeBackend implements Api {
  private connections: ConnectionView[];
  private selectedId: string | null;
  private settings: Settings;
  private readonly keychain: KeychainInfo;
  private readonly sandbox: SandboxInfo;
  private readonly delayMs: number;
  private readonly remoteOwners: OwnerView[];
  private readonly remoteSkew: number;
  private readonly remoteLatency: number;
  private nextId = 1;

  constructor(options: FakeBackendOptions = {}) {
    const sandbox = sandboxConnection();
    sandbox.owner = options.sandboxOwner ?? null;
    this.connections = [sandbox, ...(options.connections ?? [])];
    this.selectedId = options.selectedConnectionId === undefined ? SANDBOX_ID : options.selectedConnectionId;
    this.settings = { theme: "system", workshopMode: false, navCollapsed: false, ...options.settings };
    this.keychain = options.keychain ?? { available: true, name: "Secret Service" };
    this.sandbox = options.sandbox ?? { running: true, baseUrl: SANDBOX_URL, error: null };
    this.delayMs = options.delayMs ?? 0;
    this.remoteOwners = options.remoteOwners ?? [
      { id: "101", name: "Acme Corp", ownerType: "Organization" },
      { id: "102", name: "Financial Sector ISAC", ownerType: "Community" },
      { id: "103", name: "Partner Feed", ownerType: "Source" },
    ];
    this.remoteSkew = options.remoteSkewSeconds ?? 0;
    this.remoteLatency = options.remoteLatencyMs ?? 184;
  }

  private async pause(): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
  }

  private find(id: string): ConnectionView {
    const found = this.connections.find((c) => c.id === id);
    if (found === undefined) {
      throw new BackendError({
        kind: "NotFound",
        message: "That connection no longer exists.",
        hint: "It may have been deleted. Choose another connection.",
        field: null,
      });
    }
    return found;
  }

  private validate(input: ConnectionInput, existing: ConnectionView | null): void {
    if (input.name.trim() === "") throw validation("name", "Enter a name for this connection.");
    if (!/^https?:\/\//.test(input.baseUrl.trim())) {
      throw validation(
        "baseUrl",
        "The base URL must start with https://.",
        "Copy it from your ThreatConnect administrator, for example https://yourcompany.threatconnect.com/api.",
      );
    }
    if (input.authMethod === "hmac" && (input.accessId ?? "").trim() === "") {
      throw validation("accessId", "Enter the Access ID of the API user.");
    }
    const keeps = existing !== null && existing.hasSecret && existing.authMethod === input.authMethod;
    if ((input.secret === null || input.secret === "") && !keeps) {
      throw validation("secret", input.authMethod === "hmac" ? "Enter the Secret Key." : "Enter the API token.");
    }
  }

  async getAppSnapshot(): Promise<AppSnapshot> {
    await this.pause();
    return {
      version: "0.1.0",
      connections: this.connections.map((c) => ({ ...c })),
      selectedConnectionId: this.selectedId,
      settings: { ...this.settings },
      keychain: { ...this.keychain },
      sandbox: { ...this.sandbox },
      deployments: DEPLOYMENTS.map((d) => ({ ...d })),
    };
  }

  async saveConnection(input: ConnectionInput): Promise<ConnectionView> {
    await this.pause();
    const existing = input.id === null ? null : this.find(input.id);
    if (existing?.builtIn === true) {
      throw new BackendError({
        kind: "Validation",
        message: "The Local sandbox comes with TC Bridge and cannot be changed.",
        hint: null,
        field: null,
      });
    }
    this.validate(input, existing);
    const view: ConnectionView = {
      id: existing?.id ?? `conn-${this.nextId++}`,
      name: input.name.trim(),
      deployment: input.deployment,
      baseUrl: input.baseUrl,
      authMethod: input.authMethod,
      accessId: input.authMethod === "hmac" ? input.accessId : null,
      hasSecret: input.secret !== null || (existing?.hasSecret ?? false),
      secretStorage: this.keychain.available ? "keychain" : "session",
      tls: { ...input.tls },
      owner: existing?.owner ?? null,
      builtIn: false,
    };
    this.connections = existing === null
      ? [...this.connections, view]
      : this.connections.map((c) => (c.id === view.id ? view : c));
    return { ...view };
  }

  async deleteConnection(id: string): Promise<void> {
    await this.pause();
    const existing = this.find(id);
    if (existing.builtIn) {
      throw new BackendError({
        kind: "Validation",
        message: "The Local sandbox comes with TC Bridge and cannot be deleted.",
        hint: null,
        field: null,
      });
    }
    this.connections = this.connections.filter((c) => c.id !== id);
    if (this.selectedId === id) this.selectedId = SANDBOX_ID;
  }

  async selectConnection(id: string): Promise<void> {
    await this.pause();
    this.find(id);
    this.selectedId = id;
  }

  private ownersFor(connection: { deployment: string; baseUrl: string }): OwnersResult {
    if (connection.baseUrl.includes("unreachable")) {
      throw new BackendError({
        kind: "Network",
        message: "TC Bridge could not reach ThreatConnect at this base URL.",
        hint: "Check the base URL and your network connection, then try again.",
        field: null,
      });
    }
    if (connection.deployment === "localSandbox") {
      if (!this.sandbox.running) {
        throw new BackendError({
          kind: "Network",
          message: "The Local sandbox is not running, so TC Bridge cannot reach it.",
          hint: this.sandbox.error === null ? "Restart TC Bridge to start it again." : `It did not start: ${this.sandbox.error}.`,
          field: null,
        });
      }
      return { owners: SANDBOX_OWNERS.map((o) => ({ ...o })), latencyMs: 38, clockSkewSeconds: 0, skewLevel: "ok" };
    }
    return {
      owners: this.remoteOwners.map((o) => ({ ...o })),
      latencyMs: this.remoteLatency,
      clockSkewSeconds: this.remoteSkew,
      skewLevel: fakeSkewLevel(this.remoteSkew),
    };
  }

  async testConnection(input: ConnectionInput): Promise<ConnectionTestReport> {
    await this.pause();
    const existing = input.id === null ? null : (this.connections.find((c) => c.id === input.id) ?? null);
    this.validate(input, existing);
    if (input.secret === "wrong") {
      throw new BackendError({
        kind: "AuthRejected",
        message: "ThreatConnect did not accept this Access ID and Secret Key.",
        hint: "Check both values against the API user in ThreatConnect. The Secret Key is shown only once, when the user is created.",
        field: null,
      });
    }
    const owners = this.ownersFor(input);
    return {
      user: { ...DEMO_USER },
      owners: owners.owners,
      latencyMs: owners.latencyMs,
      clockSkewSeconds: owners.clockSkewSeconds,
      skewLevel: owners.skewLevel,
      skewMessage: null,
      signingSelfTestPassed: true,
    };
  }

  async listOwners(connectionId: string): Promise<OwnersResult> {
    await this.pause();
    return this.ownersFor(this.find(connectionId));
  }

  async selectOwner(connectionId: string, owner: OwnerView | null): Promise<ConnectionView> {
    await this.pause();
    const existing = this.find(connectionId);
    const updated = { ...existing, owner: owner === null ? null : { ...owner } };
    this.connections = this.connections.map((c) => (c.id === connectionId ? updated : c));
    return { ...updated };
  }

  async saveSettings(settings: Settings): Promise<Settings> {
    await this.pause();
    this.settings = { ...settings };
    return { ...this.settings };
  }
}

/** Mirrors bridge::SkewLevel::for_skew (warning from 2 minutes, refused beyond 5) for the mock. */
function fakeSkewLevel(seconds: number): SkewLevel {
  const abs = Math.abs(seconds);
  return abs > 300 ? "critical" : abs >= 120 ? "warning" : "ok";
}
