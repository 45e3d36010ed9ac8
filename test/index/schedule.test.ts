import { describe, expect, it } from "vitest";
import { endOfLocalDay, findIndex, fixingSchedule, loadMethodology, localToUtcMs } from "../../src/index/index.ts";
import type { IndexDefinition } from "../../src/schemas/methodology.ts";

const base = findIndex(loadMethodology(), "GPU-H100SXM-OD");
const at = (timezone: string, time = "16:00", windowHours = 24): IndexDefinition => ({ ...base, fixing: { ...base.fixing, timezone, time, windowHours } });
const iso = (ms: number): string => new Date(ms).toISOString();

describe("fixingSchedule", () => {
  it("fixes GPU indices at 16:00 UTC over the previous 24 hours", () => {
    expect(fixingSchedule(base, "2026-08-08")).toEqual({
      fixingTime: "2026-08-08T16:00:00.000Z",
      windowStart: "2026-08-07T16:00:00.000Z",
      windowEnd: "2026-08-08T16:00:00.000Z",
    });
  });

  it("converts 16:00 Asia/Shanghai (no DST) to 08:00 UTC", () => {
    expect(fixingSchedule(at("Asia/Shanghai"), "2026-08-08").fixingTime).toBe("2026-08-08T08:00:00.000Z");
  });

  it("follows DST in New York and London", () => {
    expect(fixingSchedule(at("America/New_York"), "2026-01-15").fixingTime).toBe("2026-01-15T21:00:00.000Z");
    expect(fixingSchedule(at("America/New_York"), "2026-07-15").fixingTime).toBe("2026-07-15T20:00:00.000Z");
    // The US changed clocks on 2026-03-08: the first fixing after the change is an hour earlier in UTC.
    expect(fixingSchedule(at("America/New_York"), "2026-03-07").fixingTime).toBe("2026-03-07T21:00:00.000Z");
    expect(fixingSchedule(at("America/New_York"), "2026-03-08").fixingTime).toBe("2026-03-08T20:00:00.000Z");
    expect(fixingSchedule(at("Europe/London"), "2026-03-28").fixingTime).toBe("2026-03-28T16:00:00.000Z");
    expect(fixingSchedule(at("Europe/London"), "2026-03-29").fixingTime).toBe("2026-03-29T15:00:00.000Z");
  });

  it("keeps the window length in hours even across a DST change (23 local hours that day)", () => {
    const s = fixingSchedule(at("America/New_York"), "2026-03-08");
    expect(s.windowStart).toBe("2026-03-07T20:00:00.000Z");
  });

  it("resolves a wall time inside a spring-forward gap to the instant after the gap", () => {
    // 02:30 does not exist in New York on 2026-03-08; 03:30 EDT = 07:30Z.
    expect(iso(localToUtcMs("2026-03-08", "02:30", "America/New_York"))).toBe("2026-03-08T07:30:00.000Z");
  });

  it("takes the first occurrence of an ambiguous fall-back wall time", () => {
    expect(iso(localToUtcMs("2026-11-01", "01:30", "America/New_York"))).toBe("2026-11-01T05:30:00.000Z");
  });

  it("rejects malformed and impossible dates", () => {
    expect(() => fixingSchedule(base, "2026-8-8")).toThrow(/YYYY-MM-DD/);
    expect(() => fixingSchedule(base, "2026-02-30")).toThrow(/no such date/);
  });

  it("gives the end of the local day for the republication window", () => {
    expect(endOfLocalDay("2026-08-08", "UTC")).toBe("2026-08-09T00:00:00.000Z");
    expect(endOfLocalDay("2026-08-08", "Asia/Shanghai")).toBe("2026-08-08T16:00:00.000Z");
    expect(endOfLocalDay("2026-12-31", "UTC")).toBe("2027-01-01T00:00:00.000Z");
  });
});
