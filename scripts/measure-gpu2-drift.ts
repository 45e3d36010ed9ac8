// Chain drift of the GPU 2.0 level (methodology/gpu.md, "Chain drift"): synthetic noisy quotes around constant true
// prices (seeded, so the figures reproduce), and the bundle's H100 SXM level against a fixed stable panel.
// Run: npx tsx scripts/measure-gpu2-drift.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { computeGpu2, DEFAULT_GPU2_RULES } from "../src/index/gpu2/index.ts";
import { findIndex } from "../src/index/index.ts";
import type { Fixing, FixingDraft } from "../src/schemas/fixing.ts";
import type { Gpu2Rules, IndexDefinition } from "../src/schemas/methodology.ts";
import type { Observation } from "../src/schemas/observation.ts";
import { backCalculate, methodology2 } from "./measure-gpu2.ts";

/** mulberry32: a tiny seeded generator. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function day(n: number): string {
  return new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
}

/** 12 voices x 2 series, constant true prices, daily log noise sigma, each quote missing with probability 0.15. */
export function synthetic(def: IndexDefinition, link: Gpu2Rules["link"], sigma: number, days: number, seed: number): { end: number; maxAbs: number } {
  const rand = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const truth = Array.from({ length: 24 }, () => 1.5 + 2.5 * rand());
  const d2: IndexDefinition = { ...def, gpu2: { ...(def.gpu2 ?? DEFAULT_GPU2_RULES), link } };
  const history: Fixing[] = [];
  let id = 1;
  const levels: number[] = [];
  for (let t = 0; t < days; t++) {
    const observations: Observation[] = [];
    truth.forEach((p, i) => {
      if (rand() < 0.15) return;
      const price = (p * Math.exp(sigma * gauss())).toFixed(4);
      observations.push({ id: id++, captureId: null, source: `ds${i % 3}`, provider: `v${i % 12}`, kind: "gpu", product: "h100-sxm-80gb", rawName: `sku${i}`, metric: "gpu_hour", quantization: null, term: "on_demand", region: "global", providerTier: "neocloud", unit: "USD/GPU-hour", currency: "USD", price, observedAt: `${day(t)}T12:00:00.000Z`, tier: "list_price", volume: null, attrs: { gpuCount: "1" } });
    });
    const draft: FixingDraft = computeGpu2(d2, observations, { fixingDate: day(t), methodologyVersion: "2.0.0", status: "final", prior: history.at(-1) ?? null, history });
    history.push({ ...draft, id: t + 1, revision: 1, publishedAt: draft.fixingTime, prevHash: "", hash: "", signature: "" });
    if (draft.panel?.level && draft.status !== "fallback") levels.push(Number(draft.panel.level));
  }
  const first = levels[0]!;
  return { end: levels.at(-1)! / first - 1, maxAbs: Math.max(...levels.map((l) => Math.abs(l / first - 1))) };
}

/** Chained level vs a fixed panel of the series quoted on at least 90% of the computed days of [from, to]. */
export function stablePanelDrift(fixings: readonly Fixing[], from: string, to: string) {
  const days = fixings.filter((f) => f.fixingDate >= from && f.fixingDate <= to && f.status !== "fallback" && f.panel?.level);
  const counts = new Map<string, number>();
  for (const f of days) for (const c of f.panel!.constituents) if (c.price !== null) counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
  const stable = [...counts].filter(([, n]) => n >= 0.9 * days.length).map(([k]) => k);
  const last = new Map<string, number>();
  const first = new Map<string, number>();
  for (const f of days) {
    for (const c of f.panel!.constituents) if (c.price !== null && stable.includes(c.key)) last.set(c.key, Number(c.price));
    if (first.size === 0) for (const [k, v] of last) first.set(k, v);
  }
  const keys = stable.filter((k) => first.has(k) && last.has(k));
  const jevons = Math.exp(keys.reduce((s, k) => s + Math.log(last.get(k)! / first.get(k)!), 0) / keys.length) - 1;
  const med = (m: Map<string, number>) => {
    const v = keys.map((k) => m.get(k)!).sort((a, b) => a - b);
    return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
  };
  const chained = Number(days.at(-1)!.panel!.level) / Number(days[0]!.panel!.level) - 1;
  return { from: days[0]!.fixingDate, to: days.at(-1)!.fixingDate, days: days.length, stable: keys.length, chained, fixedPanelJevons: jevons, fixedPanelMedian: med(last) / med(first) - 1 };
}

async function main(): Promise<void> {
  const m2 = methodology2();
  const def = findIndex(m2, "GPU-H100SXM-OD");
  for (const sigma of [0.02, 0.1, 0.3]) {
    for (const link of ["geometric_mean", "weighted_median"] as const) {
      const runs = [1, 2, 3].map((seed) => synthetic(def, link, sigma, 120, seed));
      console.log(`synthetic sigma ${sigma} ${link}: end drift ${runs.map((r) => (r.end * 100).toFixed(2)).join("% ")}%, max |level/L0 - 1| ${runs.map((r) => (r.maxAbs * 100).toFixed(2)).join("% ")}%`);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), "cpi-gpu2-drift-"));
  try {
    for (const link of ["geometric_mean", "weighted_median"] as const) {
      const m = { ...m2, indices: m2.indices.map((d) => (d.code === def.code ? { ...d, gpu2: { ...d.gpu2!, link } } : d)) };
      const store = await backCalculate(m, [def.code], join(dir, link));
      const fixings = await store.fixingHistory(def.code, {});
      for (const [from, to] of [["2026-02-13", "2026-05-08"], ["2026-05-12", "2026-07-20"]] as const) console.log(`bundle ${link}`, JSON.stringify(stablePanelDrift(fixings, from, to)));
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
