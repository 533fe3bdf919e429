// `npm run screenshots`: drives the real app on its sandbox and writes docs/screenshots/*.png.
// The window is 1280 x 800 and everything that could change between runs is pinned (port,
// Access ID, response time, a keychain being present), so images change only when the UI does.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { settle, startApp } from "./harness.mjs";
import { startKeyring } from "./keyring.mjs";
import { TIMEOUT, chooseOwner, fillNewConnection, formButton, rowNamed } from "./ui.mjs";

const out = resolve(import.meta.dirname, "../../docs/screenshots");
mkdirSync(out, { recursive: true });
const home = mkdtempSync(join(tmpdir(), "tc-bridge-shots-"));
const keyring = await startKeyring();
const app = await startApp({
  home,
  keychain: true,
  env: {
    TC_BRIDGE_SANDBOX_LISTEN: "127.0.0.1:8459",
    // The published example Access ID: obviously not a customer's.
    TC_BRIDGE_SANDBOX_ACCESS_ID: "12345678901234567890",
    TC_BRIDGE_SANDBOX_SECRET_KEY: "TestSecretKey-DoNotUse-0123456789abcdef",
    TC_BRIDGE_SANDBOX_LATENCY_MS: "38",
  },
});
const { browser } = app;

async function shot(name) {
  // Park the pointer in a corner and drop the text caret so no hover or focus state shows,
  // let animations end, then capture.
  await browser.action("pointer").move({ x: 1, y: 1 }).perform();
  await browser.execute(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  });
  await browser.pause(400);
  await settle(browser);
  await browser.saveScreenshot(join(out, `${name}.png`));
  console.log(`wrote docs/screenshots/${name}.png`);
}

try {
  await (await rowNamed(browser, "Local sandbox")).waitForDisplayed({ timeout: TIMEOUT });
  // A second request on a warm connection, so the status line shows the steady latency.
  await (await browser.$('[aria-label="Refresh owners"]')).click();
  await browser.pause(300);

  // A connection to a customer instance, with a made-up address, next to the sandbox.
  const form = await fillNewConnection(browser, {
    name: "Acme production",
    deployment: "Dedicated Cloud",
    baseUrl: "https://acme.threatconnect.example/api",
    accessId: "00000000000000000001",
    secret: "not-a-real-secret-key",
  });
  await shot("connection-form");
  await (await formButton(browser, form, "Save connection")).click();
  await rowNamed(browser, "Acme production");
  await (await browser.$(`form[aria-label="${form}"]`)).waitForExist({ reverse: true, timeout: TIMEOUT });

  await (await browser.$('[aria-label="Test Local sandbox"]')).click();
  await (await browser.$('[data-testid="test-result"][data-state="ok"]')).waitForExist({ timeout: TIMEOUT });
  await shot("connections");

  await browser.keys(["Control", "k"]);
  const switcher = await browser.$('[role="dialog"][aria-label="Quick switcher"]');
  await switcher.waitForDisplayed({ timeout: TIMEOUT });
  await browser.keys("partner".split(""));
  await shot("quick-switcher");
  await browser.keys(["Escape"]);
  await switcher.waitForDisplayed({ reverse: true, timeout: TIMEOUT });

  await (await browser.$('[data-testid="owner-select"]')).click();
  await (await browser.$('[role="listbox"]')).waitForDisplayed({ timeout: TIMEOUT });
  await shot("owner-picker");
  await browser.keys(["Escape"]);
  await chooseOwner(browser, "Partner Feed");

  const theme = (label) => browser.$(`//*[@data-testid="theme-switch"]//label[normalize-space()="${label}"]`);
  await (await theme("Dark theme")).click();
  await shot("connections-dark");
  await (await theme("Follow system theme")).click();

  const workshop = () => browser.$('//label[normalize-space()="Workshop view"]');
  await (await workshop()).click();
  await shot("workshop-view");
  await (await workshop()).click();
} finally {
  await app.stop();
  await keyring.stop();
  rmSync(home, { recursive: true, force: true });
}
