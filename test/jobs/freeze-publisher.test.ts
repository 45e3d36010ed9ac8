// The publisher wires the freeze into its schedules: on the simulated clock across a month end, one final per series.
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { openStore } from "../../src/db/index.ts";
import { contractStatus, loadMethodology } from "../../src/index/index.ts";
import { createSimClock } from "../../src/jobs/clock.ts";
import { loadContractBook } from "../../src/jobs/contract-book.ts";
import { silentLogger } from "../../src/jobs/logger.ts";
import { startPublisher } from "../../src/main.ts";
import { dailyRows, makeWorld, type World } from "../reliability/harness/world.ts";

let world: World | null = null;
afterEach(() => {
  world?.cleanup();
  world = null;
});

describe("the publisher's freeze schedule", () => {
  it("publishes the month's last fixings, then at the freeze one final per settleable series, once", { timeout: 120_000 }, async () => {
    world = makeWorld("cpi-freeze-");
    const seed = openStore(world.dbPath);
    await seed.insertObservations(dailyRows("2026-12-29", 9, "list_price", "test-live"));
    await seed.close();
    const clock = createSimClock(new Date("2026-12-30T12:00:00.000Z"));
    const p = await startPublisher(loadConfig(world.env({ CPI_LOAD_BUNDLE: "off" }), world.dir), {}, { now: () => clock.now(), cron: clock.driver, sources: [], collectOnStart: false, log: silentLogger });
    try {
      await clock.advanceTo(new Date("2027-01-06T17:00:00.000Z"), () => p.idle());
      const finals = await p.store.listSettlements({});
      const book = loadContractBook(loadMethodology());
      const settleable = book.contracts.filter((c) => contractStatus(c, "2026-12") === "settleable").map((c) => c.index).sort();
      expect(finals.map((f) => f.contract).sort()).toEqual(settleable);
      expect(new Set(finals.map((f) => `${f.month} ${f.publishedAt} ${f.freezeMoves}`))).toEqual(new Set(["2026-12 2027-01-05T16:00:00.000Z 0"]));
      const h100 = finals.find((f) => f.contract === "GPU-H100SXM-OD")!;
      // Live from the 30th only: two computed days of 31, under the rule: the last computed fixing.
      expect([h100.method, h100.coverage.computedDays, h100.days[30]!.kind]).toEqual(["fallback_last_computed", 2, "computed"]);
    } finally {
      await p.close();
    }
  });
});
