/** The computer the app runs on, where the UI's words depend on it (keyboard shortcuts). */

/** True on macOS (and iPadOS), where the shortcut key is ⌘ rather than Ctrl. */
export function isApplePlatform(): boolean {
  return typeof navigator !== "undefined" && /Macintosh|Mac OS X|iPhone|iPad/.test(navigator.userAgent);
}

/** The quick switcher's shortcut as printed on a key cap: "⌘K" on a Mac, "Ctrl K" elsewhere. */
export function quickSwitcherKeys(): string {
  return isApplePlatform() ? "⌘K" : "Ctrl K";
}
