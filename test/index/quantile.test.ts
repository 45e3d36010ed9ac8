import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { quantileSorted as ssQuantileSorted } from "simple-statistics";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distribution, quantileSorted } from "../../src/index/index.ts";
import { dec, plain } from "../../src/normalize/money.ts";

const ds = (xs: string[]) => xs.map((x) => dec(x));
const q = (xs: string[], p: string) => plain(quantileSorted(ds(xs), p));

describe("quantileSorted (Hyndman-Fan type 7, exact decimals)", () => {
  it("golden values", () => {
    const x = ["2.0", "2.2", "2.5", "2.6", "3.0"];
    expect(q(x, "0")).toBe("2");
    expect(q(x, "0.01")).toBe("2.008");
    expect(q(x, "0.25")).toBe("2.2");
    expect(q(x, "0.5")).toBe("2.5");
    expect(q(x, "0.75")).toBe("2.6");
    expect(q(x, "0.99")).toBe("2.984");
    expect(q(x, "1")).toBe("3");
    const y = ["1", "2", "3", "4"];
    expect(q(y, "0.25")).toBe("1.75");
    expect(q(y, "0.5")).toBe("2.5");
    expect(q(y, "0.99")).toBe("3.97");
    expect(q(["0.1"], "0.99")).toBe("0.1");
  });

  it("is exact where binary floats are not (0.1 + 0.2 style)", () => {
    expect(q(["0.1", "0.3"], "0.5")).toBe("0.2");
    expect(q(["0.000000037", "0.00000015"], "0.01")).toBe("0.00000003813");
  });

  it("rejects empty lists and probabilities outside [0, 1]", () => {
    expect(() => quantileSorted([], "0.5")).toThrow(/empty/);
    expect(() => quantileSorted(ds(["1"]), "1.5")).toThrow(/out of/);
  });

  it("distribution rounds every figure as the methodology states", () => {
    const d = distribution(ds(["0.1", "0.12", "0.15", "0.2", "0.25", "0.3"]), { decimals: 6, mode: "half_even" });
    expect(d).toEqual({ p1: "0.101000", p25: "0.127500", p50: "0.175000", p75: "0.237500", p99: "0.297500", min: "0.100000", max: "0.300000" });
    expect(distribution([], { decimals: 4, mode: "half_even" })).toBeNull();
  });
});

describe("simple-statistics is pinned: its quantileSorted is type 7 in 7.12.1 (it changed in 7.8.9)", () => {
  it("the installed and declared versions are exactly 7.12.1", () => {
    const require = createRequire(import.meta.url);
    const installed = JSON.parse(readFileSync(require.resolve("simple-statistics/package.json"), "utf8")) as { version: string };
    const declared = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { dependencies: Record<string, string> };
    expect(installed.version).toBe("7.12.1");
    expect(declared.dependencies["simple-statistics"]).toBe("7.12.1");
  });

  it("agrees with our exact quantile on float inputs (to float precision)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(0, 0.01, 0.25, 0.5, 0.75, 0.99, 1),
        (cents, p) => {
          const sorted = [...cents].sort((a, b) => a - b);
          const ours = quantileSorted(sorted.map((c) => dec(c).div(10_000)), String(p)).toNumber();
          const theirs = ssQuantileSorted(sorted.map((c) => c / 10_000), p);
          expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(theirs)));
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  it("where floats drift, ours stays exact", () => {
    // 0.1 + 0.5 x (0.3 - 0.1) in binary floats is 0.2 only by luck; 0.7 x 0.1 is not 0.07.
    expect(plain(quantileSorted(ds(["0", "0.1"]), "0.7"))).toBe("0.07");
    expect(ssQuantileSorted([0, 0.1], 0.7)).not.toBe(0.07);
  });
});
