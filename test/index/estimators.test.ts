import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimate, estimatorLabel, trimmedMean, weightedMedian } from "../../src/index/index.ts";
import { median } from "../../src/index/stats.ts";
import { dec, plain } from "../../src/normalize/money.ts";

const ds = (xs: (string | number)[]) => xs.map((x) => dec(x));
const prices = fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 30 }).map((xs) => xs.map((x) => dec(x).div(100)));

describe("weightedMedian", () => {
  it("known values", () => {
    expect(plain(weightedMedian(ds([1, 2, 3]), ds([1, 1, 1])))).toBe("2");
    expect(plain(weightedMedian(ds([1, 2, 3, 4]), ds([1, 1, 1, 1])))).toBe("2.5");
    expect(plain(weightedMedian(ds([1, 2, 3]), ds([10, 1, 1])))).toBe("1");
    expect(plain(weightedMedian(ds([3, 1, 2]), ds([1, 1, 10])))).toBe("2");
    // Exactly half at 2: mean of 2 and the next price.
    expect(plain(weightedMedian(ds([1, 2, 5]), ds([1, 1, 2])))).toBe("3.5");
  });

  it("equals the ordinary median under equal weights (any count, any order)", () => {
    fc.assert(fc.property(prices, (xs) => weightedMedian(xs, xs.map(() => dec(1))).equals(median(xs))), { seed: 7, numRuns: 300 });
  });

  it("lies between min and max and ignores weight scale", () => {
    fc.assert(
      fc.property(prices.chain((xs) => fc.tuple(fc.constant(xs), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: xs.length, maxLength: xs.length }))), ([xs, ws]) => {
        const w = ws.map((x) => dec(x));
        const v = weightedMedian(xs, w);
        const sorted = [...xs].sort((a, b) => a.comparedTo(b));
        expect(v.greaterThanOrEqualTo(sorted[0]!) && v.lessThanOrEqualTo(sorted[sorted.length - 1]!)).toBe(true);
        expect(weightedMedian(xs, w.map((x) => x.times(7)))).toEqual(v);
      }),
      { seed: 8, numRuns: 200 },
    );
  });

  it("rejects mismatched or zero weights", () => {
    expect(() => weightedMedian(ds([1, 2]), ds([1]))).toThrow();
    expect(() => weightedMedian(ds([1, 2]), ds([0, 0]))).toThrow(/positive/);
  });
});

describe("trimmedMean", () => {
  it("drops floor(n x trim) per tail (LIBOR style) and shows them with weight 0", () => {
    const r = trimmedMean(ds(["1.1", "1.3", "1.4", "1.5", "1.7", "2.4"]), 0.2);
    expect(plain(r.value)).toBe("1.475");
    expect(r.weights.map(plain)).toEqual(["0", "1", "1", "1", "1", "0"]);
    expect(plain(trimmedMean(ds([1, 2, 3, 4]), 0.25).value)).toBe("2.5");
    expect(plain(trimmedMean(ds([1, 2, 3, 100]), 0.24).value)).toBe("26.5");
  });

  it("trim 0 is the mean; it is invariant to order", () => {
    expect(plain(trimmedMean(ds([1, 2, 6]), 0).value)).toBe("3");
    fc.assert(fc.property(prices, (xs) => trimmedMean(xs, 0.2).value.equals(trimmedMean([...xs].reverse(), 0.2).value)), { seed: 9 });
  });
});

describe("estimate", () => {
  it("dispatches on the definition and labels it", () => {
    expect(plain(estimate({ kind: "median" }, ds([3, 1, 2]), ds([1, 1, 1])).value)).toBe("2");
    expect(plain(estimate({ kind: "volume_weighted_median" }, ds([1, 2, 3]), ds([5, 1, 1])).value)).toBe("1");
    expect(estimatorLabel({ kind: "trimmed_mean", trim: 0.2 })).toBe("trimmed_mean(0.2)");
    expect(estimatorLabel({ kind: "volume_weighted_median" })).toBe("volume_weighted_median");
  });
});
