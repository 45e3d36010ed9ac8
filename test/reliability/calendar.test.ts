// Clock and calendar edge cases: DST changes, month ends, leap days, and fixing times missed while the process was down.
import { afterEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { endOfLocalDay, fixingSchedule, correctionAllowed, parseIsoDate } from "../../src/index/index.ts";
import type { IndexDefinition } from "../../src/schemas/methodology.ts";
import { addDays, fixIndex, latestDueDate } from "../../src/jobs/fix.ts";
import { catchUpFixings, missedDates, CATCH_UP_MAX_DAYS } from "../../src/jobs/catch-up.ts";
import { lateNote, LATE_GRACE_MS } from "../../src/jobs/late.ts";
import { openStore, type Store } from "../../src/db/index.ts";
import { ephemeralSigner, loadOrCreateSigner } from "../../src/jobs/signing.ts";
import { silentLogger } from "../../src/jobs/logger.ts";
import { loadConfig } from "../../src/config.ts";
import { startPublisher } from "../../src/main.ts";
import { methodology } from "./harness/seed.ts";
import { dailyRows, makeWorld, type World } from "./harness/world.ts";
import { scratchStore } from "../helpers/stores.ts";

const base = methodology.indices.find((d) => d.code === "GPU-H100SXM-OD")!;
const at = (timezone: string, time = "16:00", code = `TEST-${timezone}`): IndexDefinition => ({ ...base, code, fixing: { ...base.fixing, timezone, time } });
const ZONES = ["UTC", "America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "Pacific/Chatham", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/St_Johns"];
const TIMES = ["00:00", "00:30", "02:30", "16:00", "23:59"];

/** The local wall-clock reading of an instant in a zone, "YYYY-MM-DD HH:MM". */
function wall(iso: string, timeZone: string): string {
  const p = new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).formatToParts(new Date(iso));
  const get = (t: string) => p.find((x) => x.type === t)!.value;
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

describe("fixing times across DST changes", () => {
  it.each([
    ["America/New_York", "2026-03-07", "2026-03-07T21:00:00.000Z"],
    ["America/New_York", "2026-03-08", "2026-03-08T20:00:00.000Z"], // spring forward: EDT from 02:00
    ["America/New_York", "2026-10-31", "2026-10-31T20:00:00.000Z"],
    ["America/New_York", "2026-11-01", "2026-11-01T21:00:00.000Z"], // fall back
    ["Europe/London", "2026-03-28", "2026-03-28T16:00:00.000Z"],
    ["Europe/London", "2026-03-29", "2026-03-29T15:00:00.000Z"],
    ["Europe/London", "2026-10-25", "2026-10-25T16:00:00.000Z"],
    ["Australia/Sydney", "2026-04-05", "2026-04-05T06:00:00.000Z"], // southern autumn: AEDT -> AEST that morning
    ["Australia/Sydney", "2026-10-04", "2026-10-04T05:00:00.000Z"],
  ])("%s 16:00 on %s is %s; the window is the 24 elapsed hours before it", (zone, date, utc) => {
    const s = fixingSchedule(at(zone), date);
    expect(s.fixingTime).toBe(utc);
    expect(Date.parse(s.fixingTime) - Date.parse(s.windowStart)).toBe(24 * 3_600_000);
  });

  it("a fixing time inside the spring-forward gap moves forward by the gap (02:30 -> 03:30 EDT); an ambiguous fall-back time is one of its two readings", () => {
    const gap = fixingSchedule(at("America/New_York", "02:30"), "2026-03-08").fixingTime;
    expect(gap).toBe("2026-03-08T07:30:00.000Z");
    expect(wall(gap, "America/New_York")).toBe("2026-03-08 03:30");
    const ambiguous = fixingSchedule(at("America/New_York", "01:30"), "2026-11-01").fixingTime;
    expect(["2026-11-01T05:30:00.000Z", "2026-11-01T06:30:00.000Z"]).toContain(ambiguous);
    expect(wall(ambiguous, "America/New_York")).toBe("2026-11-01 01:30");
  });

  it("property: latestDueDate is the date whose fixing time passed most recently, in any zone, at any time, across DST, month ends and leap days", () => {
    const instants = fc.integer({ min: Date.parse("2024-01-01T00:00:00Z"), max: Date.parse("2030-12-31T00:00:00Z") });
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), fc.constantFrom(...TIMES), (ms, zone, time) => {
        const def = at(zone, time);
        const due = latestDueDate(def, new Date(ms));
        expect(Date.parse(fixingSchedule(def, due).fixingTime)).toBeLessThanOrEqual(ms);
        expect(Date.parse(fixingSchedule(def, addDays(due, 1)).fixingTime)).toBeGreaterThan(ms);
      }),
      { numRuns: 2000, seed: 314 },
    );
  });

  it("the same-day republication deadline is the end of the local day, DST included", () => {
    const ny = at("America/New_York");
    expect(endOfLocalDay("2026-03-08", "America/New_York")).toBe("2026-03-09T04:00:00.000Z");
    expect(endOfLocalDay("2026-11-01", "America/New_York")).toBe("2026-11-02T05:00:00.000Z");
    const prev = { indexCode: ny.code, fixingDate: "2026-03-08", value: "2.0000" } as Parameters<typeof correctionAllowed>[0];
    const next = { indexCode: ny.code, fixingDate: "2026-03-08", value: "2.1000" } as Parameters<typeof correctionAllowed>[1];
    expect(correctionAllowed(prev, next, "2026-03-09T03:59:59.000Z", ny, methodology.corrections).kind).toBe("republication");
    expect(correctionAllowed(prev, next, "2026-03-09T04:00:00.000Z", ny, methodology.corrections).kind).toBe("restatement");
  });
});

describe("month ends and leap days", () => {
  it("dates roll over month and year ends and respect leap years", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(() => parseIsoDate("2027-02-29")).toThrow(/no such date/);
    expect(fixingSchedule(base, "2028-02-29").fixingTime).toBe("2028-02-29T16:00:00.000Z");
  });

  it.each([
    ["a month end", "2026-01-30", "2026-02-02T17:00:00.000Z", ["2026-01-31", "2026-02-01", "2026-02-02"]],
    ["a leap day", "2028-02-27", "2028-03-01T17:00:00.000Z", ["2028-02-28", "2028-02-29", "2028-03-01"]],
    ["a year end", "2026-12-30", "2027-01-01T16:30:00.000Z", ["2026-12-31", "2027-01-01"]],
    ["a non-leap February", "2027-02-27", "2027-03-01T15:00:00.000Z", ["2027-02-28"]],
  ])("missed dates across %s", async (_name, lastLive, now, missed) => {
    const store = scratchStore();
    const signer = ephemeralSigner();
    await fixIndex(base, lastLive, "final", { store, signer, methodology, now: () => new Date(`${lastLive}T16:00:05.000Z`) });
    expect(await missedDates(store, base, new Date(now), `${lastLive}T16:00:05.000Z`)).toEqual(missed);
    await store.close();
  });

  it("missed dates of a DST zone are the local dates whose local fixing time passed", async () => {
    const store = scratchStore();
    const ny = at("America/New_York");
    await fixIndex(ny, "2026-03-06", "final", { store, signer: ephemeralSigner(), methodology, now: () => new Date("2026-03-06T21:00:05.000Z") });
    // 2026-03-09 20:30Z is 16:30 EDT: the 9th is due (DST began on the 8th); at 19:59Z it would not be.
    expect(await missedDates(store, ny, new Date("2026-03-09T20:30:00.000Z"), "2026-03-06T21:00:05.000Z")).toEqual(["2026-03-07", "2026-03-08", "2026-03-09"]);
    expect(await missedDates(store, ny, new Date("2026-03-09T19:59:00.000Z"), "2026-03-06T21:00:05.000Z")).toEqual(["2026-03-07", "2026-03-08"]);
    await store.close();
  });
});

describe("missed fixing times: caught up on start, flagged late", () => {
  let world: World | null = null;
  let store: Store | null = null;
  afterEach(async () => {
    await store?.close();
    store = null;
    world?.cleanup();
    world = null;
  });

  it("lateNote flags a publication more than the grace period after the fixing time, and only then", () => {
    expect(lateNote("2026-05-01T16:00:00.000Z", new Date(Date.parse("2026-05-01T16:00:00.000Z") + LATE_GRACE_MS).toISOString())).toBeNull();
    expect(lateNote("2026-05-01T16:00:00.000Z", "2026-05-01T16:16:00.000Z")).toMatch(/^late publication: published 2026-05-01T16:16:00.000Z, 16 min after the fixing time/);
    expect(lateNote("2026-05-01T16:00:00.000Z", "2026-05-04T18:00:00.000Z")).toMatch(/3 days after/);
  });

  it("startPublisher publishes the fixings missed during an outage before scheduling anything, flagged late; a restart publishes nothing more", async () => {
    world = makeWorld("cpi-catchup-");
    store = openStore(world.dbPath);
    const signer = loadOrCreateSigner(world.keysDir);
    await store.insertObservations(dailyRows("2026-05-01", 4, "list_price", "test-live"));
    const onTime = { store, signer, methodology, now: () => new Date("2026-05-01T16:00:20.000Z") };
    for (const def of methodology.indices) await fixIndex(def, "2026-05-01", "final", onTime);
    await store.close();
    store = null;
    const config = loadConfig(world.env({ CPI_LOAD_BUNDLE: "off" }), world.dir);
    const start = () => startPublisher(config, {}, { now: () => new Date("2026-05-04T18:00:00.000Z"), sources: [], collectOnStart: false, log: silentLogger });
    const first = await start();
    const h100 = await first.store.fixingHistory("GPU-H100SXM-OD", {});
    await first.close();
    expect(h100.map((f) => f.fixingDate)).toEqual(["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04"]);
    expect(h100[0]!.note ?? "").not.toMatch(/late/);
    for (const f of h100.slice(1)) {
      expect(f.status).toBe("final");
      expect(f.note).toMatch(/late publication: published 2026-05-04T18:00:00.000Z/);
    }
    const second = await start();
    const count = (await second.store.fixingHistory("GPU-H100SXM-OD", {})).length;
    await second.close();
    expect(count).toBe(4);
  });

  it("after an outage longer than the catch-up horizon only the last days are published; a fresh install catches up nothing", async () => {
    world = makeWorld("cpi-catchup-long-");
    store = openStore(world.dbPath);
    const deps = { store, signer: ephemeralSigner(), methodology: { ...methodology, indices: [base] }, now: () => new Date("2026-05-01T16:00:20.000Z") };
    const firstStart = "2026-05-01T16:00:20.000Z";
    expect(await catchUpFixings(deps, silentLogger, firstStart)).toEqual([]); // started after the day's fixing time
    await fixIndex(base, "2026-05-01", "final", deps);
    const late = await catchUpFixings({ ...deps, now: () => new Date("2026-05-20T17:00:00.000Z") }, silentLogger, firstStart);
    expect(late.map((o) => o.date)).toEqual(Array.from({ length: CATCH_UP_MAX_DAYS }, (_, i) => addDays("2026-05-14", i)));
    expect(await catchUpFixings({ ...deps, now: () => new Date("2026-05-20T17:00:00.000Z") }, silentLogger, firstStart)).toEqual([]);
  });
});
