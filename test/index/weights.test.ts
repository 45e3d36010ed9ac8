import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { capWeights, findIndex, loadMethodology, normalize, planWeights } from "../../src/index/index.ts";
import { sum } from "../../src/index/stats.ts";
import { dec, plain } from "../../src/normalize/money.ts";

const ds = (xs: number[]) => xs.map((x) => dec(x));
const shares = (ws: ReturnType<typeof ds>) => normalize(ws).map((s) => plain(s.toDecimalPlaces(6)));

describe("capWeights (iterative capping)", () => {
  it("the worked example: two rounds of capping", () => {
    const w = capWeights(ds([2, 8, 12, 8, 70]), 0.25);
    expect(w.map(plain)).toEqual(["1", "4", "4.5", "4", "4.5"]);
    expect(shares(w)).toEqual(["0.055556", "0.222222", "0.25", "0.222222", "0.25"]);
  });

  it("leaves weights under the cap alone", () => {
    expect(shares(capWeights(ds([24, 20, 10, 16, 15, 15]), 0.25))).toEqual(["0.24", "0.2", "0.1", "0.16", "0.15", "0.15"]);
  });

  it("n x cap = 1 gives equal weights", () => {
    expect(shares(capWeights(ds([10, 1, 1, 1]), 0.25))).toEqual(["0.25", "0.25", "0.25", "0.25"]);
  });

  it("properties: no share above the cap, uncapped keep proportions, order kept", () => {
    const arb = fc.tuple(
      fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 4, maxLength: 25 }),
      fc.constantFrom(0.25, 0.34, 0.5, 1),
    ).filter(([ws, cap]) => ws.length * cap >= 1);
    fc.assert(
      fc.property(arb, ([raw, cap]) => {
        const w = capWeights(ds(raw), cap);
        const s = normalize(w);
        for (const x of s) expect(x.lessThanOrEqualTo(dec(cap).plus("1e-30"))).toBe(true);
        expect(sum(s).minus(1).abs().lessThan("1e-30")).toBe(true);
        // Uncapped entries keep their ratios to each other.
        const capped = w.map((x, i) => s[i]!.greaterThanOrEqualTo(dec(cap).minus("1e-30")));
        const free = raw.map((x, i) => ({ x, w: w[i]! })).filter((_, i) => !capped[i]);
        for (let i = 1; i < free.length; i++) expect(free[i]!.w.times(free[0]!.x).equals(free[0]!.w.times(free[i]!.x))).toBe(true);
        // A larger raw weight never ends up with a smaller capped weight.
        for (let i = 0; i < raw.length; i++) for (let j = 0; j < raw.length; j++) if (raw[i]! > raw[j]!) expect(w[i]!.greaterThanOrEqualTo(w[j]!)).toBe(true);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});

describe("planWeights", () => {
  const m = loadMethodology();
  const token = findIndex(m, "TOK-GPTOSS120B-BLEND-USD");
  const gpu = findIndex(m, "GPU-H100SXM-OD");

  it("uses volumes for the volume-weighted median when every provider has one", () => {
    const plan = planWeights(token, [{ provider: "a", volume: dec(1) }, { provider: "b", volume: dec(3) }, { provider: "c", volume: dec(1) }, { provider: "d", volume: dec(1) }]);
    expect(plan.basis).toBe("volume");
    expect(plan.note).toBeNull();
  });

  it("falls back to equal weights, with a note naming who lacked volume", () => {
    const plan = planWeights(token, [{ provider: "a", volume: dec(1) }, { provider: "b", volume: null }, { provider: "c", volume: dec(0) }, { provider: "d", volume: dec(1) }]);
    expect(plan.basis).toBe("equal");
    expect(plan.note).toBe("volume weights unavailable (no volume for b, c): equal weights used");
  });

  it("other estimators weigh providers equally and ignore volume", () => {
    const plan = planWeights(gpu, [{ provider: "a", volume: dec(100) }, { provider: "b", volume: dec(1) }, { provider: "c", volume: null }]);
    expect([plan.basis, plan.note, plan.weights.map(plain)]).toEqual(["equal", null, ["1", "1", "1"]]);
  });
});
