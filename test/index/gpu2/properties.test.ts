// Property tests (issue 12, "Done means") for every GPU index definition under 2.0: entries and exits never move the
// level; a uniform x% change of every price moves it by x%.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { methodology2 } from "../../../scripts/measure-gpu2.ts";
import { gpu2Rules } from "../../../src/index/gpu2/index.ts";
import type { IndexDefinition } from "../../../src/schemas/methodology.ts";
import { dayN, runDays } from "./harness.ts";
import type { SynthQuote } from "./harness.ts";

const allGpu = methodology2().indices.filter((d) => d.family === "gpu");
/** The headline properties, without the companion (its regressions cost time; it is tested on its own below). */
const gpuDefs = allGpu.map((d) => (d.gpu2 ? { ...d, gpu2: { ...d.gpu2, companion: undefined } } : d));

/** A constituent on the index basis: one GPU for a gpu basis, a full node for a node basis. */
function onBasis(def: IndexDefinition, q: SynthQuote): SynthQuote {
  const basis = gpu2Rules(def).basis;
  return basis.unit === "node" ? { ...q, gpuCount: Math.max(8, basis.minNodeGpus ?? 8), bundled: true } : q;
}

/** The block that the basis excludes: bundled hyperscaler nodes for a gpu basis, single GPUs for a node basis. */
function offBasis(def: IndexDefinition, q: SynthQuote): SynthQuote {
  return gpu2Rules(def).basis.unit === "node" ? { ...q, gpuCount: 1, bundled: false } : { ...q, gpuCount: 8, bundled: true, providerTier: def.product.kind === "gpu" ? (def.product.providerTiers?.[0] ?? "hyperscaler") : "hyperscaler" };
}

const price = fc.integer({ min: 200, max: 500 }).map((c) => (c / 100).toFixed(2));

/** A core of 8 voices in 3 datasets, always quoted; extras (cheap ones too) that come and go; a hyperscaler block. */
const scenario: fc.Arbitrary<Scenario> = fc.record({
  core: fc.array(price, { minLength: 8, maxLength: 8 }),
  extras: fc.array(fc.record({ price: fc.integer({ min: 20, max: 300 }).map((c) => (c / 100).toFixed(2)), days: fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }) }), { maxLength: 6 }),
  block: fc.record({ from: fc.integer({ min: 0, max: 8 }), length: fc.integer({ min: 1, max: 5 }), price: fc.integer({ min: 600, max: 1400 }).map((c) => (c / 100).toFixed(2)) }),
  cheapestLeaves: fc.integer({ min: 5, max: 13 }),
});

interface Scenario {
  core: string[];
  extras: { price: string; days: boolean[] }[];
  block: { from: number; length: number; price: string };
  cheapestLeaves: number;
}

function days(def: IndexDefinition, s: Scenario, scale: (day: number) => number = () => 1) {
  const cheapest = s.core.reduce((best, p, i) => (Number(p) < Number(s.core[best]!) ? i : best), 0);
  return Array.from({ length: 14 }, (_, day) => {
    const f = scale(day);
    const px = (p: string) => (Number(p) * f).toFixed(6);
    const quotes: SynthQuote[] = [];
    s.core.forEach((p, i) => {
      if (i === cheapest && day >= s.cheapestLeaves) return;
      quotes.push(onBasis(def, { provider: `core${i}`, dataset: `ds${i % 3}`, price: px(p) }));
    });
    s.extras.forEach((e, i) => {
      if (e.days[day]) quotes.push(onBasis(def, { provider: `extra${i}`, dataset: "ds-extra", price: px(e.price) }));
    });
    if (day >= s.block.from && day < s.block.from + s.block.length) {
      for (const provider of ["aws", "azure", "gcp", "oracle"]) quotes.push(offBasis(def, { provider, dataset: "ds-hyp", price: px(s.block.price) }));
      // The same block on the basis, as a new dataset entering and leaving at once: linked, so it cannot move the level.
      for (const provider of ["aws", "azure", "gcp", "oracle"]) quotes.push(onBasis(def, { provider, dataset: "ds-hyp", sku: "node-8", price: px(s.block.price) }));
    }
    return { date: dayN(day), quotes };
  });
}

describe.each(gpuDefs.map((d) => [d.code, d] as const))("%s under 2.0", (_, def) => {
  it("constant prices with entries, exits, a bundled block and the cheapest leaving publish a constant level", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const values = runDays(def, days(def, s)).map((d) => d.value).filter((v): v is string => v !== null);
        expect(values.length).toBeGreaterThan(0);
        for (const v of values) expect(v).toBe(values[0]);
      }),
      { numRuns: 10 },
    );
  });

  it("a uniform x% change of every price moves the level by x% (within 0.5 pp)", () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: -40, max: 60 }), (s, pct) => {
        const drafts = runDays(def, days(def, s, (day) => (day >= 10 ? 1 + pct / 100 : 1)));
        // A day the gates withhold (e.g. the dispersion gate while the block is in) keeps the bases: compare the
        // last computed level before the change with the first computed one after it.
        const computed = (d: (typeof drafts)[number]) => d.status !== "fallback";
        const before = drafts.slice(0, 10).filter(computed).at(-1)!;
        const after = drafts.slice(10).find(computed)!;
        expect(before).toBeDefined();
        expect(after).toBeDefined();
        const move = Number(after.value) / Number(before.value) - 1;
        expect(Math.abs(move * 100 - pct)).toBeLessThan(0.5);
      }),
      { numRuns: 10 },
    );
  });
});

describe("the quality-adjusted companion (tpd) under 2.0", () => {
  const def = allGpu.find((d) => d.code === "GPU-H100SXM-OD")!;
  it("publishes a constant companion level for constant prices with entries and exits, and follows a uniform change", () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: -40, max: 60 }), (s, pct) => {
        const flat = runDays(def, days(def, s)).map((d) => d.tpd?.level).filter((v): v is string => typeof v === "string");
        expect(flat.length).toBeGreaterThan(0);
        for (const v of flat) expect(Number(v)).toBeCloseTo(Number(flat[0]), 6);
        const moved = runDays(def, days(def, s, (day) => (day >= 10 ? 1 + pct / 100 : 1)));
        const before = moved.slice(0, 10).filter((d) => d.tpd?.status !== "carried" && d.tpd?.level).at(-1)!;
        const after = moved.slice(10).find((d) => d.tpd?.status === "spliced")!;
        expect(Math.abs((Number(after.tpd!.level) / Number(before.tpd!.level) - 1) * 100 - pct)).toBeLessThan(0.5);
      }),
      { numRuns: 5 },
    );
  }, 120_000);
});
