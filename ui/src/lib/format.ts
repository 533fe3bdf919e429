/**
 * Plain-words formatting for numbers the backend reports (latency, clock skew, owners).
 * Pure functions: no React, no IPC.
 */
import type { OwnerView, SkewLevel } from "../ipc";

const numberFormat = new Intl.NumberFormat("en-US");

/** "42 ms", "1,520 ms". */
export function formatLatency(ms: number): string {
  // Whole milliseconds mean nothing to a reader above a few dozen, and exact figures would make
  // every screenshot differ: below 10 ms exact, then to the nearest 5 ms, then tenths of seconds.
  if (ms < 10) return `${numberFormat.format(Math.round(ms))} ms`;
  const nearestFive = Math.round(ms / 5) * 5;
  if (nearestFive < 1000) return `${numberFormat.format(nearestFive)} ms`;
  return `${(Math.round(ms / 100) / 10).toLocaleString("en-US", { minimumFractionDigits: 1 })} s`;
}

function plural(count: number, unit: string): string {
  return `${numberFormat.format(count)} ${unit}${count === 1 ? "" : "s"}`;
}

/** "3 minutes 40 seconds", "1 second", "2 hours 5 minutes" (whole seconds, largest two units). */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.round(Math.abs(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) {
    return minutes > 0 ? `${plural(hours, "hour")} ${plural(minutes, "minute")}` : plural(hours, "hour");
  }
  if (minutes > 0) {
    return rest > 0 ? `${plural(minutes, "minute")} ${plural(rest, "second")}` : plural(minutes, "minute");
  }
  return plural(rest, "second");
}

/** "3 min 40 s", "12 s": the short form for the status line. */
export function formatDurationShort(totalSeconds: number): string {
  const seconds = Math.round(Math.abs(totalSeconds));
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** Whether two clocks count as agreeing: within one second either way. */
export function clocksAgree(skewSeconds: number): boolean {
  return Math.abs(skewSeconds) < 1.5;
}

/**
 * The clock sentence of a connection test. `skewSeconds` is ThreatConnect's clock minus this
 * computer's, so a positive value means this computer is behind. A message from the backend
 * wins over the sentence built here.
 */
export function describeSkew(
  skewSeconds: number | null,
  level: SkewLevel,
  backendMessage: string | null,
): string {
  if (backendMessage !== null && backendMessage.trim() !== "") return backendMessage;
  if (skewSeconds === null) {
    return "ThreatConnect did not say what time it is, so the clocks could not be compared.";
  }
  if (clocksAgree(skewSeconds)) {
    return "Your clock and ThreatConnect's agree (within 1 second).";
  }
  const direction = skewSeconds > 0 ? "behind" : "ahead of";
  const gap = formatDuration(skewSeconds);
  if (level === "ok") {
    return `Your clock is ${gap} ${direction} ThreatConnect's, well within the 5-minute limit.`;
  }
  const urgency = level === "critical" ? "correct the clock now" : "correct the clock soon";
  return `Your computer's clock is ${gap} ${direction} ThreatConnect's. Requests are refused beyond 5 minutes — ${urgency}.`;
}

/** Short clock note for the status line: "Clock in step", "Clock 3 min 40 s behind". */
export function describeSkewShort(skewSeconds: number | null): string {
  if (skewSeconds === null) return "Clock not compared";
  if (clocksAgree(skewSeconds)) return "Clock in step";
  return `Clock ${formatDurationShort(skewSeconds)} ${skewSeconds > 0 ? "behind" : "ahead"}`;
}

/** The owner kinds in the order the UI lists them; other kinds follow, alphabetically. */
export const OWNER_TYPE_ORDER: readonly string[] = ["Organization", "Community", "Source"];

export interface OwnerGroup {
  ownerType: string;
  owners: OwnerView[];
}

function typeRank(ownerType: string): number {
  const index = OWNER_TYPE_ORDER.indexOf(ownerType);
  return index === -1 ? OWNER_TYPE_ORDER.length : index;
}

/** Owners grouped by kind (Organization, Community, Source, then others), names sorted. */
export function groupOwners(owners: readonly OwnerView[]): OwnerGroup[] {
  const groups = new Map<string, OwnerView[]>();
  for (const owner of owners) {
    const list = groups.get(owner.ownerType);
    if (list) list.push(owner);
    else groups.set(owner.ownerType, [owner]);
  }
  return [...groups.entries()]
    .map(([ownerType, list]) => ({
      ownerType,
      owners: [...list].sort((a, b) => a.name.localeCompare(b.name, "en")),
    }))
    .sort(
      (a, b) => typeRank(a.ownerType) - typeRank(b.ownerType) || a.ownerType.localeCompare(b.ownerType, "en"),
    );
}

/** "1 owner", "3 owners". */
export function countOwners(count: number): string {
  return plural(count, "owner");
}
