// Importer of gpu-history multi_tier_daily_*.csv: daily per-GPU prices by lease term; estimates are not observations.
import { decOrNull, plain } from "../../normalize/money.ts";
import type { GpuQuote, Term } from "../../schemas/quote.ts";
import { csvRecords } from "../csv.ts";
import { decodeBytes } from "../capture-decoder.ts";
import { dayNoon, isDay } from "./days.ts";
import { importSource, ImportCollector } from "./import-collector.ts";
import type { ImportContext, ImportResult } from "./types.ts";

export const FORMAT = "multi-tier";

export const TIER_TERMS: Record<string, Term> = {
  on_demand: "on_demand",
  spot: "spot",
  "1mo": "term_1m",
  "3mo": "term_3m",
  "6mo": "term_6m",
  "12mo": "term_12m",
  "24mo": "term_24m",
  "36mo": "term_36m",
};

export function importMultiTier(bytes: Uint8Array, ctx: ImportContext): ImportResult {
  const out = new ImportCollector(ctx, importSource(FORMAT));
  for (const { line, r } of csvRecords(decodeBytes(bytes), { trim: true })) {
    const loc = `line ${line}`;
    if (r.source === "historical_estimate") {
      out.reject(loc, "source=historical_estimate: an estimate, not an observation");
      continue;
    }
    if (!isDay(r.date)) {
      out.reject(loc, `bad date "${r.date ?? ""}"`);
      continue;
    }
    const term = TIER_TERMS[r.price_tier ?? ""];
    if (!term) {
      out.reject(loc, `unknown price_tier "${r.price_tier ?? ""}"`);
      continue;
    }
    const price = decOrNull(r.per_gpu_hourly_usd);
    if (price === null) {
      out.reject(loc, "empty or non-numeric per_gpu_hourly_usd");
      continue;
    }
    const quote: GpuQuote = {
      kind: "gpu",
      provider: (r.provider ?? "").trim() || "unknown",
      sku: "",
      gpuName: r.gpu_type ?? "",
      gpuInfo: null,
      gpuMemoryGiB: null,
      gpuCount: "1",
      price: plain(price),
      priceBasis: "gpu",
      // per_gpu_hourly_usd names no instance: the unit comes from NODE_ONLY (src/normalize/bundling.ts).
      gpuUnit: "not_stated",
      currency: "USD",
      term,
      region: r.region ?? "",
      vcpus: null,
      memoryGiB: null,
      tier: "historical_import",
      observedAt: dayNoon(r.date),
      locator: loc,
      offers: null,
    };
    out.quote(quote, loc, { priceTier: r.price_tier, sourceFlag: r.source || null });
  }
  return out.result;
}
