// LiteLLM community price map (model_prices_and_context_window.json): list prices per token, a cross-check source.
import { dec } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import type { CaptureInput } from "../../schemas/capture.ts";
import type { ParseResult } from "../../schemas/quote.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { captureJson } from "../capture-decoder.ts";
import { QuoteCollector } from "../quote-collector.ts";
import { isRecord, strAt } from "../record-fields.ts";
import { price, priceText } from "./price-fields.ts";

export const LITELLM_URL =
  "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json";

/** Modes priced in text tokens; everything else (embedding, image, audio, rerank...) is another product. */
const TOKEN_MODES = new Set(["chat", "completion"]);

/**
 * Community-maintained junk exists (0 for paid models, 135000 $/M from per-1K values typed as per-token).
 * The dearest real list prices are o1-pro / gpt-4.5 class ($150-600 per 1M), so anything above
 * $1000 per 1M is treated as a unit error.
 */
export const LITELLM_MAX_USD_PER_MTOK = dec(1000);
const PER_MTOK = dec(1000000);

const BASE_FIELDS = ["input_cost_per_token", "output_cost_per_token", "cache_read_input_token_cost", "cache_creation_input_token_cost"];

/**
 * Variant suffixes of the base fields (`_batches`, `_flex`, `_priority`, `_above_128k_tokens`,
 * `_above_1hr`, combinations): separate products, recorded as skips `<key>#<suffix>`, never in the base
 * quote. `input_cost_per_token_cache_hit` (DeepSeek's older spelling of a cache read) is not a variant.
 */
function variantSuffixes(row: Record<string, unknown>): string[] {
  const suffixes = new Set<string>();
  for (const key of Object.keys(row)) {
    for (const base of BASE_FIELDS) {
      if (!key.startsWith(`${base}_`) || key === "input_cost_per_token_cache_hit") continue;
      if (price(row[key]) !== null) suffixes.add(key.slice(base.length + 1));
    }
  }
  return [...suffixes].sort();
}

function plausibility(input: Dec | null, output: Dec | null): string | null {
  if (input === null && output === null) return "no per-token price";
  if ((input === null || input.isZero()) && (output === null || output.isZero())) return "implausible: zero price";
  if (input?.isNegative() || output?.isNegative()) return "implausible: negative price";
  const perM = [input, output].map((p) => (p === null ? dec(0) : p.times(PER_MTOK)));
  if (perM.some((p) => p.gt(LITELLM_MAX_USD_PER_MTOK))) return `implausible: above ${LITELLM_MAX_USD_PER_MTOK.toFixed()} USD per 1M tokens`;
  return null;
}

export function parseLiteLlm(capture: CaptureInput): ParseResult {
  const json = captureJson(capture);
  if (!isRecord(json)) throw new SourceParseError("expected a JSON object keyed by model string");
  const out = new QuoteCollector();
  for (const [key, row] of Object.entries(json)) {
    if (key === "sample_spec") {
      out.skip(key, "documentation row (sample_spec)");
      continue;
    }
    if (!isRecord(row)) {
      out.skip(key, key === "last_updated" ? "metadata (last_updated)" : "entry is not an object");
      continue;
    }
    const mode = strAt(row, "mode");
    if (mode === null || !TOKEN_MODES.has(mode)) {
      out.skip(key, mode === null ? "no mode" : `mode ${mode}: not a chat/completion model`);
      continue;
    }
    const provider = strAt(row, "litellm_provider");
    if (provider === null) {
      out.skip(key, "no litellm_provider");
      continue;
    }
    const input = price(row.input_cost_per_token);
    const output = price(row.output_cost_per_token);
    const bad = plausibility(input, output);
    if (bad !== null) {
      out.skip(key, bad);
      continue;
    }
    const made = out.token({
      kind: "token",
      provider,
      model: key,
      currency: "USD",
      perTokens: 1,
      input: priceText(input),
      output: priceText(output),
      cachedInput: priceText(price(row.cache_read_input_token_cost) ?? price(row.input_cost_per_token_cache_hit)),
      cacheWrite: priceText(price(row.cache_creation_input_token_cost)),
      tier: "list_price",
      locator: key,
    });
    if (!made) continue;
    for (const suffix of variantSuffixes(row)) out.skip(`${key}#${suffix}`, `${suffix} variant: kept out of the base quote`);
  }
  return out.result;
}

export const litellm: SourceDef = {
  id: "litellm",
  title: "LiteLLM community price map",
  kind: "token",
  homepage: "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json",
  schedule: "23 3,14 * * *",
  tier: "list_price",
  requests: () => [{ url: LITELLM_URL }],
  parse: parseLiteLlm,
  minQuotes: 300,
};
