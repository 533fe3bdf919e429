// End-to-end: the real TC Bridge binary, driven through WebDriver under Xvfb, on its
// embedded sandbox. First run, testing the sandbox connection, choosing an owner (and
// finding it again after a restart), and creating a second connection.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, describe, test } from "node:test";
import { saveArtifact, startApp } from "./harness.mjs";
import { TIMEOUT, chooseOwner, field, formButton, retype, rowNamed, rows, settingsFile, text } from "./ui.mjs";

const home = mkdtempSync(join(tmpdir(), "tc-bridge-e2e-"));
let app;

describe("TC Bridge on its built-in sandbox", () => {
  before(async () => {
    app = await startApp({ home });
  });
  // A picture of the app after every test, for reading a failure (kept in tests/e2e/.artifacts).
  afterEach(async (t) => {
    await saveArtifact(app?.browser, t.name);
  });
  after(async () => {
    await app?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  test("starts on the Local sandbox, selected, with its owner shown", async () => {
    const { browser } = app;
    const sandbox = await rowNamed(browser, "Local sandbox");
    assert.equal(await sandbox.getAttribute("aria-current"), "true", "the sandbox is the connection in use");
    assert.ok(await sandbox.$('[data-testid="built-in-badge"]').isExisting(), "marked as built in");
    assert.equal((await rows(browser)).length, 1, "a first run has only the sandbox");
    const pill = await browser.$('[data-testid="connection-pill"]');
    assert.match(await text(pill), /Local sandbox/);
    const status = await browser.$('[data-testid="status-sandbox"]');
    assert.match(await text(status), /Sandbox running at http:\/\/127\.0\.0\.1:\d+\/api/);
    const owner = await browser.$('[data-testid="owner-select"]');
    await browser.waitUntil(async () => (await owner.getValue()) === "Demo Organization", {
      timeout: TIMEOUT,
      timeoutMsg: "the sandbox starts on Demo Organization",
    });
  });

  test("tests the sandbox connection: user, owners, latency, clock, signing", async () => {
    const { browser } = app;
    await (await browser.$('[aria-label="Test Local sandbox"]')).click();
    const result = await browser.$('[data-testid="test-result"][data-state="ok"]');
    await result.waitForDisplayed({ timeout: TIMEOUT });
    const report = await text(result);
    for (const expected of ["Sandbox API User", "Demo Organization", "Partner Community", "Partner Feed"]) {
      assert.ok(report.includes(expected), `the test result names ${expected}:\n${report}`);
    }
    assert.match(await text(await result.$('[data-testid="test-owner-count"]')), /\b3\b/);
    assert.match(await text(await result.$('[data-testid="test-latency"]')), /\d+\s*ms/);
    assert.equal(await (await result.$('[data-testid="test-skew"]')).getAttribute("data-skew-level"), "ok");
    assert.match(await text(await result.$('[data-testid="test-signing"]')), /self-test passed/i);
    const dot = await browser.$('[data-testid="connection-pill"] [data-testid="health-dot"]');
    assert.equal(await dot.getAttribute("data-health"), "ok", "the health dot turns green");
  });

  test("chooses an owner, grouped by type", async () => {
    const { browser } = app;
    const list = await chooseOwner(browser, "Partner Community");
    const order = ["Organization", "Demo Organization", "Community", "Partner Community", "Source", "Partner Feed"];
    const positions = order.map((label) => list.indexOf(label));
    assert.ok(
      positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1])),
      `owners are listed under Organization, Community and Source headings: ${list}`,
    );
    // The choice shows on the sandbox row too.
    const sandbox = await rowNamed(browser, "Local sandbox");
    await browser.waitUntil(
      async () => (await text(await sandbox.$('[data-testid="connection-owner"]'))).includes("Partner Community"),
      { timeout: TIMEOUT, timeoutMsg: "the row shows the chosen owner" },
    );
  });

  test("creates a second connection; its secret stays out of the settings file", async () => {
    const { browser } = app;
    await (await browser.$('[data-testid="new-connection"]')).click();
    const form = "New connection";
    await (await field(browser, form, "name")).waitForDisplayed({ timeout: TIMEOUT });

    // Public Cloud is pre-filled with its documented base URL.
    assert.equal(await (await field(browser, form, "baseUrl")).getValue(), "https://app.threatconnect.com/api");

    await (await field(browser, form, "name")).setValue("Staging");
    await (await browser.$(`//form[@aria-label="${form}"]//label[normalize-space()="On-Premises"]`)).click();
    const baseUrl = await field(browser, form, "baseUrl");
    assert.equal(await baseUrl.getValue(), "", "On-Premises has no pre-filled base URL");

    await (await field(browser, form, "accessId")).setValue("12345678901234567890");
    const secret = "E2E-Secret-Must-Not-Be-Stored-0123456789";
    await (await field(browser, form, "secret")).setValue(secret);

    // A plain-http address is refused by the backend's rules, shown on the field, in words.
    await baseUrl.setValue("http://tc.example.invalid/api");
    await (await formButton(browser, form, "Save connection")).click();
    const baseUrlError = await browser.$(`form[aria-label="${form}"] [id$="-baseUrl-error"]`);
    await baseUrlError.waitForDisplayed({ timeout: TIMEOUT });
    assert.match(await text(baseUrlError), /https:\/\//);
    assert.equal((await rows(browser)).length, 1, "nothing is saved while a field is wrong");
    // Nothing listens on port 9 here: the test fails fast, as an unreachable instance would.
    await retype(browser, baseUrl, "https://127.0.0.1:9/api");

    const keychainWarning = await browser.$('[data-testid="keychain-warning"]');
    assert.match(await text(keychainWarning), /this session only/);

    // Testing an unreachable instance explains it in plain words, without HTTP codes.
    await (await formButton(browser, form, "Test connection")).click();
    const failed = await browser.$('[data-testid="test-result"][data-state="error"]');
    await failed.waitForExist({ timeout: TIMEOUT });
    await failed.scrollIntoView();
    const failure = await text(failed);
    assert.match(failure, /could not reach the server/i);
    assert.doesNotMatch(failure, /\b(403|404|500)\b|panicked|stack/);

    await (await formButton(browser, form, "Save connection")).click();
    const staging = await rowNamed(browser, "Staging");
    assert.equal((await rows(browser)).length, 2);
    assert.match(await text(await staging.$('[data-testid="secret-storage"]')), /session/i);
    assert.equal(
      await (await rowNamed(browser, "Local sandbox")).getAttribute("aria-current"),
      "true",
      "saving a connection does not switch to it",
    );

    const settings = settingsFile(home);
    assert.ok(settings.includes("Staging"), "the profile is saved");
    assert.ok(!settings.includes(secret), "the secret is not in the settings file");
  });

  test("after a restart: both connections, the chosen owner, a real connection without one", async () => {
    await app.stop();
    app = await startApp({ home });
    const { browser } = app;
    await rowNamed(browser, "Staging");
    assert.equal((await rows(browser)).length, 2);
    const owner = await browser.$('[data-testid="owner-select"]');
    await browser.waitUntil(async () => (await owner.getValue()) === "Partner Community", {
      timeout: TIMEOUT,
      timeoutMsg: "the owner chosen for the sandbox is remembered",
    });

    // Switching to the real connection: no owner is chosen for the user.
    await (await browser.$('[aria-label="Use Staging"]')).click();
    const note = await browser.$('[data-testid="no-owner-note"]');
    await note.waitForDisplayed({ timeout: TIMEOUT });
    assert.match(await text(note), /choose an owner/i);
    assert.equal(await owner.getValue(), "", "nothing is chosen on the user's behalf");
  });
});
