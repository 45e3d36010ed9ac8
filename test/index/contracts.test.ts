import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { findContract, findIndex, firstSettleableMonth, freezeTime, listedMonths, loadMethodology, monthDates, parseContractBook, settleContractMonth } from "../../src/index/index.ts";
import { loadContractBook } from "../../src/jobs/contract-book.ts";
import type { Fixing } from "../../src/schemas/fixing.ts";
import { priorFixing } from "./build.ts";

const methodology = loadMethodology();
const book = loadContractBook(methodology);
const spec = findContract(book, "GPU-H100SXM-OD")!;
const def = findIndex(methodology, "GPU-H100SXM-OD");
const fx = (date: string, value: string | null, status: Fixing["status"] = "final", extra: Partial<Fixing> = {}): Fixing => ({ ...priorFixing(def, { fixingDate: date, value, status }), hash: `h-${date}`, ...extra });
const AFTER = "2027-03-01T00:00:00.000Z";
const settle = (month: string, fixings: Fixing[], now = AFTER, previousFinal: string | null = null) => settleContractMonth({ book, spec, month, fixings, now, previousFinal });

describe("the contract book", () => {
  it("loads, and every contract names an index of the methodology", () => {
    expect(book.contracts.length).toBeGreaterThanOrEqual(5);
    for (const c of book.contracts) expect(methodology.indices.some((d) => d.code === c.index)).toBe(true);
  });

  it("refuses a contract on an unknown index and a China-region trial under six months", () => {
    const bad = structuredClone(book);
    bad.contracts[0]!.index = "GPU-NOPE-OD";
    expect(() => parseContractBook(bad, methodology)).toThrow(/GPU-NOPE-OD: no such index/);
    const short = structuredClone(book);
    short.contracts.find((c) => c.region === "china")!.trial.months = 3;
    expect(() => parseContractBook(short, methodology)).toThrow(/at least 6/);
  });

  it("freezes at 16:00 UTC on the second business day after the month ends", () => {
    expect(freezeTime(book, "2026-11")).toBe("2026-12-02T16:00:00.000Z"); // Tue 1, Wed 2 December
    expect(freezeTime(book, "2027-01")).toBe("2027-02-02T16:00:00.000Z"); // Mon 1, Tue 2 February
    expect(freezeTime(book, "2026-12")).toBe("2027-01-05T16:00:00.000Z"); // 1 January is a holiday: Mon 4, Tue 5
    expect(freezeTime(book, "2027-07")).toBe("2027-08-03T16:00:00.000Z"); // Sun 1 August: Mon 2, Tue 3
  });

  it("lists the current month and the next ones; trials end on a month boundary", () => {
    expect(listedMonths(spec, "2026-12-03")).toHaveLength(12);
    expect(listedMonths(spec, "2026-12-03").slice(0, 2)).toEqual(["2026-12", "2027-01"]);
    expect(firstSettleableMonth(spec)).toBe("2026-12");
    expect(firstSettleableMonth(findContract(book, "TOK-QWEN37PLUS-BLEND-CNY-LIST")!)).toBe("2027-06");
  });
});

describe("settleContractMonth", () => {
  it("is the mean of computed and up to three carried days when coverage is met", () => {
    const dates = monthDates("2027-01");
    const fixings = dates.map((d, i) => (i < 4 ? fx(d, "3.0000", "fallback") : fx(d, "2.0000")));
    const s = settle("2027-01", fixings);
    // 27 computed at 2.0000 + 3 carried at 3.0000 (the 4th carried day is over the limit) over 30 days = 2.1000.
    expect([s.value, s.method, s.coverage.computedDays, s.coverage.carriedCounted, s.stage]).toEqual(["2.1000", "mean", 27, 3, "due"]);
    expect(s.days[3]).toMatchObject({ kind: "carried_over_limit", counted: false });
  });

  it("a month under the coverage rule gets the published fallback, not a mean of its few days", () => {
    const fixings = ["2027-01-03", "2027-01-09", "2027-01-20"].map((d, i) => fx(d, ["2.0000", "4.0000", "2.5000"][i]!));
    const s = settle("2027-01", fixings);
    expect([s.method, s.value, s.coverage.met, s.coverage.requiredComputedDays]).toEqual(["fallback_last_computed", "2.5000", false, 25]);
    expect(s.basis).toMatch(/3 computed days of 31, the rule asks for 25/);
    const none = settle("2027-01", [fx("2027-01-05", null, "fallback")], AFTER, "2.4400");
    expect([none.method, none.value]).toEqual(["fallback_previous_settlement", "2.4400"]);
    expect(settle("2027-01", [], AFTER, null)).toMatchObject({ method: "none", value: null });
  });

  it("never counts back-calculated days, so 25 back-calculated days do not meet coverage", () => {
    const fixings = monthDates("2027-01").map((d) => fx(d, "2.0000", "final", { calculation: "back-calculated" }));
    const s = settle("2027-01", fixings);
    expect([s.coverage.computedDays, s.method, s.value]).toEqual([0, "none", null]);
  });

  it("is provisional before the freeze, with coverage so far and whether the rule can still be met", () => {
    const fixings = monthDates("2027-01").slice(0, 10).map((d) => fx(d, "2.0000"));
    const s = settle("2027-01", fixings, "2027-01-10T17:00:00.000Z");
    expect([s.stage, s.coverage.daysElapsed, s.coverage.computedDays, s.coverage.attainable]).toEqual(["provisional", 10, 10, true]);
    expect(s.days[20]!.reason).toBe("not yet fixed");
  });

  it("a shadow series never settles: every month of its trial is stage shadow", () => {
    const cny = findContract(book, "TOK-QWEN37PLUS-BLEND-CNY-LIST")!;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), (k) => {
        const month = new Date(Date.UTC(2026, 10 + k, 1)).toISOString().slice(0, 7);
        const s = settleContractMonth({ book, spec: cny, month, fixings: [], now: "2030-01-01T00:00:00.000Z", previousFinal: null });
        return month < "2027-06" ? s.stage === "shadow" : s.stage === "due";
      }),
    );
  });

  it("property: the settled mean lies between the smallest and largest counted value", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 100, max: 900 }), { minLength: 28, maxLength: 28 }), (cents) => {
        const fixings = monthDates("2027-02").map((d, i) => fx(d, `${Math.floor(cents[i]! / 100)}.${String(cents[i]! % 100).padStart(2, "0")}00`));
        const s = settle("2027-02", fixings, "2027-03-10T00:00:00.000Z");
        const v = Number(s.value);
        return s.method === "mean" && v >= Math.min(...cents) / 100 && v <= Math.max(...cents) / 100;
      }),
    );
  });
});
