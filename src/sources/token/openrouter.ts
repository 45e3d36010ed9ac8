// OpenRouter model list (GET /api/v1/models): the router's top-level list price per model, USD per token.
import type { Dec } from "../../normalize/money.ts";
import type { CaptureInput } from "../../schemas/capture.ts";
import type { ParseResult } from "../../schemas/quote.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { captureJson } from "../capture-decoder.ts";
import { QuoteCollector } from "../quote-collector.ts";
import { isRecord, recordAt, strAt } from "../record-fields.ts";
import { price, priceText } from "./price-fields.ts";

export const OPENROUTER_MODELS_URL = "https://openrouter.ai/api/v1/models";

/** The model array of the live envelope `{"data":[...]}` or of a bare-array capture. */
export function openRouterModelRows(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (isRecord(json) && Array.isArray(json.data)) return json.data;
  throw new SourceParseError('expected a JSON array of models or {"data":[...]}');
}

/** Why a prompt/completion pair cannot make a quote, or null when it can. */
export function priceSkipReason(input: Dec | null, output: Dec | null): string | null {
  if (input?.eq(-1) || output?.eq(-1)) return "router: no fixed price";
  if (input?.isNegative() || output?.isNegative()) return "negative price";
  if (input === null && output === null) return "no prompt/completion price";
  if ((input === null || input.isZero()) && (output === null || output.isZero())) return "free";
  return null;
}

export function parseOpenRouterModels(capture: CaptureInput): ParseResult {
  const rows = openRouterModelRows(captureJson(capture));
  const out = new QuoteCollector();
  rows.forEach((row, i) => {
    const id = strAt(row, "id");
    const loc = `[${i}] ${id ?? "?"}`;
    if (id === null) return out.skip(loc, "no model id");
    const alias = recordAt(row, "alias_target");
    const aliasSlug = strAt(alias, "slug");
    if (aliasSlug !== null) return out.skip(loc, `alias of ${aliasSlug}: duplicate listing`);
    if (id.endsWith(":free")) return out.skip(loc, "free");
    const pricing = recordAt(row, "pricing");
    const input = price(pricing.prompt);
    const output = price(pricing.completion);
    const reason = priceSkipReason(input, output);
    if (reason !== null) return out.skip(loc, reason);
    const made = out.token({
      kind: "token",
      provider: "openrouter",
      model: id,
      currency: "USD",
      perTokens: 1,
      input: priceText(input),
      output: priceText(output),
      cachedInput: priceText(price(pricing.input_cache_read)),
      cacheWrite: priceText(price(pricing.input_cache_write)),
      tier: "list_price",
      locator: loc,
    });
    // Long-prompt tiers are other products (a price above N prompt tokens): recorded, never merged.
    const overrides = Array.isArray(pricing.overrides) ? pricing.overrides : [];
    if (made) {
      overrides.forEach((o, j) => {
        const min = strAt(o, "min_prompt_tokens") ?? "?";
        out.skip(`${loc} overrides[${j}]`, `long-prompt tier (min_prompt_tokens ${min}): kept out of the base quote`);
      });
    }
  });
  return out.result;
}

export const openrouter: SourceDef = {
  id: "openrouter",
  title: "OpenRouter model list prices",
  kind: "token",
  homepage: "https://openrouter.ai/docs/api-reference/list-available-models",
  schedule: "7 * * * *",
  tier: "list_price",
  requests: () => [{ url: OPENROUTER_MODELS_URL }],
  parse: parseOpenRouterModels,
  minQuotes: 100,
};
