// Starts the real TC Bridge binary through tauri-driver + WebKitWebDriver and hands back a
// WebdriverIO browser. Each start gets fresh data, config and cache folders, so every run
// begins like a first run. The caller must already be inside an X display (xvfb-run).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { remote } from "webdriverio";

const root = resolve(import.meta.dirname, "../..");
export const appBinary = join(root, "target/debug/tc-bridge-app");
const tauriDriver = join(root, ".tools/bin/tauri-driver");
const nativeDriver = "/usr/bin/WebKitWebDriver";

function requireFile(path, what) {
  if (!existsSync(path)) {
    throw new Error(`${what} not found at ${path}. Run \`npm test\` (or scripts/setup.sh --test and cargo build) first.`);
  }
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolvePort, reject) => {
    const attempt = () => {
      const socket = createConnection({ host: "127.0.0.1", port });
      socket.once("connect", () => {
        socket.end();
        resolvePort();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`tauri-driver did not listen on port ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/** Waits until nothing listens on `port` (an app that was closed has let go of it). */
export async function waitForPortFree(port, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const inUse = await new Promise((r) => {
      const socket = createConnection({ host: "127.0.0.1", port });
      socket.once("connect", () => {
        socket.end();
        r(true);
      });
      socket.once("error", () => {
        socket.destroy();
        r(false);
      });
    });
    if (!inUse) return;
    if (Date.now() > deadline) throw new Error(`port ${port} is still in use`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let nextPort = 4444 + (process.pid % 500) * 2;

/**
 * Starts the app. Returns { browser, home, stop }. `home` holds the app's data folders, so a
 * test can restart the app on the same data with `startApp({ home })`. Without `keychain`,
 * the app sees no Secret Service and must keep secrets for the session only; with it, the
 * caller provides one (see keyring.mjs). `env` adds variables (TC_BRIDGE_SANDBOX_*, say).
 */
export async function startApp({ home, keychain = false, env = {} } = {}) {
  requireFile(appBinary, "The app binary");
  requireFile(tauriDriver, "tauri-driver");
  requireFile(nativeDriver, "WebKitWebDriver (Debian package webkit2gtk-driver)");
  if (!process.env.DISPLAY) throw new Error("No DISPLAY: run the end-to-end tests under xvfb-run.");

  const ownHome = !home;
  home ??= mkdtempSync(join(tmpdir(), "tc-bridge-e2e-"));
  for (const dir of ["data", "config", "cache"]) mkdirSync(join(home, dir), { recursive: true });
  const port = nextPort;
  const nativePort = nextPort + 1;
  nextPort += 2;

  const driver = spawn(tauriDriver, ["--port", String(port), "--native-port", String(nativePort), "--native-driver", nativeDriver], {
    env: {
      ...process.env,
      XDG_DATA_HOME: join(home, "data"),
      XDG_CONFIG_HOME: join(home, "config"),
      XDG_CACHE_HOME: join(home, "cache"),
      NO_AT_BRIDGE: "1",
      // Without a keychain the bus is cut off, so no Secret Service can even be activated.
      ...(keychain ? {} : { DBUS_SESSION_BUS_ADDRESS: "disabled:" }),
      RUST_LOG: process.env.RUST_LOG ?? "warn",
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise((r) => driver.once("exit", r));
  try {
    // tauri-driver listens at once but starts WebKitWebDriver beside it: wait for both, and
    // give a slow start a second try before calling it a failure.
    await waitForPort(port, 15_000);
    await waitForPort(nativePort, 15_000);
    let browser;
    for (let attempt = 1; ; attempt++) {
      try {
        browser = await remote({
          hostname: "127.0.0.1",
          port,
          logLevel: "silent",
          connectionRetryCount: 0,
          capabilities: {
            "tauri:options": { application: appBinary },
            "wdio:enforceWebDriverClassic": true,
          },
        });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    const stop = async () => {
      await browser.deleteSession().catch(() => {});
      driver.kill();
      await exited;
      if (ownHome) rmSync(home, { recursive: true, force: true });
    };
    return { browser, home, stop };
  } catch (error) {
    driver.kill();
    throw error;
  }
}

/** Waits two animation frames so a screenshot shows the latest DOM. */
export async function settle(browser) {
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
}

/** Saves a screenshot and the page's HTML under tests/e2e/.artifacts/ (best effort). */
export async function saveArtifact(browser, name) {
  if (!browser) return;
  const dir = join(root, "tests/e2e/.artifacts");
  mkdirSync(dir, { recursive: true });
  const base = join(dir, name.replace(/[^a-z0-9]+/gi, "-").toLowerCase());
  try {
    await settle(browser);
    await browser.saveScreenshot(`${base}.png`);
    writeFileSync(`${base}.html`, await browser.getPageSource());
  } catch {
    // The app may already be gone; a missing picture must not hide the real failure.
  }
}

/** A free loopback port (released again, so there is a small window for a clash). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}
