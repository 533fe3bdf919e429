// A throwaway GNOME Keyring on the session bus, so the app can keep secrets in a real
// Secret Service during a test. Needs `dbus-run-session` around the test run.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function secretServiceRunning() {
  try {
    const reply = execFileSync(
      "dbus-send",
      ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
        "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"],
      { encoding: "utf8" },
    );
    return reply.includes("boolean true");
  } catch {
    return false;
  }
}

/** Starts an unlocked keyring with its files in a temporary folder. Returns { stop }. */
export async function startKeyring() {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error("No session bus: run the end-to-end tests under dbus-run-session (npm test does).");
  }
  const home = mkdtempSync(join(tmpdir(), "tc-bridge-keyring-"));
  const daemon = spawn("gnome-keyring-daemon", ["--foreground", "--unlock", "--components=secrets"], {
    env: { ...process.env, HOME: home, XDG_DATA_HOME: home, XDG_RUNTIME_DIR: home },
    stdio: ["pipe", "ignore", "ignore"],
  });
  daemon.stdin.end("tc-bridge-e2e-keyring");
  const deadline = Date.now() + 10_000;
  while (!secretServiceRunning()) {
    if (Date.now() > deadline) {
      daemon.kill();
      throw new Error("gnome-keyring-daemon did not offer the Secret Service");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    async stop() {
      daemon.kill();
      await new Promise((r) => (daemon.exitCode === null ? daemon.once("exit", r) : r()));
      rmSync(home, { recursive: true, force: true });
    },
  };
}
