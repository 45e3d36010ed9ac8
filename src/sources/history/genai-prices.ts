// Importer of genai-prices data JSON (v1/v2): hand-curated list prices per provider x model, with dated price changes.
import { decOrNull, plain } from "../../normalize/money.ts";
import type { TokenQuote } from "../../schemas/quote.ts";
import { isRecord } from "../record-fields.ts";
import { addDays, dateInName, dayNoon, isDay } from "./days.ts";
import { decodeBytes, parseJsonText } from "../capture-decoder.ts";
import { importSource, ImportCollector } from "./import-collector.ts";
import type { ImportContext, ImportResult } from "./types.ts";

export const FORMAT = "genai-prices";

type Rec = Record<string, unknown>;

/** A price: a number, or a context-tiered {base, tiers} whose base (shortest prompts) is the standard price. */
function priceOf(v: unknown): { value: string | null; tiered: boolean } {
  if (isRecord(v)) return { value: priceOf(v.base).value, tiered: Array.isArray(v.tiers) && v.tiers.length > 0 };
  const d = typeof v === "number" ? decOrNull(String(v)) : decOrNull(v);
  return { value: d === null ? null : plain(d), tiered: false };
}

function minutes(hhmm: unknown): number | null {
  const m = typeof hhmm === "string" ? hhmm.match(/^(\d{2}):(\d{2})/) : null;
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Does a constraint hold at noon UTC of `day`? Time-of-day windows are read in UTC ("00:30:00Z"), wrapping midnight. */
export function activeAtNoon(constraint: unknown, day: string): boolean {
  if (!isRecord(constraint)) return true;
  if (isDay(constraint.start_date as string) && (constraint.start_date as string) > day) return false;
  const from = minutes(constraint.start_time);
  const to = minutes(constraint.end_time);
  if (from !== null && to !== null) {
    const noon = 12 * 60;
    return from <= to ? noon >= from && noon < to : noon >= from || noon < to;
  }
  return true;
}

/** The prices in force at noon of `day`: the last listed entry whose constraint holds (later entries override). */
export function pricesAt(entries: Rec[], day: string): Rec | null {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (activeAtNoon(e.constraint, day) && isRecord(e.prices)) return e.prices;
  }
  return null;
}

/** Days to observe: the capture date, and around every dated change up to it (the day before and the day of). */
function daysOf(entries: Rec[], captureDate: string): { days: string[]; future: string[] } {
  const days = new Set([captureDate]);
  const future: string[] = [];
  for (const e of entries) {
    const start = isRecord(e.constraint) ? e.constraint.start_date : undefined;
    if (!isDay(start as string)) continue;
    if ((start as string) > captureDate) future.push(start as string);
    else days.add(start as string).add(addDays(start as string, -1));
  }
  return { days: [...days].sort(), future };
}

export function importGenaiPrices(bytes: Uint8Array, ctx: ImportContext): ImportResult {
  const out = new ImportCollector(ctx, importSource(FORMAT));
  const captureDate = ctx.captureDate ?? dateInName(ctx.dataset);
  const json = parseJsonText(decodeBytes(bytes));
  if (!Array.isArray(json) || captureDate === null) {
    out.reject("file", captureDate === null ? "no capture date in the file name (pass ctx.captureDate)" : "expected a JSON array of providers");
    return out.result;
  }
  json.forEach((p, pi) => {
    const provider = isRecord(p) && typeof p.id === "string" ? p.id : null;
    const models = isRecord(p) && Array.isArray(p.models) ? p.models : [];
    if (provider === null) return out.reject(`[${pi}]`, "provider without id");
    models.forEach((m, mi) => {
      const id = isRecord(m) && typeof m.id === "string" ? m.id : null;
      const loc = `${provider} models[${mi}] ${id ?? "?"}`;
      if (!isRecord(m) || id === null) return out.reject(loc, "model without id");
      const entries: Rec[] = Array.isArray(m.prices) ? m.prices.filter(isRecord) : isRecord(m.prices) ? [{ prices: m.prices }] : [];
      const { days, future } = daysOf(entries, captureDate);
      for (const f of future) out.reject(`${loc} from ${f}`, `price change on ${f}, after the capture date ${captureDate}: announced, not yet observed`);
      for (const day of days) {
        const prices = pricesAt(entries, day);
        const input = priceOf(prices?.input_mtok);
        const output = priceOf(prices?.output_mtok);
        if (input.value === null && output.value === null) {
          out.reject(`${loc} @${day}`, "no input or output price per 1M tokens");
          continue;
        }
        const cached = priceOf(prices?.cache_read_mtok);
        const write = priceOf(prices?.cache_write_mtok);
        const quote: TokenQuote = {
          kind: "token",
          provider,
          model: id,
          endpointId: null,
          quantization: "unknown",
          currency: "USD",
          perTokens: 1_000_000,
          input: input.value,
          output: output.value,
          cachedInput: cached.value,
          cacheWrite: write.value,
          tier: "historical_import",
          volumeTokens: null,
          observedAt: dayNoon(day),
          locator: loc,
        };
        const extra: Rec = { snapshotDate: captureDate };
        if (input.tiered || output.tiered) extra.contextTiered = "base price (shortest prompts) of a context-tiered price";
        if (m.deprecated === true) extra.deprecated = true;
        out.quote(quote, `${loc} @${day}`, extra);
      }
    });
  });
  return out.result;
}
