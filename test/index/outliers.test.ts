import { describe, expect, it } from "vitest";
import { applyOutlierRule, mad } from "../../src/index/index.ts";
import { dec, plain } from "../../src/normalize/money.ts";

const pts = (xs: string[]) => xs.map((x, i) => ({ id: i, price: dec(x) }));
const rule = { rule: "mad" as const, threshold: 3.5 };

describe("MAD outlier rule", () => {
  it("computes the MAD", () => {
    expect(plain(mad(pts(["2.40", "2.45", "2.50", "2.55", "6.00"]).map((p) => p.price)))).toBe("0.05");
  });

  it("excludes a far price and says by how much", () => {
    const r = applyOutlierRule(pts(["2.40", "2.45", "2.50", "2.55", "6.00"]), rule);
    expect(r.kept.map((p) => p.id)).toEqual([0, 1, 2, 3]);
    expect(r.excluded).toHaveLength(1);
    expect(r.excluded[0]!.reason).toBe("outlier: |6 - median 2.5| / 0.250000 = 14.0000 > 3.5 (spread max(1.4826 x MAD 0.05, 10% of median))");
  });

  it("excludes on both sides", () => {
    const r = applyOutlierRule(pts(["0.01", "2.40", "2.45", "2.50", "2.55", "2.60", "9"]), rule);
    expect(r.excluded.map((e) => e.point.id)).toEqual([0, 6]);
  });

  it("excludes nothing when MAD is 0 (half or more quote the same price)", () => {
    const r = applyOutlierRule(pts(["0.15", "0.15", "0.15", "0.05", "5"]), rule);
    expect(r.excluded).toEqual([]);
  });

  it("the boundary is strict: a score equal to the threshold is kept", () => {
    // median 10, MAD 1; 10 + 3.5 x 1.4826 = 15.1891 scores exactly 3.5.
    const r = applyOutlierRule(pts(["9", "10", "11", "10", "15.1891"]), rule);
    expect(r.excluded).toEqual([]);
    expect(applyOutlierRule(pts(["9", "10", "11", "10", "15.1892"]), rule).excluded).toHaveLength(1);
  });

  it("floors the spread at 10% of the median when half the providers quote one price", () => {
    // MAD 0.005: unfloored, 0.10 would score 0.04 / 0.007413 = 5.4; floored, 0.04 / 0.014 = 2.9 and is kept.
    const r = applyOutlierRule(pts(["0.14", "0.14", "0.14", "0.13", "0.10", "0.28"]), rule);
    expect(r.excluded.map((e) => e.point.id)).toEqual([5]);
  });

  it("rule none keeps everything", () => {
    expect(applyOutlierRule(pts(["1", "100"]), { rule: "none" }).excluded).toEqual([]);
  });
});
