// TPD companion: known values, a brute-force cross-check, panel edge cases, hedonic terms, splices, properties.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitTpd, rollingTpd, spliceLevel, TpdInputError, windowRows } from "../../../src/index/gpu2/tpd.ts";
import type { TpdOk, TpdRow } from "../../../src/index/gpu2/tpd.ts";
import { cholesky, choleskyInverse, choleskySolve, zeros } from "../../../src/index/gpu2/tpd-linalg.ts";

const day = (n: number) => `2026-05-${String(n).padStart(2, "0")}`;
const row = (d: number, constituent: string, price: string, extra: Partial<TpdRow> = {}): TpdRow => ({ day: day(d), constituent, price, ...extra });
const ok = (rows: TpdRow[], opts: Parameters<typeof fitTpd>[1] = {}): TpdOk => {
  const fit = fitTpd(rows, opts);
  if (fit.status !== "ok") throw new Error(`expected a fit: ${fit.reason} ${fit.detail}`);
  return fit;
};
const index = (fit: TpdOk) => Object.fromEntries(fit.path.map((p) => [p.day, p.index]));
const rounding = { decimals: 6, mode: "half_even" as const };

describe("fitTpd known values", () => {
  it("a balanced 2 x 2 panel: the index is the geometric mean of the price relatives", () => {
    const fit = ok([row(1, "a", "2"), row(1, "b", "8"), row(2, "a", "2.2"), row(2, "b", "8.8")]);
    expect(index(fit)).toEqual({ [day(1)]: "1.000000", [day(2)]: "1.100000" });
    expect(fit.r2).toBe("1.000000");
    expect(fit.effects.map((e) => e.coef)).toEqual(["0.693147", "2.079442"]);
    const mixed = ok([row(1, "a", "2"), row(1, "b", "8"), row(2, "a", "2.2"), row(2, "b", "8")]);
    expect(index(mixed)[day(2)]).toBe(Math.sqrt(1.1).toFixed(6));
  });

  it("an unbalanced chain links through overlapping constituents; a one-day constituent drops out", () => {
    const fit = ok([row(1, "a", "2"), row(2, "a", "2.2"), row(2, "b", "5"), row(3, "b", "5.5"), row(3, "c", "9")]);
    expect(index(fit)).toEqual({ [day(1)]: "1.000000", [day(2)]: "1.100000", [day(3)]: "1.210000" });
    expect(fit.dropped).toEqual([{ constituent: "c", reason: "single_day" }]);
    expect([fit.nObservations, fit.nConstituents, fit.dof]).toEqual([4, 2, 0]);
    expect(fit.path[1]!.se).toBeNull();
  });

  it("weights tilt the time effect toward the heavier constituent", () => {
    const rows = [row(1, "a", "1", { weight: 3 }), row(2, "a", "1.1", { weight: 3 }), row(1, "b", "1", { weight: 1 }), row(2, "b", "1.3", { weight: 1 })];
    expect(ok(rows).path[1]!.logIndex).toBe(((3 * Math.log(1.1) + Math.log(1.3)) / 4).toFixed(6));
  });

  it("the base day option re-bases the path", () => {
    const fit = ok([row(1, "a", "2"), row(2, "a", "2.5"), row(1, "b", "4"), row(2, "b", "5")], { base: day(2) });
    expect(index(fit)).toEqual({ [day(1)]: "0.800000", [day(2)]: "1.000000" });
    expect(fitTpd([row(1, "a", "2"), row(2, "a", "2.5")], { base: day(9) })).toMatchObject({ status: "unidentified", reason: "bad_base" });
  });
});

/** Full dummy regression with an explicit design matrix: the reference the within transformation must match. */
function bruteForce(rows: TpdRow[]): { a: number[]; se: number[]; b: number[]; seB: number[] } {
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const cons = [...new Set(rows.map((r) => r.constituent))].sort();
  const p = days.length - 1 + cons.length;
  const xtx = zeros(p);
  const xty = new Array<number>(p).fill(0);
  const xs = rows.map((r) => {
    const x = new Array<number>(p).fill(0);
    const d = days.indexOf(r.day);
    if (d > 0) x[d - 1] = 1;
    x[days.length - 1 + cons.indexOf(r.constituent)] = 1;
    return x;
  });
  rows.forEach((r, k) => {
    const w = r.weight ?? 1;
    for (let i = 0; i < p; i++) {
      xty[i]! += w * xs[k]![i]! * Math.log(Number(r.price));
      for (let j = 0; j < p; j++) xtx[i]![j]! += w * xs[k]![i]! * xs[k]![j]!;
    }
  });
  const chol = cholesky(xtx);
  if (!chol.ok) throw new Error("singular");
  const beta = choleskySolve(chol.factor, xty);
  let ssr = 0;
  rows.forEach((r, k) => {
    const e = Math.log(Number(r.price)) - xs[k]!.reduce((s, x, i) => s + x * beta[i]!, 0);
    ssr += (r.weight ?? 1) * e * e;
  });
  const inv = choleskyInverse(chol.factor);
  const s2 = ssr / (rows.length - p);
  const se = inv.map((r, i) => Math.sqrt(s2 * r[i]!));
  const t = days.length - 1;
  return { a: beta.slice(0, t), se: se.slice(0, t), b: beta.slice(t), seB: se.slice(t) };
}

describe("fitTpd against the explicit dummy regression", () => {
  it("matches coefficients and standard errors on an unbalanced weighted panel", () => {
    const rows = [
      row(1, "a", "2.10", { weight: 2 }), row(2, "a", "2.05", { weight: 2 }), row(3, "a", "2.30", { weight: 2 }),
      row(1, "b", "8.00"), row(3, "b", "8.40"), row(4, "b", "8.10"),
      row(2, "c", "3.10", { weight: 0.5 }), row(3, "c", "3.00", { weight: 0.5 }), row(4, "c", "3.35", { weight: 0.5 }),
      row(1, "d", "11.0"), row(4, "d", "12.5"),
    ];
    const fit = ok(rows);
    const ref = bruteForce(rows);
    expect(fit.path.slice(1).map((p) => p.logIndex)).toEqual(ref.a.map((a) => a.toFixed(6)));
    expect(fit.path.slice(1).map((p) => p.se)).toEqual(ref.se.map((s) => s.toFixed(6)));
    expect(fit.effects.map((e) => e.term)).toEqual(["a", "b", "c", "d"]);
    expect(fit.effects.map((e) => e.coef)).toEqual(ref.b.map((b) => b.toFixed(6)));
    expect(fit.effects.map((e) => e.se)).toEqual(ref.seB.map((s) => s.toFixed(6)));
    expect(fit.dof).toBe(11 - 3 - 4);
    expect(Number(fit.r2)).toBeGreaterThan(0.99);
    // Pinned digits and float bits: a solver or engine change that moves them must show up here.
    const pinned = ok(rows, { decimals: 10 });
    expect(pinned.path.map((p) => p.index)).toEqual(["1.0000000000", "0.9842304218", "1.0750747843", "1.0838639626"]);
    expect(pinned.r2).toBe("0.9986438032");
    expect(Object.values(pinned.raw.logIndex)).toEqual([0, -0.015895240796810234, 0.07239022592059588, 0.08053239940719316]);
  });
});

describe("fitTpd panel edge cases", () => {
  it("a disconnected panel is unidentified with its components, or keeps the latest component when asked", () => {
    const rows = [row(1, "a", "2"), row(2, "a", "2.2"), row(3, "b", "5"), row(4, "b", "5.5")];
    const fit = fitTpd(rows);
    expect(fit).toMatchObject({ status: "unidentified", reason: "disconnected" });
    if (fit.status === "unidentified") expect(fit.components).toEqual([{ days: [day(1), day(2)], constituents: ["a"] }, { days: [day(3), day(4)], constituents: ["b"] }]);
    const latest = ok(rows, { disconnected: "latest_component" });
    expect(index(latest)).toEqual({ [day(3)]: "1.000000", [day(4)]: "1.100000" });
    expect(latest.dropped).toEqual([{ constituent: "a", reason: "other_component" }]);
  });

  it("only one-day constituents: nothing carries information", () => {
    expect(fitTpd([row(1, "a", "2"), row(2, "b", "3")])).toMatchObject({ status: "unidentified", reason: "empty" });
  });

  it("bad input throws a TpdInputError naming the row", () => {
    expect(() => fitTpd([row(1, "a", "0")])).toThrow(TpdInputError);
    expect(() => fitTpd([row(1, "a", "1e3")])).toThrow(/positive plain decimal/);
    expect(() => fitTpd([row(1, "a", "2"), row(1, "a", "3")])).toThrow(/second price for a/);
    expect(() => fitTpd([row(1, "a", "2", { weight: 0 })])).toThrow(/weight/);
    expect(() => fitTpd([{ day: "2026-5-1", constituent: "a", price: "2" }])).toThrow(/YYYY-MM-DD/);
    expect(() => fitTpd([row(1, "a", "2", { characteristics: { ram: 1 } }), row(2, "a", "2", { characteristics: { ram: 2 } })])).toThrow(/differ between days/);
  });

  it("windowRows keeps the calendar days ending on the end day", () => {
    const rows = [1, 2, 3, 4, 5].map((d) => row(d, "a", "1"));
    expect(windowRows(rows, day(4), 3).map((r) => r.day)).toEqual([day(2), day(3), day(4)]);
    expect(() => windowRows(rows, day(4), 1)).toThrow(/windowDays/);
  });
});

describe("fitTpd hedonic terms", () => {
  const chars = { a: { vcpu: 8, region: "eu" }, b: { vcpu: 16, region: "us" }, c: { vcpu: 26, region: "us" }, d: { vcpu: 12, region: "eu" } };
  const price = (c: keyof typeof chars, t: number) => Math.exp(0.5 + 0.05 * chars[c].vcpu + (chars[c].region === "us" ? 0.2 : 0) + 0.1 * t).toFixed(10);
  const rows = (["a", "b", "c", "d"] as const).flatMap((c, i) => [1, 2, 3].filter((t) => t !== i).map((t) => row(t, c, price(c, t), { characteristics: chars[c] })));

  it("recovers exact characteristic effects and the time path (auto picks hedonic)", () => {
    const fit = ok(rows);
    expect(fit.model).toBe("hedonic");
    expect(fit.effects.map((e) => [e.term, e.coef])).toEqual([["(intercept)", "0.600000"], ["region=us", "0.200000"], ["vcpu", "0.050000"]]);
    expect(fit.path.map((p) => p.logIndex)).toEqual(["0.000000", "0.100000", "0.200000"]);
    expect(fit.r2).toBe("1.000000");
  });

  it("collinear characteristics: unidentified when hedonic is forced, constituent dummies under auto", () => {
    const collinear = rows.map((r) => ({ ...r, characteristics: { ...r.characteristics, ram: 4 * Number(r.characteristics!.vcpu) } }));
    expect(fitTpd(collinear, { model: "hedonic" })).toMatchObject({ status: "unidentified", reason: "rank_deficient" });
    const auto = ok(collinear);
    expect(auto.model).toBe("dummies");
    expect(auto.modelNote).toMatch(/do not identify/);
    expect(ok(rows, { model: "dummies" }).path.map((p) => p.logIndex)).toEqual(["0.000000", "0.100000", "0.200000"]);
  });

  it("a constituent without characteristics sends auto to dummies and forced hedonic to unidentified", () => {
    const partial = [...rows, row(1, "e", "3"), row(2, "e", "3.3")];
    expect(ok(partial).modelNote).toBe("e has no characteristics");
    expect(fitTpd(partial, { model: "hedonic" })).toMatchObject({ status: "unidentified", detail: "e has no characteristics" });
  });
});

describe("fitTpd hedonic entrants", () => {
  it("a one-day constituent stays in a hedonic fit: its characteristics price it", () => {
    const c = (vcpu: number) => ({ characteristics: { vcpu } });
    const rows = [row(1, "a", "2", c(8)), row(2, "a", "2", c(8)), row(1, "b", "4", c(16)), row(2, "b", "4", c(16)), row(2, "n", "3.3", c(12))];
    const fit = ok(rows);
    expect([fit.model, fit.nConstituents, fit.dropped]).toEqual(["hedonic", 3, []]);
    expect(Number(fit.path[1]!.index)).toBeGreaterThan(1);
    expect(ok(rows, { model: "dummies" }).path[1]!.index).toBe("1.000000");
  });
  it("a characteristic mixing numbers and text sends auto to dummies with the reason", () => {
    const rows = [row(1, "a", "2", { characteristics: { ic: "nvlink" } }), row(2, "a", "2", { characteristics: { ic: "nvlink" } }), row(1, "b", "3", { characteristics: { ic: 1 } }), row(2, "b", "3", { characteristics: { ic: 1 } })];
    expect(ok(rows).modelNote).toMatch(/mixes numbers and text/);
  });
});

describe("spliceLevel", () => {
  const fit = ok([row(1, "a", "2"), row(2, "a", "2.2"), row(3, "a", "2.42"), row(1, "b", "4"), row(2, "b", "4.4"), row(3, "b", "4.84")]);
  const published = new Map([[day(1), "100.000000"], [day(2), "111.000000"]]);
  it("movement, window and mean splices link to different published days", () => {
    expect(spliceLevel(fit, day(3), published, "movement", rounding)).toEqual({ ok: true, level: "122.100000", linkDays: [day(2)] });
    expect(spliceLevel(fit, day(3), published, "window", rounding)).toEqual({ ok: true, level: "121.000000", linkDays: [day(1)] });
    const mean = spliceLevel(fit, day(3), published, "mean", rounding);
    expect(mean).toMatchObject({ ok: true, level: Math.sqrt(121 * 122.1).toFixed(6), linkDays: [day(1), day(2)] });
  });
  it("says why it cannot link", () => {
    expect(spliceLevel(fit, day(1), published, "movement", rounding)).toMatchObject({ ok: false });
    expect(spliceLevel(fit, day(3), new Map(), "movement", rounding)).toMatchObject({ ok: false, reason: /no published level/ });
  });
});

describe("rollingTpd", () => {
  it("carries the level through a gap longer than the window, with the reason", () => {
    const rows = [row(1, "a", "2"), row(2, "a", "2.2"), row(9, "a", "3"), row(10, "a", "3.3")];
    const out = rollingTpd(rows, { windowDays: 3, splice: "movement", rounding });
    expect(out.map((p) => [p.level, p.status])).toEqual([["100.000000", "base"], ["110.000000", "spliced"], ["110.000000", "carried"], ["121.000000", "spliced"]]);
    expect(out[2]!.reason).toMatch(/empty/);
  });
  it("a disconnected window carries with the reason unless the latest component is kept", () => {
    const rows = [row(1, "a", "2"), row(2, "a", "2.2"), row(2, "b", "5"), row(3, "b", "5.5"), row(3, "c", "7"), row(4, "c", "7.7")];
    const carried = rollingTpd(rows.filter((r) => r.constituent !== "b"), { windowDays: 4, splice: "movement", rounding });
    expect(carried.map((p) => p.status)).toEqual(["base", "spliced", "carried", "carried"]);
    expect(carried[3]!.reason).toMatch(/disconnected/);
    const kept = rollingTpd(rows.filter((r) => r.constituent !== "b"), { windowDays: 4, splice: "movement", rounding, disconnected: "latest_component" });
    expect(kept.map((p) => p.level)).toEqual(["100.000000", "110.000000", "110.000000", "121.000000"]);
    expect(rollingTpd(rows, { windowDays: 4, splice: "window", rounding, from: day(2) }).map((p) => p.level)).toEqual(["100.000000", "110.000000", "121.000000"]);
  });
});

/** Arbitrary panels: constituents with a price level in one of two regimes and a presence interval. */
const panelArb = fc.array(
  fc.record({ level: fc.oneof(fc.integer({ min: 200, max: 400 }), fc.integer({ min: 700, max: 1200 })), start: fc.integer({ min: 1, max: 14 }), len: fc.integer({ min: 1, max: 14 }) }),
  { minLength: 1, maxLength: 9 },
);
const spliceArb = fc.constantFrom("movement" as const, "window" as const, "mean" as const);

describe("rollingTpd properties", () => {
  it("constant prices with arbitrary entries and exits publish a constant level", () => {
    fc.assert(
      fc.property(panelArb, spliceArb, fc.integer({ min: 2, max: 7 }), (cons, splice, windowDays) => {
        const rows = cons.flatMap((c, i) => Array.from({ length: c.len }, (_, k) => row(c.start + k, `c${i}`, (c.level / 100).toFixed(2))).filter((r) => r.day <= day(28)));
        const levels = rollingTpd(rows, { windowDays, splice, rounding }).map((p) => p.level);
        expect(new Set(levels)).toEqual(new Set(["100.000000"]));
      }),
      { numRuns: 200 },
    );
  });

  it("a uniform change of every price moves each spliced day by that change", () => {
    const moves = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 28, maxLength: 28 });
    fc.assert(
      fc.property(panelArb, moves, spliceArb, fc.integer({ min: 2, max: 7 }), (cons, pct, splice, windowDays) => {
        const factor = [1];
        pct.forEach((x) => factor.push(factor[factor.length - 1]! * (1 + x / 100)));
        const rows = cons.flatMap((c, i) => Array.from({ length: c.len }, (_, k) => c.start + k).map((t) => row(t, `c${i}`, ((c.level / 100) * factor[t]!).toFixed(8))));
        const out = rollingTpd(rows, { windowDays, splice, rounding });
        for (let k = 1; k < out.length; k++) {
          if (out[k]!.status !== "spliced" || out[k - 1]!.status === "carried") continue;
          const t0 = Number(out[k - 1]!.day.slice(8));
          const t1 = Number(out[k]!.day.slice(8));
          if (splice === "movement") expect(Number(out[k]!.level) / Number(out[k - 1]!.level)).toBeCloseTo(factor[t1]! / factor[t0]!, 5);
        }
        if (out.every((p) => p.status !== "carried")) {
          const first = Number(out[0]!.day.slice(8));
          out.forEach((p) => expect(Number(p.level) / 100).toBeCloseTo(factor[Number(p.day.slice(8))]! / factor[first]!, 4));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("the same rows in any order give the same digits", () => {
    const rows = [row(1, "a", "2.10"), row(2, "a", "2.05"), row(3, "a", "2.30"), row(1, "b", "8.00"), row(3, "b", "8.40"), row(2, "c", "3.10"), row(3, "c", "3.00")];
    const reference = JSON.stringify(fitTpd(rows));
    fc.assert(fc.property(fc.shuffledSubarray(rows, { minLength: rows.length }), (shuffled) => JSON.stringify(fitTpd(shuffled)) === reference));
  });
});
