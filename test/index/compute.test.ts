import { describe, expect, it } from "vitest";
import { computeFixing, findIndex, loadMethodology } from "../../src/index/index.ts";
import type { FixingContext } from "../../src/index/index.ts";
import { FixingDraft } from "../../src/schemas/fixing.ts";
import { observation, priorFixing } from "./build.ts";
import type { MiniObservation } from "./build.ts";

const m = loadMethodology();
const od = findIndex(m, "GPU-H100SXM-OD");
const ctx: FixingContext = { fixingDate: "2026-08-08", methodologyVersion: m.version, status: "final", prior: null };
const T = "2026-08-08T12:00:00.000Z";
const obs = (minis: MiniObservation[]) => minis.map((x) => observation(od, x));
const five = obs([
  { id: 1, provider: "a", price: "2.00", observedAt: T },
  { id: 2, provider: "b", price: "2.20", observedAt: T },
  { id: 3, provider: "c", price: "2.50", observedAt: T },
  { id: 4, provider: "d", price: "2.60", observedAt: T },
  { id: 5, provider: "e", price: "3.00", observedAt: T },
]);

describe("computeFixing: median path", () => {
  it("publishes the median of provider prices with counts, distribution and tier", () => {
    const f = computeFixing(od, five, ctx);
    expect(FixingDraft.parse(f)).toEqual(f);
    expect(f).toMatchObject({
      indexCode: "GPU-H100SXM-OD", fixingDate: "2026-08-08", fixingTime: "2026-08-08T16:00:00.000Z", status: "final",
      methodologyVersion: m.version, value: "2.5000", unit: "USD/GPU-hour", currency: "USD", observationCount: 5,
      providerCount: 5, volume: null, inputTier: "list_price", estimator: "median", exclusions: [], note: null,
    });
    expect(f.distribution).toEqual({ p1: "2.0080", p25: "2.2000", p50: "2.5000", p75: "2.6000", p99: "2.9840", min: "2.0000", max: "3.0000" });
    expect(f.inputs.map((i) => [i.provider, i.price, i.weight])).toEqual([
      ["a", "2", "0.2"], ["b", "2.2", "0.2"], ["c", "2.5", "0.2"], ["d", "2.6", "0.2"], ["e", "3", "0.2"],
    ]);
    expect(f.inputsDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("does not depend on the order observations arrive in", () => {
    const a = computeFixing(od, five, ctx);
    const b = computeFixing(od, [...five].reverse(), ctx);
    expect(b).toEqual(a);
  });

  it("ignores other products and other windows silently, and records each excluded candidate with a reason", () => {
    const other = observation(od, { id: 9, provider: "x", price: "9", observedAt: T, product: "a100-sxm-80gb" });
    const extra = obs([
      { id: 10, provider: "q", price: "2.4", observedAt: T, quarantined: true },
      { id: 11, provider: "late", price: "2.4", observedAt: "2026-08-08T16:00:00.001Z" },
      { id: 12, provider: "early", price: "2.4", observedAt: "2026-08-07T15:59:59.999Z" },
      { id: 13, provider: "hist", price: "2.4", observedAt: T, tier: "historical_import" },
      { id: 14, provider: "carry", price: "2.4", observedAt: T, tier: "carried_forward" },
      { id: 15, provider: "free", price: "0", observedAt: T },
      { id: 16, provider: "old", price: "2.4", observedAt: "2026-08-08T03:59:59.000Z" },
    ]);
    const f = computeFixing(od, [...five, other, ...extra], ctx);
    expect(f.value).toBe("2.5000");
    // 11 (after the fixing time) and 12 (before the window) are not part of this fixing: not listed.
    expect(f.exclusions.map((e) => [e.observationId, e.reason.split(":")[0]])).toEqual([
      [10, "quarantined"], [13, "tier not eligible"], [14, "tier not eligible"], [15, "non-positive price"], [16, "stale"],
    ]);
  });

  it("gives the same record whatever amount of history is passed", () => {
    const history = five.map((o) => ({ ...o, id: o.id + 100, observedAt: "2026-08-01T12:00:00.000Z", price: "9" }));
    const future = five.map((o) => ({ ...o, id: o.id + 200, observedAt: "2026-08-09T12:00:00.000Z", price: "9" }));
    expect(computeFixing(od, [...history, ...five, ...future], ctx)).toEqual(computeFixing(od, five, ctx));
  });

  it("back-calculation from daily snapshots treats the whole window as fresh", () => {
    const daily = five.map((o) => ({ ...o, tier: "historical_import" as const, observedAt: "2026-08-07T21:00:00.000Z" }));
    expect(computeFixing(od, daily, { ...ctx, status: "back-calculated" }).value).toBe("2.5000");
    const live = computeFixing(od, daily.map((o) => ({ ...o, tier: "list_price" as const })), ctx);
    expect([live.status, live.exclusions.every((e) => e.reason.startsWith("stale"))]).toEqual(["fallback", true]);
  });

  it("accepts window edges: exactly at window start and exactly at the fixing time", () => {
    const edges = obs([
      { id: 1, provider: "a", price: "2", observedAt: "2026-08-08T16:00:00.000Z" },
      { id: 2, provider: "b", price: "3", observedAt: "2026-08-07T16:00:00.000Z" },
      { id: 3, provider: "b", price: "3", observedAt: "2026-08-08T15:00:00.000Z" },
      { id: 4, provider: "c", price: "4", observedAt: T },
    ]);
    const f = computeFixing(od, edges, ctx);
    expect([f.value, f.observationCount, f.exclusions.length]).toEqual(["3.0000", 4, 0]);
  });

  it("uses historical imports only in back-calculation", () => {
    const hist = five.map((o) => ({ ...o, tier: "historical_import" as const }));
    expect(computeFixing(od, hist, ctx).status).toBe("fallback");
    const back = computeFixing(od, hist, { ...ctx, status: "back-calculated" });
    expect([back.status, back.value, back.inputTier]).toEqual(["back-calculated", "2.5000", "historical_import"]);
  });

  it("names the weakest tier among the inputs used", () => {
    const mixed = five.map((o, i) => ({ ...o, tier: i === 0 ? ("transaction" as const) : ("executable_quote" as const) }));
    expect(computeFixing(od, mixed, ctx).inputTier).toBe("executable_quote");
  });

  it("digests the eligible inputs: same inputs, same digest; a changed price, a new digest", () => {
    const a = computeFixing(od, five, ctx).inputsDigest;
    expect(computeFixing(od, five.map((o) => ({ ...o, price: o.price + "0" })), ctx).inputsDigest).toBe(a);
    expect(computeFixing(od, five.map((o, i) => (i === 0 ? { ...o, price: "2.01" } : o)), ctx).inputsDigest).not.toBe(a);
  });

  it("falls back with a note and never a silent number", () => {
    const two = five.slice(0, 2);
    const none = computeFixing(od, two, ctx);
    expect([none.status, none.value, none.inputTier]).toEqual(["fallback", null, null]);
    expect(none.note).toMatch(/insufficient data: 2 providers and 2 observations .*no prior value to carry/);
    const prior = priorFixing(od, { fixingDate: "2026-08-07", value: "2.4100" });
    const carried = computeFixing(od, two, { ...ctx, prior });
    expect([carried.status, carried.value, carried.inputTier]).toEqual(["fallback", "2.4100", "carried_forward"]);
    expect(carried.note).toMatch(/carried forward from the fixing of 2026-08-07 \(day 1 of at most 5\)/);
  });

  it("counts carry age from the last computed value, not from the last carried one", () => {
    const two = five.slice(0, 2);
    const note = "insufficient data: ...; value carried forward from the fixing of 2026-08-02 (day 5 of at most 5)";
    const prior = priorFixing(od, { fixingDate: "2026-08-07", value: "2.4100", status: "fallback", note });
    const f = computeFixing(od, two, { ...ctx, prior });
    expect(f.value).toBeNull();
    expect(f.note).toMatch(/last computed value \(2026-08-02\) is 6 days old/);
  });

  it("rejects a prior fixing that is not earlier or of another index", () => {
    const two = five.slice(0, 2);
    expect(() => computeFixing(od, two, { ...ctx, prior: priorFixing(od, { fixingDate: "2026-08-08", value: "1" }) })).toThrow(/not before/);
    const other = findIndex(m, "GPU-B200-OD");
    expect(() => computeFixing(od, two, { ...ctx, prior: priorFixing(other, { fixingDate: "2026-08-07", value: "1" }) })).toThrow(/GPU-B200-OD/);
  });
});
