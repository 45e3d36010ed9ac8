// DeepInfra model list (GET api.deepinfra.com/models/list): its own serving prices, cents per token made USD per token.
import { dec } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import type { CaptureInput } from "../../schemas/capture.ts";
import type { ParseResult } from "../../schemas/quote.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { captureJson } from "../capture-decoder.ts";
import { QuoteCollector } from "../quote-collector.ts";
import { isRecord, recordAt, strAt } from "../record-fields.ts";
import { price, priceText } from "./price-fields.ts";

export const DEEPINFRA_URL = "https://api.deepinfra.com/models/list";

const CENTS_PER_USD = dec(100);

/** The model array: the API serves a bare array; `{data}` / `{models}` envelopes are accepted defensively. */
function rowsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (isRecord(json) && Array.isArray(json.data)) return json.data;
  if (isRecord(json) && Array.isArray(json.models)) return json.models;
  throw new SourceParseError("expected a JSON array of DeepInfra models");
}

function usd(cents: unknown): Dec | null {
  const c = price(cents);
  return c === null ? null : c.div(CENTS_PER_USD);
}

/**
 * No capture of this API is in the shared fixtures; the shape is the one public clients rely on:
 * `{model_name, type: "text-generation", deprecated: null | time, pricing: {type: "tokens",
 * cents_per_input_token, cents_per_output_token}}`. `rate_per_input_token_cached` and `discount`
 * have undocumented semantics, so cachedInput stays null (unless `cents_per_cached_input_token` is
 * given) and a discount is only recorded in the locator.
 */
export function parseDeepInfra(capture: CaptureInput): ParseResult {
  const out = new QuoteCollector();
  rowsOf(captureJson(capture)).forEach((row, i) => {
    const model = strAt(row, "model_name") ?? strAt(row, "id");
    const loc = `[${i}] ${model ?? "?"}`;
    if (model === null) return out.skip(loc, "no model_name");
    const type = strAt(row, "type") ?? strAt(row, "reported_type");
    if (type !== "text-generation") return out.skip(loc, `type ${type ?? "missing"}: not a text-generation model`);
    const deprecated = isRecord(row) ? row.deprecated : null;
    if (deprecated !== null && deprecated !== undefined && deprecated !== false) return out.skip(loc, "deprecated");
    const pricing = recordAt(row, "pricing");
    const pricingType = strAt(pricing, "type") ?? "tokens";
    if (pricingType !== "tokens") return out.skip(loc, `pricing type ${pricingType}: not per token`);
    const input = usd(pricing.cents_per_input_token);
    const output = usd(pricing.cents_per_output_token);
    if (input === null || output === null) return out.skip(loc, "no input/output token price pair");
    if (input.isZero() && output.isZero()) return out.skip(loc, "free");
    if (input.isNegative() || output.isNegative()) return out.skip(loc, "negative price");
    const discount = strAt(pricing, "discount");
    out.token({
      kind: "token",
      provider: "deepinfra",
      model,
      currency: "USD",
      perTokens: 1,
      input: priceText(input),
      output: priceText(output),
      cachedInput: priceText(usd(pricing.cents_per_cached_input_token)),
      tier: "list_price",
      locator: discount !== null && discount !== "0" ? `${loc} discount=${discount}` : loc,
    });
  });
  return out.result;
}

export const deepinfra: SourceDef = {
  id: "deepinfra",
  title: "DeepInfra serverless model prices",
  kind: "token",
  homepage: "https://deepinfra.com/pricing",
  schedule: "13 * * * *",
  tier: "list_price",
  requests: () => [{ url: DEEPINFRA_URL }],
  parse: parseDeepInfra,
  minQuotes: 20,
};
