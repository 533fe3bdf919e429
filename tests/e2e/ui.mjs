// What the end-to-end tests and the screenshot script do with the app's screens, by the
// accessible names and test ids the UI promises (see ui/src).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

export const TIMEOUT = 20_000;

/**
 * An element's text content. WebKitWebDriver's "visible text" leaves out some styled spans
 * (badges), so assertions read the DOM text instead.
 */
export const text = async (element) => (await element.getProperty("textContent")) ?? "";

/** The form field whose id ends with `-<name>` (ids come from the form's field names). */
export const field = (browser, form, name) => browser.$(`form[aria-label="${form}"] [id$="-${name}"]`);

/**
 * Replaces an input's text as a person would (select all, type). WebDriver's own clear does
 * not fire the input events React listens to, so the old text would come back.
 */
export async function retype(browser, element, value) {
  await element.click();
  await browser.keys(["Control", "a"]);
  await browser.keys(["Backspace"]);
  await element.addValue(value);
}

export async function rows(browser) {
  return browser.$$('[data-testid="connection-row"]');
}

export async function rowNamed(browser, name) {
  const row = await browser.$(`[data-testid="connection-row"][aria-label="${name}"]`);
  await row.waitForExist({ timeout: TIMEOUT });
  return row;
}

/** Opens the owner picker, picks `name`, and returns the list's text as it was shown. */
export async function chooseOwner(browser, name) {
  const select = await browser.$('[data-testid="owner-select"]');
  await select.waitForEnabled({ timeout: TIMEOUT });
  await select.click();
  const listbox = await browser.$('[role="listbox"]');
  await listbox.waitForDisplayed({ timeout: TIMEOUT });
  const shown = await text(listbox);
  const option = await browser.$(`//*[@role="option"][contains(normalize-space(.), "${name}")]`);
  await option.waitForDisplayed({ timeout: TIMEOUT });
  await option.click();
  await browser.waitUntil(async () => (await select.getValue()) === name, {
    timeout: TIMEOUT,
    timeoutMsg: `the owner picker should show ${name}`,
  });
  return shown;
}


/**
 * Opens "New connection" and fills it in. `deployment` is the label of a deployment choice;
 * fields left out keep what the form offers.
 */
export async function fillNewConnection(browser, { name, deployment, baseUrl, accessId, secret }) {
  await (await browser.$('[data-testid="new-connection"]')).click();
  const form = "New connection";
  await (await field(browser, form, "name")).waitForDisplayed({ timeout: TIMEOUT });
  await (await field(browser, form, "name")).setValue(name);
  if (deployment) {
    await (await browser.$(`//form[@aria-label="${form}"]//label[normalize-space()="${deployment}"]`)).click();
  }
  if (baseUrl !== undefined) await retype(browser, await field(browser, form, "baseUrl"), baseUrl);
  if (accessId !== undefined) await (await field(browser, form, "accessId")).setValue(accessId);
  if (secret !== undefined) await (await field(browser, form, "secret")).setValue(secret);
  return form;
}

/** Clicks a button of the open connection form by its text. */
export async function formButton(browser, form, label) {
  return (await browser.$(`form[aria-label="${form}"]`)).$(`button=${label}`);
}

/** The settings file the app wrote under an isolated data folder. */
export function settingsFile(home) {
  const dataDir = join(home, "data");
  const appDir = readdirSync(dataDir).find((d) => d.startsWith("io.tcbridge"));
  return readFileSync(join(dataDir, appDir, "tc-bridge.json"), "utf8");
}
