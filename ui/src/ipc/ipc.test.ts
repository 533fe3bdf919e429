import { beforeEach, describe, expect, it, vi } from "vitest";

// The seam's own test: the generated commands are replaced, Tauri is never loaded.
const commands = vi.hoisted(() => ({
  getAppSnapshot: vi.fn(),
  saveConnection: vi.fn(),
  deleteConnection: vi.fn(),
  selectConnection: vi.fn(),
  testConnection: vi.fn(),
  listOwners: vi.fn(),
  selectOwner: vi.fn(),
  saveSettings: vi.fn(),
}));
vi.mock("../bindings", () => ({ commands }));

import { api, BackendError, toAppError, UNEXPECTED_ERROR } from "./index";

describe("api", () => {
  beforeEach(() => {
    for (const fn of Object.values(commands)) fn.mockReset();
  });

  it("resolves with the data of an ok result", async () => {
    commands.listOwners.mockResolvedValue({
      status: "ok",
      data: { owners: [], latencyMs: 5, clockSkewSeconds: null, skewLevel: "ok" },
    });
    await expect(api.listOwners("c1")).resolves.toEqual({ owners: [], latencyMs: 5, clockSkewSeconds: null, skewLevel: "ok" });
    expect(commands.listOwners).toHaveBeenCalledWith("c1");
  });

  it("throws a BackendError carrying the backend's AppError", async () => {
    const error = { kind: "AuthRejected", message: "Refused.", hint: "Check the key.", field: null };
    commands.testConnection.mockResolvedValue({ status: "error", error });
    const caught: unknown = await api.testConnection({
      id: null,
      name: "n",
      deployment: "publicCloud",
      baseUrl: "https://app.threatconnect.com/api",
      authMethod: "hmac",
      accessId: "1",
      secret: "s",
      tls: { verify: true, caFile: null },
    }).catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(BackendError);
    expect(toAppError(caught)).toEqual(error);
  });

  it("fills in a partial error and replaces a malformed one", async () => {
    commands.deleteConnection.mockResolvedValue({ status: "error", error: { kind: "NotFound", message: "Gone." } });
    expect(toAppError(await api.deleteConnection("x").catch((e: unknown) => e))).toEqual({
      kind: "NotFound",
      message: "Gone.",
      hint: null,
      field: null,
    });
    commands.selectConnection.mockResolvedValue({ status: "error", error: "command select_connection not found" });
    expect(toAppError(await api.selectConnection("x").catch((e: unknown) => e))).toEqual(UNEXPECTED_ERROR);
  });

  it("turns an unexpected exception into the generic error, never its text", async () => {
    commands.getAppSnapshot.mockRejectedValue(new TypeError("window.__TAURI_INTERNALS__ is undefined"));
    const error = toAppError(await api.getAppSnapshot().catch((e: unknown) => e));
    expect(error.kind).toBe("Internal");
    expect(error.message).not.toContain("TAURI");
  });
});
