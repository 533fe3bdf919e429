import { describe, expect, it } from "vitest";
import {
  countOwners,
  describeSkew,
  describeSkewShort,
  formatDuration,
  formatLatency,
  groupOwners,
} from "./format";

describe("formatDuration", () => {
  it.each([
    [0, "0 seconds"],
    [1, "1 second"],
    [59.6, "1 minute"],
    [220, "3 minutes 40 seconds"],
    [-220, "3 minutes 40 seconds"],
    [3600, "1 hour"],
    [7500, "2 hours 5 minutes"],
  ])("%s s reads %s", (seconds, words) => {
    expect(formatDuration(seconds)).toBe(words);
  });
});

describe("clock skew in words", () => {
  it("says the clocks agree within a second", () => {
    expect(describeSkew(0.4, "ok", null)).toBe("Your clock and ThreatConnect's agree (within 1 second).");
    expect(describeSkew(-1, "ok", null)).toBe("Your clock and ThreatConnect's agree (within 1 second).");
  });

  it("says which way and by how much, and what to do near the limit", () => {
    expect(describeSkew(220, "warning", null)).toBe(
      "Your computer's clock is 3 minutes 40 seconds behind ThreatConnect's. Requests are refused beyond 5 minutes — correct the clock soon.",
    );
    expect(describeSkew(-330, "critical", null)).toContain("ahead of ThreatConnect's");
    expect(describeSkew(-330, "critical", null)).toContain("correct the clock now");
    expect(describeSkew(12, "ok", null)).toBe(
      "Your clock is 12 seconds behind ThreatConnect's, well within the 5-minute limit.",
    );
  });

  it("uses the backend's message when it sends one, and copes with no server date", () => {
    expect(describeSkew(220, "warning", "From Rust.")).toBe("From Rust.");
    expect(describeSkew(null, "ok", null)).toContain("could not be compared");
  });

  it("has a short form for the status line", () => {
    expect(describeSkewShort(0)).toBe("Clock in step");
    expect(describeSkewShort(220)).toBe("Clock 3 min 40 s behind");
    expect(describeSkewShort(-45)).toBe("Clock 45 s ahead");
    expect(describeSkewShort(null)).toBe("Clock not compared");
  });
});

describe("groupOwners", () => {
  it("orders Organization, Community, Source, then other kinds, names sorted", () => {
    const groups = groupOwners([
      { id: "5", name: "Zed", ownerType: "Source" },
      { id: "4", name: "Legacy", ownerType: "Individual" },
      { id: "3", name: "Alpha", ownerType: "Source" },
      { id: "2", name: "ISAC", ownerType: "Community" },
      { id: "1", name: "Acme", ownerType: "Organization" },
    ]);
    expect(groups.map((g) => [g.ownerType, g.owners.map((o) => o.name)])).toEqual([
      ["Organization", ["Acme"]],
      ["Community", ["ISAC"]],
      ["Source", ["Alpha", "Zed"]],
      ["Individual", ["Legacy"]],
    ]);
  });
});

describe("small formats", () => {
  it("formats latency and counts", () => {
    expect(formatLatency(1520.4)).toBe("1.5 s");
    expect(formatLatency(3.4)).toBe("3 ms");
    expect(formatLatency(41.2)).toBe("40 ms");
    expect(formatLatency(183)).toBe("185 ms");
    expect(formatLatency(999)).toBe("1.0 s");
    expect(countOwners(1)).toBe("1 owner");
    expect(countOwners(3)).toBe("3 owners");
  });
});
