// The settlement freeze on the simulated clock: across a month end and a freeze, one final per settleable series.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/db/index.ts";
import { contractStatus, loadMethodology, monthDates } from "../../src/index/index.ts";
import { createSimClock, type SimClock } from "../../src/jobs/clock.ts";
import { loadContractBook } from "../../src/jobs/contract-book.ts";
import { startScheduler, type Scheduler } from "../../src/jobs/scheduler.ts";
import { freezeSettlements, freezeMoves } from "../../src/jobs/settle.ts";
import { silentLogger } from "../../src/jobs/logger.ts";
import { ephemeralSigner } from "../../src/jobs/signing.ts";
import { fixingDraft } from "../helpers/observations.ts";
import { openTestStore, type TestStore } from "../helpers/stores.ts";

const methodology = loadMethodology();
const book = loadContractBook(methodology);
const signer = ephemeralSigner();
const settleable = book.contracts.filter((c) => contractStatus(c, "2026-12") === "settleable").map((c) => c.index);
const THIN = "GPU-B200-OD";
const CHANGED = "GPU-H200SXM-OD";

/** A live final fixing of `code` on `date`, published at its fixing time plus five seconds. */
async function publish(store: Store, code: string, date: string, value: string, version = "1.0.0") {
  await store.appendFixing(fixingDraft({ indexCode: code, fixingDate: date, fixingTime: `${date}T16:00:00.000Z`, value, methodologyVersion: version, calculation: "live" }), {
    publishedAt: `${date}T16:00:05.000Z`,
    sign: signer.sign,
    ifAbsent: true,
  });
}

/** December 1..29 of every contract series (the thin one only on five days; one series changes version on the 15th). */
async function seedDecember(store: Store) {
  for (const spec of book.contracts) {
    for (const date of monthDates("2026-12").slice(0, 29)) {
      const day = Number(date.slice(8));
      if (spec.index === THIN && day > 5) continue;
      await publish(store, spec.index, date, day % 2 === 0 ? "2.0000" : "3.0000", spec.index === CHANGED && day >= 15 ? "2.0.0" : "1.0.0");
    }
  }
}

let t: TestStore;
let clock: SimClock;
let scheduler: Scheduler;
let firstLive: string | null;

function start(at: string) {
  clock = createSimClock(new Date(at));
  const deps = { store: t.store, signer, book, now: () => clock.now() };
  scheduler = startScheduler([], methodology.indices.filter((d) => settleable.includes(d.code)), {
    collect: async () => undefined,
    // The daily fixing: what the fixing job would publish for the day (2.0000 on every day after the seed).
    fix: async (def) => publish(t.store, def.code, clock.now().toISOString().slice(0, 10), "2.0000"),
    freeze: { time: book.terms.freeze.time, run: () => freezeSettlements(deps, firstLive) },
  }, silentLogger, clock.driver);
}

beforeEach(async () => {
  t = await openTestStore();
  firstLive = "2026-12-01T00:00:00.000Z";
  await seedDecember(t.store);
});
afterEach(async () => {
  scheduler?.stop();
  await t.cleanup();
});

describe("the settlement freeze", () => {
  it("writes exactly one final per settleable series at 16:00 UTC on the second business day after the month", async () => {
    start("2026-12-29T17:00:00.000Z");
    await clock.advanceTo(new Date("2027-01-05T15:59:00.000Z"), () => scheduler.idle());
    expect(await t.store.listSettlements({})).toEqual([]); // 1 January is a holiday; Monday 4 is the first business day
    await clock.advanceTo(new Date("2027-01-08T00:00:00.000Z"), () => scheduler.idle());
    const finals = await t.store.listSettlements({});
    expect(finals.map((f) => f.contract).sort()).toEqual([...settleable].sort());
    expect(finals.every((f) => f.month === "2026-12" && f.publishedAt === "2027-01-05T16:00:00.000Z" && f.cutoff === f.freezeAt && f.freezeMoves === 0)).toBe(true);
    const chain = [];
    for await (const s of t.store.iterateSettlementChain()) chain.push(s);
    expect(chain).toHaveLength(settleable.length); // the runs on 6 and 7 January wrote nothing
    const h100 = finals.find((f) => f.contract === "GPU-H100SXM-OD")!;
    // 31 computed days: the 15 odd days 1..29 at 3.0000, the 14 even days 2..28 and the 30th and 31st at 2.0000: 77 / 31.
    expect([h100.value, h100.method, h100.coverage.computedDays]).toEqual(["2.4839", "mean", 31]);
    // The two shadow (trial) series never settle.
    expect(finals.some((f) => f.contract.includes("CNY"))).toBe(false);
  });

  it("a month under the coverage rule gets the published fallback with the reason in the record", async () => {
    start("2027-01-05T15:00:00.000Z");
    await clock.advanceTo(new Date("2027-01-05T16:00:00.000Z"), () => scheduler.idle());
    const thin = (await t.store.latestSettlement(THIN, "2026-12"))!;
    expect([thin.method, thin.value, thin.coverage.computedDays, thin.coverage.met]).toEqual(["fallback_last_computed", "3.0000", 5, false]);
    expect(thin.basis).toMatch(/coverage rule not met \(5 computed days of 31, the rule asks for 25\).*2026-12-05/);
  });

  it("a month without a computed day falls back to the previous month's final, pinned by its hash", async () => {
    const deps = { store: t.store, signer, book, now: () => new Date("2027-01-05T16:00:00.000Z") };
    await freezeSettlements(deps, firstLive);
    // No January fixing at all (the publisher published nothing): the second fallback step.
    await freezeSettlements({ ...deps, now: () => new Date("2027-02-02T16:00:00.000Z") }, firstLive);
    const dec = (await t.store.latestSettlement("GPU-H100SXM-OD", "2026-12"))!;
    const jan = (await t.store.latestSettlement("GPU-H100SXM-OD", "2027-01"))!;
    expect([jan.method, jan.value, jan.coverage.computedDays]).toEqual(["fallback_previous_settlement", dec.value, 0]);
    expect(jan.previousFinal).toEqual({ month: "2026-12", value: dec.value, hash: dec.hash });
    expect(jan.basis).toMatch(/no computed fixing in the month: the previous month's final settlement/);
  });

  it("a methodology change inside the month: each day under its own version, both listed", async () => {
    start("2027-01-05T15:00:00.000Z");
    await clock.advanceTo(new Date("2027-01-05T16:00:00.000Z"), () => scheduler.idle());
    expect((await t.store.latestSettlement(CHANGED, "2026-12"))!.methodologyVersions).toEqual(["1.0.0", "2.0.0"]);
  });

  it("a freeze missed while the publisher was down moves to its next business-day run, and says so", async () => {
    for (const code of settleable) for (const date of ["2026-12-30", "2026-12-31"]) await publish(t.store, code, date, "2.0000");
    start("2027-01-05T17:00:00.000Z");
    await clock.advanceTo(new Date("2027-01-06T16:00:00.000Z"), () => scheduler.idle());
    const f = (await t.store.latestSettlement("GPU-H100SXM-OD", "2026-12"))!;
    expect([f.freezeAt, f.cutoff, f.freezeMoves, f.value]).toEqual(["2027-01-05T16:00:00.000Z", "2027-01-06T16:00:00.000Z", 1, "2.4839"]);
    expect(freezeMoves(book, "2027-01-05T16:00:00.000Z", "2027-01-11T16:00:00.000Z")).toBe(4);
  });

  it("never settles a month frozen before the install's first live start", async () => {
    firstLive = "2027-01-06T00:00:00.000Z";
    start("2027-01-06T15:00:00.000Z");
    await clock.advanceTo(new Date("2027-01-06T16:00:00.000Z"), () => scheduler.idle());
    expect(await t.store.listSettlements({})).toEqual([]);
  });
});
