import { describe, expect, it } from "vitest";
import { healthFromCall, healthFromError } from "./health";

const report = {
  user: { userName: "u", displayName: "U", role: null },
  owners: [],
  latencyMs: 100,
  clockSkewSeconds: 0,
  skewLevel: "ok" as const,
  skewMessage: null,
  signingSelfTestPassed: true,
};

describe("connection health", () => {
  it("is green when the last call was quick and the clocks agree", () => {
    expect(healthFromCall({ owners: [], latencyMs: 40, clockSkewSeconds: 0, skewLevel: "ok" })).toMatchObject({
      status: "ok",
      label: "Connected",
    });
  });

  it("is amber above 1,500 ms or when the clock drifts", () => {
    const owners = { owners: [], clockSkewSeconds: 0, skewLevel: "ok" as const };
    expect(healthFromCall({ ...owners, latencyMs: 1501 }).status).toBe("warning");
    expect(healthFromCall({ ...owners, latencyMs: 1500 }).status).toBe("ok");
    // Rust decides when a skew is worth a warning; the UI follows its level.
    expect(healthFromCall({ ...owners, latencyMs: 40, clockSkewSeconds: 90 }).status).toBe("ok");
    expect(healthFromCall({ ...owners, latencyMs: 40, clockSkewSeconds: 150, skewLevel: "warning" })).toMatchObject({
      status: "warning",
      label: "Clock out of step",
    });
    expect(healthFromCall({ ...report, clockSkewSeconds: 200, skewLevel: "warning" }).status).toBe("warning");
    expect(healthFromCall(report).status).toBe("ok");
  });

  it("is red when the call failed", () => {
    const health = healthFromError({ kind: "Network", message: "Could not reach it.", hint: null, field: null });
    expect(health).toEqual({ status: "error", label: "Unreachable", detail: "Could not reach it." });
    expect(healthFromError({ kind: "AuthRejected", message: "No.", hint: null, field: null }).label).toBe(
      "Sign-in refused",
    );
  });
});
