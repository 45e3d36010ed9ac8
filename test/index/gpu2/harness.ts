// Test harness for GPU 2.x: a day-by-day run of computeGpu2 where each day reads the prior days' drafts as history.
import { computeGpu2 } from "../../../src/index/gpu2/index.ts";
import type { Fixing, FixingDraft } from "../../../src/schemas/fixing.ts";
import type { IndexDefinition } from "../../../src/schemas/methodology.ts";
import type { Observation } from "../../../src/schemas/observation.ts";

/** One synthetic quote: a constituent (provider, dataset, SKU, GPUs per unit) priced on a day. */
export interface SynthQuote {
  provider: string;
  price: string;
  dataset?: string;
  sku?: string;
  gpuCount?: number;
  bundled?: boolean;
  region?: string;
  providerTier?: Observation["providerTier"];
}

let nextId = 1;

/** A full observation of def's product at noon UTC of `date`. */
export function quote(def: IndexDefinition, date: string, q: SynthQuote): Observation {
  if (def.product.kind !== "gpu") throw new Error("GPU definitions only");
  return {
    id: nextId++,
    captureId: null,
    source: q.dataset ?? "test",
    provider: q.provider,
    kind: "gpu",
    product: def.product.classIds[0]!,
    rawName: q.sku ?? "H100_SXM",
    metric: "gpu_hour",
    quantization: null,
    term: def.product.term,
    region: q.region ?? "global",
    providerTier: q.providerTier ?? def.product.providerTiers?.[0] ?? "neocloud",
    unit: def.unit,
    currency: def.currency,
    price: q.price,
    observedAt: `${date}T12:00:00.000Z`,
    tier: "list_price",
    volume: null,
    attrs: { gpuCount: String(q.gpuCount ?? 1), bundled: q.bundled ?? false },
  };
}

function published(draft: FixingDraft, id: number): Fixing {
  return { ...draft, id, revision: 1, publishedAt: draft.fixingTime, prevHash: "", hash: "", signature: "" };
}

/** Compute each day in order; day d sees every earlier draft as history and the last as prior. */
export function runDays(def: IndexDefinition, days: readonly { date: string; quotes: readonly SynthQuote[] }[], version = "2.0.0"): FixingDraft[] {
  const history: Fixing[] = [];
  const drafts: FixingDraft[] = [];
  for (const day of days) {
    const observations = day.quotes.map((q) => quote(def, day.date, q));
    const draft = computeGpu2(def, observations, { fixingDate: day.date, methodologyVersion: version, status: "final", prior: history.at(-1) ?? null, history });
    drafts.push(draft);
    history.push(published(draft, history.length + 1));
  }
  return drafts;
}

/** ISO date `n` days after 2026-03-01. */
export function dayN(n: number): string {
  return new Date(Date.UTC(2026, 2, 1) + n * 86_400_000).toISOString().slice(0, 10);
}
