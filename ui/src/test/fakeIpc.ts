/**
 * The IPC seam for tests: `api` backed by the in-memory FakeBackend, every method a `vi.fn`
 * so tests can assert what was sent or make one call fail. Use in a test file with
 *
 *   vi.mock("../ipc", async () => (await import("../test/fakeIpc")).ipcModule());
 *
 * Nothing here touches Tauri.
 */
import { vi } from "vitest";
import * as errors from "../ipc/errors";
import type { Api } from "../ipc";
import { FakeBackend } from "../dev/fakeBackend";
import type { FakeBackendOptions } from "../dev/fakeBackend";

let backend = new FakeBackend();

export const fakeApi = {
  getAppSnapshot: vi.fn<Api["getAppSnapshot"]>(() => backend.getAppSnapshot()),
  saveConnection: vi.fn<Api["saveConnection"]>((input) => backend.saveConnection(input)),
  deleteConnection: vi.fn<Api["deleteConnection"]>((id) => backend.deleteConnection(id)),
  selectConnection: vi.fn<Api["selectConnection"]>((id) => backend.selectConnection(id)),
  testConnection: vi.fn<Api["testConnection"]>((input) => backend.testConnection(input)),
  listOwners: vi.fn<Api["listOwners"]>((id) => backend.listOwners(id)),
  selectOwner: vi.fn<Api["selectOwner"]>((id, owner) => backend.selectOwner(id, owner)),
  saveSettings: vi.fn<Api["saveSettings"]>((settings) => backend.saveSettings(settings)),
} satisfies Api;

/** A fresh backend for the next test; clears recorded calls and one-off behaviours. */
export function resetBackend(options: FakeBackendOptions = {}): FakeBackend {
  backend = new FakeBackend(options);
  for (const fn of Object.values(fakeApi)) fn.mockReset();
  return backend;
}

/** What `vi.mock("../ipc", ...)` returns: the real error helpers, the fake `api`. */
export function ipcModule() {
  return { ...errors, api: fakeApi };
}
