// Hugging Face inference router (GET router.huggingface.co/v1/models): per model x provider prices, USD per 1M tokens.
import type { CaptureInput } from "../../schemas/capture.ts";
import type { ParseResult } from "../../schemas/quote.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { captureJson } from "../capture-decoder.ts";
import { QuoteCollector } from "../quote-collector.ts";
import { isRecord, recordAt, strAt } from "../record-fields.ts";
import { price, priceText } from "./price-fields.ts";

export const HUGGINGFACE_ROUTER_URL = "https://router.huggingface.co/v1/models";

function rowsOf(json: unknown): unknown[] {
  if (isRecord(json) && Array.isArray(json.data)) return json.data;
  if (Array.isArray(json)) return json;
  throw new SourceParseError('expected {"object":"list","data":[...]}');
}

/** Text out, when the model says; a model without architecture is assumed to be a text model. */
function textOutput(row: unknown): boolean {
  const outputs = recordAt(row, "architecture").output_modalities;
  return !Array.isArray(outputs) || outputs.includes("text");
}

/**
 * One quote per model x provider with status "live" (staging/offline/deprecated skipped). The router
 * bills the provider's price when it routes there, so the quotes are executable. Prices are USD per
 * 1M tokens (genai-prices reads the same field as input_mtok).
 */
export function parseHuggingFace(capture: CaptureInput): ParseResult {
  const out = new QuoteCollector();
  rowsOf(captureJson(capture)).forEach((row, i) => {
    const model = strAt(row, "id");
    const loc = `data[${i}] ${model ?? "?"}`;
    if (model === null) return out.skip(loc, "no model id");
    if (!textOutput(row)) return out.skip(loc, "not a text-output model");
    const providers = isRecord(row) && Array.isArray(row.providers) ? row.providers : [];
    if (providers.length === 0) return out.skip(loc, "no providers");
    providers.forEach((p, j) => {
      const provider = strAt(p, "provider")?.toLowerCase() ?? null;
      const ploc = `${loc} providers[${j}] ${provider ?? "?"}`;
      if (provider === null) return out.skip(ploc, "no provider name");
      const status = strAt(p, "status");
      if (status !== null && status !== "live") return out.skip(ploc, `status ${status}: not live`);
      const pricing = recordAt(p, "pricing");
      const input = price(pricing.input);
      const output = price(pricing.output);
      if (input === null || output === null) return out.skip(ploc, "no input/output token price pair");
      if (input.isZero() && output.isZero()) return out.skip(ploc, "free");
      if (input.isNegative() || output.isNegative()) return out.skip(ploc, "negative price");
      out.token({
        kind: "token",
        provider,
        model,
        currency: "USD",
        perTokens: 1000000,
        input: priceText(input),
        output: priceText(output),
        tier: "executable_quote",
        locator: ploc,
      });
    });
  });
  return out.result;
}

export const huggingface: SourceDef = {
  id: "huggingface",
  title: "Hugging Face inference router prices",
  kind: "token",
  homepage: "https://huggingface.co/inference/models",
  schedule: "27 * * * *",
  tier: "executable_quote",
  requests: () => [{ url: HUGGINGFACE_ROUTER_URL }],
  parse: parseHuggingFace,
  minQuotes: 20,
};
