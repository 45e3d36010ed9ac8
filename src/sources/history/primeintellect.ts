// Importer of gpu-history primeintellect_30min_*/<GPU>.jsonl: marketplace snapshots -> one observation per snapshot x provider.
import { decOrNull, plain } from "../../normalize/money.ts";
import type { GpuQuote } from "../../schemas/quote.ts";
import { isRecord } from "../record-fields.ts";
import { decodeBytes } from "../capture-decoder.ts";
import { importSource, ImportCollector } from "./import-collector.ts";
import type { ImportContext, ImportResult } from "./types.ts";

export const FORMAT = "primeintellect";

interface Snapshot {
  line: number;
  rec: Record<string, unknown>;
}

function num(v: unknown): string | null {
  const d = typeof v === "number" ? decOrNull(String(v)) : decOrNull(v);
  return d === null ? null : plain(d);
}

/**
 * Providers the file shows offering spot capacity (a by_config best_deal with spot: true anywhere in it).
 * by_provider aggregates all of a provider's offers without a spot flag, so their averages may mix spot
 * and on-demand: such providers are rejected for the whole file rather than guessed at.
 */
export function spotProviders(snapshots: Snapshot[]): Set<string> {
  const out = new Set<string>();
  for (const { rec } of snapshots) {
    const configs = isRecord(rec.by_config) ? rec.by_config : {};
    for (const c of Object.values(configs)) {
      const deal = isRecord(c) && isRecord(c.best_deal) ? c.best_deal : null;
      if (deal && deal.spot === true && typeof deal.provider === "string") out.add(deal.provider);
    }
  }
  return out;
}

/** GPU name from the record (gpu_type + socket_type), else from the file name (H100_80GB_SXM5.jsonl). */
function gpuNameOf(rec: Record<string, unknown>, dataset: string): string {
  const type = typeof rec.gpu_type === "string" ? rec.gpu_type : "";
  const socket = typeof rec.socket_type === "string" ? rec.socket_type : "";
  const fromRecord = [type, socket].filter(Boolean).join(" ").replace(/_/g, " ");
  return fromRecord || dataset.replace(/\.jsonl$/, "").replace(/_/g, " ");
}

export function importPrimeIntellect(bytes: Uint8Array, ctx: ImportContext): ImportResult {
  const out = new ImportCollector(ctx, importSource(FORMAT));
  const snapshots: Snapshot[] = [];
  decodeBytes(bytes).split("\n").forEach((text, i) => {
    if (text.trim() === "") return;
    try {
      const rec = JSON.parse(text) as unknown;
      if (isRecord(rec)) snapshots.push({ line: i + 1, rec });
      else out.reject(`line ${i + 1}`, "snapshot is not a JSON object");
    } catch {
      out.reject(`line ${i + 1}`, "not JSON (truncated line?)");
    }
  });
  const spot = spotProviders(snapshots);
  for (const { line, rec } of snapshots) {
    const at = typeof rec.timestamp === "string" ? Date.parse(rec.timestamp) : NaN;
    if (!Number.isFinite(at)) {
      out.reject(`line ${line}`, "no timestamp");
      continue;
    }
    const observedAt = new Date(at).toISOString();
    const gpuName = gpuNameOf(rec, ctx.dataset);
    const byProvider = isRecord(rec.by_provider) ? rec.by_provider : {};
    for (const provider of Object.keys(byProvider).sort()) {
      const loc = `line ${line} by_provider.${provider}`;
      const p = byProvider[provider];
      const avg = isRecord(p) ? num(p.avg) : null;
      if (avg === null) {
        out.reject(loc, "no avg price");
        continue;
      }
      if (spot.has(provider)) {
        out.reject(loc, "provider lists spot offers in this file: its by_provider average may mix spot and on-demand");
        continue;
      }
      const count = isRecord(p) ? decOrNull(String(p.count)) : null;
      const quote: GpuQuote = {
        kind: "gpu",
        provider,
        sku: "",
        gpuName,
        gpuInfo: null,
        gpuMemoryGiB: null,
        gpuCount: "1",
        price: avg,
        priceBasis: "gpu",
        // by_provider avg is per GPU-hour over every configuration (1x..8x): no single unit.
        gpuUnit: "not_stated",
        currency: "USD",
        term: "on_demand",
        region: "",
        vcpus: null,
        memoryGiB: null,
        tier: "historical_import",
        observedAt,
        locator: loc,
        offers: count !== null && count.isInteger() && count.gt(0) ? count.toNumber() : null,
      };
      out.quote(quote, loc, { nOffers: quote.offers, priceMin: isRecord(p) ? num(p.min) : null, aggregate: "by_provider avg per GPU-hour", snapshotAt: rec.timestamp });
    }
  }
  return out.result;
}
