// The scheduler's clock seam: cron matching in a time zone, and a simulated clock driving the real scheduler.
import { describe, expect, it } from "vitest";
import { parseCron, wallClock } from "../../src/jobs/cron.ts";
import { createSimClock } from "../../src/jobs/clock.ts";
import { startScheduler } from "../../src/jobs/scheduler.ts";
import { silentLogger } from "../../src/jobs/logger.ts";
import type { SourceDef } from "../../src/sources/types.ts";
import type { IndexDefinition } from "../../src/schemas/methodology.ts";

describe("cron matching", () => {
  it("matches lists, ranges, steps, weekdays and the 6-field form", () => {
    const at = (iso: string, tz = "UTC") => wallClock(new Date(iso), tz);
    expect(parseCron("10 2,14 * * *")(at("2026-12-02T14:10:00Z"))).toBe(true);
    expect(parseCron("10 2,14 * * *")(at("2026-12-02T15:10:00Z"))).toBe(false);
    expect(parseCron("25 */4 * * *")(at("2026-12-02T08:25:00Z"))).toBe(true);
    expect(parseCron("30 15 * * 1-5")(at("2026-12-05T15:30:00Z"))).toBe(false); // a Saturday
    expect(parseCron("0 0 * * 7")(at("2026-12-06T00:00:00Z"))).toBe(true); // Sunday as 7
    expect(parseCron("* * * * * *")(at("2026-12-02T00:00:00Z"))).toBe(true);
    // 16:00 in Shanghai is 08:00 UTC.
    expect(parseCron("0 16 * * *")(at("2026-12-02T08:00:00Z", "Asia/Shanghai"))).toBe(true);
    expect(() => parseCron("0 25 * * *")).toThrow(/out of range/);
    expect(() => parseCron("MON * * *")).toThrow(/5 or 6 fields/);
  });
});

describe("a simulated clock", () => {
  it("runs the real scheduler over two days in order, each job seeing its own minute", async () => {
    const clock = createSimClock(new Date("2026-12-02T00:00:00Z"));
    const seen: string[] = [];
    const source = { id: "s", schedule: "10 2,14 * * *" } as SourceDef;
    const def = { code: "X", fixing: { time: "16:00", timezone: "UTC" } } as IndexDefinition;
    const scheduler = startScheduler([source], [def], {
      collect: async () => seen.push(`collect ${clock.now().toISOString()}`),
      fix: async () => seen.push(`fix ${clock.now().toISOString()}`),
    }, silentLogger, clock.driver);
    const fired = await clock.advanceTo(new Date("2026-12-04T00:00:00Z"), () => scheduler.idle());
    scheduler.stop();
    expect(fired).toBe(6);
    expect(seen).toEqual([
      "collect 2026-12-02T02:10:00.000Z", "collect 2026-12-02T14:10:00.000Z", "fix 2026-12-02T16:00:00.000Z",
      "collect 2026-12-03T02:10:00.000Z", "collect 2026-12-03T14:10:00.000Z", "fix 2026-12-03T16:00:00.000Z",
    ]);
  });
});

describe("CPI_SIM_CLOCK", () => {
  it("is an interval of two ISO instants, start before end; anything else stops the start with the variable named", async () => {
    const { loadConfig } = await import("../../src/config.ts");
    expect(loadConfig({ CPI_SIM_CLOCK: "2026-12-01T00:00:00Z/2026-12-04T00:00:00Z" }, "/").simClock).toEqual({ start: new Date("2026-12-01T00:00:00Z"), end: new Date("2026-12-04T00:00:00Z") });
    expect(loadConfig({}, "/").simClock).toBeNull();
    for (const bad of ["2026-12-04T00:00:00Z/2026-12-01T00:00:00Z", "2026-12-01", "yesterday/today", "2026-12-01T00:00:00Z"]) {
      expect(() => loadConfig({ CPI_SIM_CLOCK: bad }, "/")).toThrow(/CPI_SIM_CLOCK must be <start>\/<end>/);
    }
  });
});
