// Importer of llm-prices/<vendor>.json: first-party list prices, each dated history entry expanded to one observation set per day.
import { decOrNull, plain } from "../../normalize/money.ts";
import type { TokenQuote } from "../../schemas/quote.ts";
import { isRecord } from "../record-fields.ts";
import { addDays, dateInName, dayNoon, isDay } from "./days.ts";
import { decodeBytes, parseJsonText } from "../capture-decoder.ts";
import { importSource, ImportCollector } from "./import-collector.ts";
import type { ImportContext, ImportResult } from "./types.ts";

export const FORMAT = "llm-prices";

/** Model ids ending in a context size (gpt-5.4-272k, gemini-2.5-pro-200k) price long prompts: another product. */
const LONG_CONTEXT = /-(\d+)k$/;

function numText(v: unknown): string | null {
  const d = typeof v === "number" ? decOrNull(String(v)) : decOrNull(v);
  return d === null ? null : plain(d);
}

/**
 * The days an entry's price provably held, bounded by the capture date: from_date (inclusive) to to_date
 * (exclusive). Without from_date the start is unknown: only the entry's last day is asserted.
 */
export function entryDays(from: string | null, to: string | null, captureDate: string): { days: string[]; problem: string | null } {
  if (from !== null && from > captureDate) return { days: [], problem: `starts ${from}, after the capture date ${captureDate}: announced, not yet observed` };
  const lastDay = to !== null && to <= captureDate ? addDays(to, -1) : captureDate;
  const firstDay = from ?? lastDay;
  if (firstDay > lastDay) return { days: [], problem: `empty interval ${from ?? "?"}..${to ?? "?"}` };
  const days: string[] = [];
  for (let d = firstDay; d <= lastDay; d = addDays(d, 1)) days.push(d);
  return { days, problem: null };
}

export function importLlmPrices(bytes: Uint8Array, ctx: ImportContext): ImportResult {
  const out = new ImportCollector(ctx, importSource(FORMAT));
  const captureDate = ctx.captureDate ?? dateInName(ctx.dataset);
  const json = parseJsonText(decodeBytes(bytes));
  if (!isRecord(json) || typeof json.vendor !== "string" || !Array.isArray(json.models)) {
    out.reject("file", 'expected {"vendor": ..., "models": [...]}');
    return out.result;
  }
  if (captureDate === null) {
    out.reject("file", "no capture date (pass ctx.captureDate): open-ended prices cannot be bounded");
    return out.result;
  }
  const vendor = json.vendor;
  const seen = new Set<string>();
  json.models.forEach((m, i) => {
    const id = isRecord(m) && typeof m.id === "string" ? m.id : null;
    const history = isRecord(m) && Array.isArray(m.price_history) ? m.price_history : [];
    if (id === null) return out.reject(`models[${i}]`, "no model id");
    if (seen.has(id)) return out.reject(`models[${i}] ${id}`, "duplicate model id in the file: first listing kept");
    seen.add(id);
    if (LONG_CONTEXT.test(id)) return out.reject(`models[${i}] ${id}`, "long-context price tier: kept out of the base price");
    history.forEach((e, j) => {
      const loc = `models[${i}] ${id} price_history[${j}]`;
      if (!isRecord(e)) return out.reject(loc, "entry is not an object");
      const from = isDay(e.from_date as string) ? (e.from_date as string) : null;
      const to = isDay(e.to_date as string) ? (e.to_date as string) : null;
      const input = numText(e.input);
      const output = numText(e.output);
      if (input === null && output === null) return out.reject(loc, "no input or output price");
      const { days, problem } = entryDays(from, to, captureDate);
      if (problem !== null) return out.reject(loc, problem);
      for (const day of days) {
        const quote: TokenQuote = {
          kind: "token",
          provider: vendor,
          model: id,
          endpointId: null,
          quantization: "unknown",
          currency: "USD",
          perTokens: 1_000_000,
          input,
          output,
          cachedInput: numText(e.input_cached),
          cacheWrite: null,
          tier: "historical_import",
          volumeTokens: null,
          observedAt: dayNoon(day),
          locator: loc,
        };
        // The vendor's own list price: first party by construction, whatever the provider table says.
        out.quote(quote, loc, { fromDate: from, toDate: to, vendor }, { providerTier: "first_party" });
      }
    });
  });
  return out.result;
}
