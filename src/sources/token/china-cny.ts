// China-region CNY list prices (community provider configs: providers_<vendor>.json), CNY per 1M tokens.
import type { Dec } from "../../normalize/money.ts";
import type { CaptureInput } from "../../schemas/capture.ts";
import type { ParseResult } from "../../schemas/quote.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { captureJson } from "../capture-decoder.ts";
import { QuoteCollector } from "../quote-collector.ts";
import { isRecord, recordAt, strAt } from "../record-fields.ts";
import { price, priceText } from "./price-fields.ts";
import { baseTier, tierLabel } from "./china-cny-tiers.ts";

/**
 * Provider files that say CNY but are not a China-region CNY list (methodology/README.md, "CNY token indices": a CNY index
 * uses CNY lists only). The deepseek file holds DeepSeek's USD prices times 7.2 (1.008 = 0.14 x 7.2).
 */
export const NOT_CNY_LISTS: Record<string, string> = {
  deepseek: "not a CNY list: USD prices converted at 7.2 (0.14 USD -> 1.008)",
};

/** Service types priced in text tokens; tts, image_gen, embedding... are other products. */
const TEXT_SERVICES = new Set(["chat", "reasoning", "fast", "vision", "omni", "translation"]);

function cachedOf(...records: Record<string, unknown>[]): Dec | null {
  for (const r of records) {
    const p = price(r.cacheHitPrice) ?? price(r.cacheReadPrice);
    if (p !== null) return p;
  }
  return null;
}

/** The capture's shape: one provider config with models[], or a known non-list (FX/markup config, catalogue). */
type Shape = { list: Record<string, unknown> } | { notAList: string };

function providerOf(json: unknown): Shape {
  if (isRecord(json) && Array.isArray(json.models)) return { list: json };
  if (isRecord(json) && "usdToCny" in json) return { notAList: "pricing configuration (markupRatio, usdToCny), not a price list" };
  const values = isRecord(json) ? Object.values(json) : [];
  if (values.length > 0 && values.every((v) => isRecord(v) && isRecord(v.models))) {
    throw new SourceParseError("models.dev-style catalogue (USD, China prices converted at ~6.97): never a CNY list");
  }
  throw new SourceParseError("expected a provider config with priceCurrency and models[]");
}

export function parseChinaCny(capture: CaptureInput): ParseResult {
  const out = new QuoteCollector();
  const found = providerOf(captureJson(capture));
  if ("notAList" in found) {
    out.skip(capture.url, found.notAList);
    return out.result;
  }
  const shape = found.list;
  const provider = strAt(shape, "provider");
  const currency = strAt(shape, "priceCurrency");
  const models: unknown[] = Array.isArray(shape.models) ? shape.models : [];
  models.forEach((model, i) => {
    const name = strAt(model, "modelName");
    const loc = `${provider ?? "?"}/${name ?? `models[${i}]`}`;
    const extra = recordAt(model, "extra");
    const services = isRecord(model) && Array.isArray(model.serviceType) ? model.serviceType.map(String) : [];
    if (provider === null) return out.skip(loc, "provider config without provider id");
    if (NOT_CNY_LISTS[provider] !== undefined) return out.skip(loc, NOT_CNY_LISTS[provider]);
    if (currency !== "CNY") return out.skip(loc, `priceCurrency ${currency ?? "missing"}: not a CNY list`);
    if (name === null) return out.skip(loc, "model without modelName");
    if (!services.some((s) => TEXT_SERVICES.has(s))) return out.skip(loc, `service ${services.join("+") || "unknown"}: not a text-token model`);
    if (extra.deprecated === true) return out.skip(loc, "deprecated model");
    const tiers = Array.isArray(extra.pricingTiers) ? extra.pricingTiers : [];
    const chosen = baseTier(tiers);
    const chosenTier: unknown = chosen === null ? undefined : tiers[chosen];
    const tier = isRecord(chosenTier) ? chosenTier : {};
    const input = price(chosen === null ? (isRecord(model) ? model.inputPrice : null) : tier.inputPrice);
    const output = price(chosen === null ? (isRecord(model) ? model.outputPrice : null) : tier.outputPrice);
    if (input === null || output === null) return out.skip(loc, "no input/output token price pair");
    if (input.isZero() && output.isZero()) return out.skip(loc, "free");
    if (input.isNegative() || output.isNegative()) return out.skip(loc, "negative price");
    const made = out.token({
      kind: "token",
      provider,
      model: name,
      currency: "CNY",
      perTokens: 1000000,
      input: priceText(input),
      output: priceText(output),
      cachedInput: priceText(cachedOf(tier, extra)),
      cacheWrite: priceText(price(extra.cacheWritePrice)),
      tier: "list_price",
      locator: chosen === null ? loc : `${loc} pricingTiers[${chosen}]`,
    });
    if (!made) return;
    tiers.forEach((t, j) => {
      if (j !== chosen) out.skip(`${loc}#pricingTiers[${j}]`, `${tierLabel(t)} tier: kept out of the base quote`);
    });
    if (Array.isArray(extra.priorityPricingTiers)) out.skip(`${loc}#priority`, "priority pricing: kept out of the base quote");
  });
  return out.result;
}

/**
 * No stable public URL is recorded for these community configs, so the default source makes no
 * requests: captures come in through `cpi ingest china-cny <file>`, or pass the raw URLs here.
 */
export function makeChinaCny(urls: readonly string[] = []): SourceDef {
  return {
    id: "china-cny",
    title: "China-region CNY list prices (community provider configs)",
    kind: "token",
    homepage: "https://help.aliyun.com/zh/model-studio/models",
    schedule: "53 1 * * *",
    tier: "list_price",
    requests: () => urls.map((url) => ({ url })),
    parse: parseChinaCny,
    minQuotes: 1,
  };
}

export const chinaCny = makeChinaCny();
