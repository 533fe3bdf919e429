/**
 * Connection health, as the owner bar's dot shows it: grey until checked, green when the last
 * call went well, amber when it was slow or the clocks drift apart, red when it failed.
 * Pure functions of the last result, so they are easy to test.
 */
import type { AppError, ConnectionTestReport, OwnersResult } from "../ipc";
import { clocksAgree, formatDuration, formatLatency } from "../lib/format";

export type HealthStatus = "unknown" | "ok" | "warning" | "error";

export interface ConnectionHealth {
  status: HealthStatus;
  /** Two or three words: what the dot means. Always shown or read out with the colour. */
  label: string;
  /** One sentence with the detail, for the tooltip. */
  detail: string;
}

/** A call slower than this turns the dot amber. */
export const SLOW_RESPONSE_MS = 1500;

export const UNKNOWN_HEALTH: ConnectionHealth = {
  status: "unknown",
  label: "Not checked yet",
  detail: "TC Bridge has not talked to this connection yet.",
};

function skewSentence(skewSeconds: number): string {
  const direction = skewSeconds > 0 ? "behind" : "ahead of";
  return `Your clock is ${formatDuration(skewSeconds)} ${direction} ThreatConnect's.`;
}

function fromMeasurements(latencyMs: number, skewSeconds: number | null, skewWarning: boolean): ConnectionHealth {
  if (skewWarning && skewSeconds !== null && !clocksAgree(skewSeconds)) {
    return { status: "warning", label: "Clock out of step", detail: skewSentence(skewSeconds) };
  }
  if (latencyMs > SLOW_RESPONSE_MS) {
    return {
      status: "warning",
      label: "Slow to answer",
      detail: `ThreatConnect took ${formatLatency(latencyMs)} to answer the last request.`,
    };
  }
  return { status: "ok", label: "Connected", detail: `ThreatConnect answered in ${formatLatency(latencyMs)}.` };
}

/** Health after an owners call or a connection test; the skew thresholds are Rust's. */
export function healthFromCall(result: OwnersResult | ConnectionTestReport): ConnectionHealth {
  return fromMeasurements(result.latencyMs, result.clockSkewSeconds, result.skewLevel !== "ok");
}

export function healthFromError(error: AppError): ConnectionHealth {
  switch (error.kind) {
    case "Network":
    case "Timeout":
    case "Tls":
      return { status: "error", label: "Unreachable", detail: error.message };
    case "AuthRejected":
      return { status: "error", label: "Sign-in refused", detail: error.message };
    case "ClockSkew":
      return { status: "error", label: "Clock out of step", detail: error.message };
    default:
      return { status: "error", label: "Not working", detail: error.message };
  }
}
