// End-to-end with a real Secret Service (a throwaway GNOME Keyring): a connection's secret
// goes to the keychain, never to the settings file, and comes back after a restart — the
// restarted app can only sign in with it if the keychain returned it.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, describe, test } from "node:test";
import { freePort, saveArtifact, startApp, waitForPortFree } from "./harness.mjs";
import { startKeyring } from "./keyring.mjs";
import { TIMEOUT, fillNewConnection, formButton, rowNamed, settingsFile, text } from "./ui.mjs";

// The embedded sandbox is pinned to one port and one set of credentials, so a connection
// saved in the first run still points at a working sandbox after the restart.
const ACCESS_ID = "98765432109876543210";
const SECRET = "Keychain-E2E-Secret-0123456789abcdefghij";
const home = mkdtempSync(join(tmpdir(), "tc-bridge-e2e-keychain-"));
let keyring;
let app;
let env;

describe("secrets in the operating system's keychain", () => {
  before(async () => {
    keyring = await startKeyring();
    const port = await freePort();
    env = {
      TC_BRIDGE_SANDBOX_LISTEN: `127.0.0.1:${port}`,
      TC_BRIDGE_SANDBOX_ACCESS_ID: ACCESS_ID,
      TC_BRIDGE_SANDBOX_SECRET_KEY: SECRET,
    };
    app = await startApp({ home, keychain: true, env });
  });
  afterEach(async (t) => {
    await saveArtifact(app?.browser, `keychain-${t.name}`);
  });
  after(async () => {
    await app?.stop();
    await keyring?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  test("saves the secret in the Secret Service", async () => {
    const { browser } = app;
    await rowNamed(browser, "Local sandbox");
    assert.equal(await (await browser.$('[data-testid="keychain-warning"]')).isExisting(), false);

    const sandboxUrl = `http://${env.TC_BRIDGE_SANDBOX_LISTEN}/api`;
    const form = await fillNewConnection(browser, {
      name: "Lab instance",
      deployment: "On-Premises",
      baseUrl: sandboxUrl,
      accessId: ACCESS_ID,
      secret: SECRET,
    });
    const formText = await text(await browser.$(`form[aria-label="${form}"]`));
    assert.match(formText, /Secret Service/, "the form says where the secret is kept");
    await (await formButton(browser, form, "Save connection")).click();
    const row = await rowNamed(browser, "Lab instance");
    assert.match(await text(await row.$('[data-testid="secret-storage"]')), /Secret Service|keychain/i);
    assert.ok(!settingsFile(home).includes(SECRET), "the secret is not in the settings file");
  });

  test("after a restart the stored secret signs the connection test", async () => {
    await app.stop();
    // The restarted app's sandbox needs the same port back.
    await waitForPortFree(Number(env.TC_BRIDGE_SANDBOX_LISTEN.split(":")[1]));
    app = await startApp({ home, keychain: true, env });
    const { browser } = app;
    const row = await rowNamed(browser, "Lab instance");
    await (await browser.$('[aria-label="Test Lab instance"]')).click();
    const result = await row.$('[data-testid="test-result"][data-state="ok"]');
    await result.waitForExist({ timeout: TIMEOUT });
    assert.match(await text(await result.$('[data-testid="test-owner-count"]')), /\b3\b/);
    assert.match(await text(result), new RegExp(ACCESS_ID));
  });
});
