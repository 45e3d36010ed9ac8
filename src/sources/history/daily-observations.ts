// Importer of gpu-history daily_observations_*.csv: one per-GPU-hour observation (the day's median) per row.
import { dec, decOrNull, plain } from "../../normalize/money.ts";
import type { GpuQuote, Term } from "../../schemas/quote.ts";
import { csvRecords } from "../csv.ts";
import { decodeBytes } from "../capture-decoder.ts";
import { dayNoon, isDay } from "./days.ts";
import { importSource, ImportCollector } from "./import-collector.ts";
import type { ImportContext, ImportResult } from "./types.ts";

export const FORMAT = "daily-observations";

const TERMS: Record<string, Term> = { on_demand: "on_demand", spot: "spot" };

type Row = Record<string, string>;

/** Linear in count within 10%: p(b)/p(a) ~ b/a, the signature of per-node prices under a per-GPU header. */
function scalesWithCount(a: { count: string; price: string }, b: { count: string; price: string }): boolean {
  const ratio = dec(b.price).times(a.count).div(dec(a.price).times(b.count));
  return ratio.minus(1).abs().lt("0.1");
}

/**
 * Days on which one publisher (source_url) wrote per-node prices in the per-GPU columns: most of its
 * multi-size offers (same provider, GPU, term, region, day) then cost count x the smallest size's price.
 * The real file has this for getdeploying.com on 2026-02-11..18 (data/README.md).
 */
export function perNodeDays(rows: Row[]): Set<string> {
  const groups = new Map<string, { count: string; price: string }[]>();
  for (const r of rows) {
    const price = r.price_median_usd ?? "";
    const count = r.gpu_count ?? "";
    if (decOrNull(price)?.gt(0) !== true || decOrNull(count)?.gt(0) !== true) continue;
    const key = [r.source_url, r.date, r.provider, r.gpu_model, r.rental_type, r.region].join("\u0000");
    const list = groups.get(key) ?? [];
    list.push({ count, price });
    groups.set(key, list);
  }
  const tally = new Map<string, { linear: number; multi: number }>();
  for (const [key, list] of groups) {
    const sizes = [...new Map(list.map((x) => [plain(dec(x.count)), x])).values()].sort((x, y) => dec(x.count).cmp(y.count));
    if (sizes.length < 2) continue;
    const dayKey = key.split("\u0000").slice(0, 2).join("\u0000");
    const t = tally.get(dayKey) ?? { linear: 0, multi: 0 };
    const base = sizes[0]!;
    const linear = sizes.slice(1).every((s) => scalesWithCount(base, s));
    t.multi++;
    if (linear) t.linear++;
    tally.set(dayKey, t);
  }
  const days = new Set<string>();
  for (const [dayKey, t] of tally) if (t.multi >= 3 && t.linear * 2 >= t.multi) days.add(dayKey);
  return days;
}

export function importDailyObservations(bytes: Uint8Array, ctx: ImportContext): ImportResult {
  const out = new ImportCollector(ctx, importSource(FORMAT));
  const rows = csvRecords(decodeBytes(bytes), { trim: true });
  const nodeDays = perNodeDays(rows.map((x) => x.r));
  for (const { line, r } of rows) {
    const loc = `line ${line}`;
    const date = r.date;
    if (!isDay(date)) {
      out.reject(loc, `bad date "${date ?? ""}"`);
      continue;
    }
    const term = TERMS[r.rental_type ?? ""];
    if (!term) {
      out.reject(loc, `unknown rental_type "${r.rental_type ?? ""}"`);
      continue;
    }
    const median = decOrNull(r.price_median_usd);
    if (median === null) {
      out.reject(loc, "empty or non-numeric price_median_usd");
      continue;
    }
    const count = decOrNull(r.gpu_count);
    if (count === null || !count.gt(0)) {
      out.reject(loc, `bad gpu_count "${r.gpu_count ?? ""}"`);
      continue;
    }
    if (count.gt(1) && nodeDays.has(`${r.source_url}\u0000${date}`)) {
      out.reject(loc, `per-node price in per-GPU column: on ${date} ${r.source_url} priced multi-GPU offers at gpu_count x the single size`);
      continue;
    }
    const offers = decOrNull(r.n_offers);
    const quote: GpuQuote = {
      kind: "gpu",
      provider: (r.provider ?? "").trim() || "unknown",
      sku: "",
      gpuName: r.gpu_model ?? "",
      gpuInfo: null,
      gpuMemoryGiB: null,
      gpuCount: plain(count),
      price: plain(median),
      priceBasis: "gpu",
      // gpu_count is the offer's size: an 8x offer is an 8-GPU node priced per GPU.
      gpuUnit: "stated",
      currency: "USD",
      term,
      region: r.region ?? "",
      vcpus: null,
      memoryGiB: null,
      tier: "historical_import",
      observedAt: dayNoon(date),
      locator: loc,
      offers: offers !== null && offers.isInteger() && offers.gt(0) ? offers.toNumber() : null,
    };
    out.quote(quote, loc, {
      gpuCount: plain(count),
      nOffers: quote.offers,
      priceMin: r.price_min_usd || null,
      priceMax: r.price_max_usd || null,
      fetchedAt: r.fetched_at || null,
      sourceUrl: r.source_url || null,
    });
  }
  return out.result;
}
