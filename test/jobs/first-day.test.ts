// A correct first day: catch-up covers only fixing times after the install's first live start.
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { openStore } from "../../src/db/index.ts";
import { startPublisher } from "../../src/main.ts";
import { FIRST_LIVE_START_KEY, isLivePublication } from "../../src/jobs/first-live.ts";
import { silentLogger } from "../../src/jobs/logger.ts";
import { fixIndex } from "../../src/jobs/fix.ts";
import { loadMethodology } from "../../src/index/index.ts";
import { ephemeralSigner } from "../../src/jobs/signing.ts";
import { dailyRows, makeWorld, writeBundle, type World } from "../reliability/harness/world.ts";
import { LIVE_2026, methodologyVersion } from "../helpers/methodology.ts";

let world: World | null = null;
afterEach(() => {
  world?.cleanup();
  world = null;
});

/** Start and stop the publisher at a fixed time; returns every live publication of the H100 index then. */
async function startAt(w: World, iso: string, extra: Record<string, string> = {}) {
  const config = loadConfig(w.env(extra), w.dir);
  const p = await startPublisher(config, {}, { now: () => new Date(iso), sources: [], collectOnStart: false, log: silentLogger });
  const all = await p.store.fixingHistory("GPU-H100SXM-OD", {});
  const firstLive = await p.store.getMeta(FIRST_LIVE_START_KEY);
  await p.close();
  return { live: all.filter(isLivePublication), backCalculated: all.filter((f) => !isLivePublication(f)), firstLive };
}

describe("the first day of an install", () => {
  it("a fresh install publishes nothing for fixing times before its first start, though its history ends in carried fallbacks", async () => {
    world = makeWorld("cpi-first-day-");
    // History ends with a day of one provider: back-calculation carries the prior value as a "fallback" day,
    // which the old catch-up took for a live publication (and then published a week of empty "late" days).
    writeBundle(world.bundleDir, [...dailyRows("2026-11-18", 7, "historical_import", "test-history"), ...dailyRows("2026-11-25", 1, "historical_import", "test-history", ["lambda"])]);
    const first = await startAt(world, "2026-12-02T10:00:00.000Z");
    expect(first.firstLive).toBe("2026-12-02T10:00:00.000Z");
    expect(first.backCalculated.length).toBeGreaterThan(0);
    expect(first.backCalculated.some((f) => f.status === "fallback")).toBe(true);
    expect(first.live).toEqual([]);
  });

  it("after an outage, catch-up covers the fixing times after the first start only, flagged late", async () => {
    world = makeWorld("cpi-first-day-outage-");
    writeBundle(world.bundleDir, dailyRows("2026-11-18", 7, "historical_import", "test-history"));
    // First start after the 12-02 fixing time (16:00 UTC): 12-02 was never due for this install.
    await startAt(world, "2026-12-02T16:30:00.000Z");
    const again = await startAt(world, "2026-12-04T18:00:00.000Z");
    expect(again.firstLive).toBe("2026-12-02T16:30:00.000Z");
    expect(again.live.map((f) => f.fixingDate)).toEqual(["2026-12-03", "2026-12-04"]);
    for (const f of again.live) expect(f.note).toMatch(/late publication/);
  });

  it("a database that published live before the key existed counts from its earliest final fixing", async () => {
    world = makeWorld("cpi-first-day-upgrade-");
    const store = openStore(world.dbPath);
    await store.insertObservations(dailyRows("2026-11-30", 2, "list_price", "test-live"));
    const methodology = methodologyVersion(LIVE_2026);
    const def = methodology.indices.find((d) => d.code === "GPU-H100SXM-OD")!;
    await fixIndex(def, "2026-12-01", "final", { store, signer: ephemeralSigner(), methodology, now: () => new Date("2026-12-01T16:00:05.000Z") });
    await store.close();
    const upgraded = await startAt(world, "2026-12-03T18:00:00.000Z", { CPI_LOAD_BUNDLE: "off" });
    expect(upgraded.firstLive).toBe("2026-12-01T16:00:00.000Z");
    expect(upgraded.live.map((f) => f.fixingDate)).toEqual(["2026-12-01", "2026-12-02", "2026-12-03"]);
  });
});
