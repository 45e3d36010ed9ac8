// llm-prices (simonw): first-party list prices per vendor with dated history, USD per 1M tokens.
import type { CaptureInput } from "../../schemas/capture.ts";
import type { ParseResult } from "../../schemas/quote.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { captureJson } from "../capture-decoder.ts";
import { QuoteCollector } from "../quote-collector.ts";
import { dayBefore, isoInstant, price, priceText } from "./price-fields.ts";
import { isRecord, strAt } from "../record-fields.ts";

export const LLM_PRICES_VENDORS = [
  "amazon", "anthropic", "deepseek", "google", "meta-ai", "minimax", "mistral", "moonshot-ai", "openai", "qwen", "xai",
] as const;

export function llmPricesUrl(vendor: string): string {
  return `https://raw.githubusercontent.com/simonw/llm-prices/main/data/${vendor}.json`;
}

/**
 * When an entry held, relative to the capture day: scheduled (from after the capture), history
 * (ended by the capture: observedAt = from_date, or the day before to_date when from is unknown) or
 * current (observedAt null = the capture time; its from_date stays in the locator).
 */
function timing(from: string | null, to: string | null, capturedDay: string): { skip: string } | { observedAt: string | null } {
  if (from !== null && from.slice(0, 10) > capturedDay) return { skip: `scheduled price from ${from}: not in force at capture` };
  if (to !== null && to.slice(0, 10) <= capturedDay) {
    const observedAt = from !== null ? isoInstant(from.slice(0, 10)) : dayBefore(to);
    return observedAt === null ? { skip: `unreadable dates from ${from} to ${to}` } : { observedAt };
  }
  return { observedAt: null };
}

export function parseLlmPrices(capture: CaptureInput): ParseResult {
  const json = captureJson(capture);
  if (!isRecord(json) || !Array.isArray(json.models)) throw new SourceParseError('expected {"vendor": ..., "models": [...]}');
  const vendor = strAt(json, "vendor") ?? /\/([^/]+)\.json$/.exec(capture.url)?.[1] ?? null;
  if (vendor === null) throw new SourceParseError("no vendor in the capture or its URL");
  const ids = new Set(json.models.map((m) => strAt(m, "id")));
  const out = new QuoteCollector();
  const capturedDay = capture.fetchedAt.slice(0, 10);
  json.models.forEach((model, m) => {
    const id = strAt(model, "id");
    const loc = `${vendor}/${id ?? `models[${m}]`}`;
    if (id === null) return out.skip(loc, "model without id");
    const base = /^(.+)-\d+k$/.exec(id)?.[1];
    if (base !== undefined && ids.has(base)) return out.skip(loc, `long-context tier of ${base}: kept out of the base quote`);
    const history = isRecord(model) && Array.isArray(model.price_history) ? model.price_history : [];
    if (history.length === 0) return out.skip(loc, "no price_history");
    history.forEach((h, j) => {
      const from = strAt(h, "from_date");
      const to = strAt(h, "to_date");
      const entryLoc = `${loc} price_history[${j}] from ${from ?? "?"} to ${to ?? "?"}`;
      const input = price(isRecord(h) ? h.input : null);
      const output = price(isRecord(h) ? h.output : null);
      if (input === null || output === null) return out.skip(entryLoc, "no input/output price pair");
      if (input.isZero() && output.isZero()) return out.skip(entryLoc, "free");
      if (input.isNegative() || output.isNegative()) return out.skip(entryLoc, "negative price");
      const when = timing(from, to, capturedDay);
      if ("skip" in when) return out.skip(entryLoc, when.skip);
      out.token({
        kind: "token",
        provider: vendor,
        model: id,
        currency: "USD",
        perTokens: 1000000,
        input: priceText(input),
        output: priceText(output),
        cachedInput: priceText(price(isRecord(h) ? h.input_cached : null)),
        tier: "list_price",
        observedAt: when.observedAt,
        locator: entryLoc,
      });
    });
  });
  return out.result;
}

export const llmPrices: SourceDef = {
  id: "llm-prices",
  title: "llm-prices first-party list price histories",
  kind: "token",
  homepage: "https://www.llm-prices.com/",
  schedule: "47 4,14 * * *",
  tier: "list_price",
  requests: () => LLM_PRICES_VENDORS.map((v) => ({ url: llmPricesUrl(v) })),
  parse: parseLlmPrices,
  minQuotes: 1,
};
