// Properties of the token 2.0 pieces (fast-check): weighted quantiles, the partial-volume rule, basket linking.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dec } from "../../../src/normalize/money.ts";
import { linkedValue, planVolumeWeights, weightedQuantile } from "../../../src/index/token2/index.ts";
import { median } from "../../../src/index/stats.ts";

const price = fc.integer({ min: 1, max: 1_000_000 }).map((n) => dec(n).div(10_000));
const weight = fc.integer({ min: 1, max: 1000 }).map((n) => dec(n));
const priced = fc.array(fc.tuple(price, weight), { minLength: 1, maxLength: 12 });
const RULE = { minCoverage: 0.5, floor: "min_observed" as const };

describe("weighted quantile properties", () => {
  it("equal weights give the ordinary median at 0.5", () => {
    fc.assert(fc.property(fc.array(price, { minLength: 1, maxLength: 15 }), (ps) => {
      expect(weightedQuantile(ps, ps.map(() => dec(1)), "0.5").toFixed()).toBe(median(ps).toFixed());
    }));
  });

  it("is monotone in p and stays within [min, max]", () => {
    fc.assert(fc.property(priced, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (rows, a, b) => {
      const ps = rows.map((r) => r[0]);
      const ws = rows.map((r) => r[1]);
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const qlo = weightedQuantile(ps, ws, dec(lo).div(100));
      const qhi = weightedQuantile(ps, ws, dec(hi).div(100));
      expect(qlo.lessThanOrEqualTo(qhi)).toBe(true);
      const sorted = [...ps].sort((x, y) => x.comparedTo(y));
      expect(qlo.greaterThanOrEqualTo(sorted[0]!) && qhi.lessThanOrEqualTo(sorted[sorted.length - 1]!)).toBe(true);
    }));
  });

  it("scaling every weight by a constant changes nothing", () => {
    fc.assert(fc.property(priced, fc.integer({ min: 2, max: 50 }), (rows, k) => {
      const ps = rows.map((r) => r[0]);
      const ws = rows.map((r) => r[1]);
      expect(weightedQuantile(ps, ws.map((w) => w.times(k)), "0.5").toFixed()).toBe(weightedQuantile(ps, ws, "0.5").toFixed());
    }));
  });
});

describe("partial-volume rule properties", () => {
  const plan = fc.array(fc.option(weight, { nil: null }), { minLength: 1, maxLength: 10 });
  it("imputed providers weigh exactly the smallest observed volume; below the coverage, equal weights", () => {
    fc.assert(fc.property(plan, (vols) => {
      const providers = vols.map((_, i) => `p${i}`);
      const seen = new Map(vols.flatMap((v, i) => (v === null ? [] : [[`p${i}`, v] as const])));
      const out = planVolumeWeights(RULE, providers, seen);
      const covered = seen.size / providers.length;
      expect(out.coverage.toNumber()).toBeCloseTo(covered, 12);
      if (seen.size === 0 || covered < 0.5) {
        expect(out.basis).toBe("equal");
        expect(out.weights.every((w) => w.equals(1))).toBe(true);
        return;
      }
      const floor = [...seen.values()].reduce((a, b) => (b.lessThan(a) ? b : a));
      vols.forEach((v, i) => {
        expect(out.imputed[i]).toBe(v === null);
        expect(out.weights[i]!.equals(v ?? floor)).toBe(true);
      });
      expect(out.basis).toBe(seen.size === providers.length ? "volume" : "partial_volume");
    }));
  });
});

describe("basket linking properties", () => {
  it("a reconstitution linked at the old value never moves the level on its date", () => {
    const basket = fc.array(fc.tuple(weight, price, price), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(basket, basket, (oldParts, newParts) => {
      const mk = (parts: [typeof oldParts[number][0], typeof oldParts[number][1], typeof oldParts[number][2]][], tag: string, link: string) => ({
        announced: "2026-01-01", effective: "2026-01-01", linkValue: link, provenance: "p",
        constituents: parts.map(([w, b], i) => ({ model: `${tag}${i}`, weight: w.toFixed(), basePrice: b.toFixed(), tokenizer: "o200k" })),
      });
      const prices = new Map([...oldParts.map(([, , p], i) => [`o${i}`, p] as const), ...newParts.map(([, b], i) => [`n${i}`, b] as const)]);
      const before = linkedValue(mk(oldParts, "o", "1"), prices).value;
      // The new reconstitution's base prices are its constituents' prices on the date: value = linkValue.
      const after = linkedValue(mk(newParts, "n", before.toFixed()), prices).value;
      expect(after.toFixed(20)).toBe(before.toFixed(20));
    }));
  });
});
