// Pure normalization: one parsed quote -> observations in standard units, or a quarantine reason.
import type { GpuQuote, Quote, TokenQuote } from "../schemas/quote.ts";
import { UNCLASSIFIED, type Metric, type NewObservation } from "../schemas/observation.ts";
import { bundlingOf } from "./bundling.ts";
import { canonicalProvider, classifyGpu } from "./hardware/index.ts";
import { canonicalModel, normalizeQuantization } from "./models/index.ts";
import { dec, plain, type Dec } from "./money.ts";
import { gpuPriceProblem, tokenPriceProblem } from "./sanity.ts";

export interface NormalizeContext {
  source: string;
  captureId: number | null;
  /** Capture time; a quote without its own observedAt is observed at this time. */
  fetchedAt: string;
}

export interface Normalized {
  observations: NewObservation[];
  /** Set when the quote must not be published; the quote is kept with this reason. */
  quarantineReason: string | null;
}

export function normalizeQuote(quote: Quote, ctx: NormalizeContext): Normalized {
  if (quote.kind === "gpu") return normalizeGpu(quote, ctx);
  if (quote.kind === "token") return normalizeToken(quote, ctx);
  return { observations: [], quarantineReason: null };
}

/** classifyGpu is pure and a catalog repeats a few hundred descriptors across thousands of rows: remember them. */
const classified = new Map<string, ReturnType<typeof classifyGpu>>();
function classifyCached(d: Parameters<typeof classifyGpu>[0]): ReturnType<typeof classifyGpu> {
  const key = JSON.stringify([d.provider, d.source, d.sku, d.gpuName, d.gpuInfo, d.gpuMemoryGiB, d.gpuCount]);
  let hit = classified.get(key);
  if (!hit) {
    hit = classifyGpu(d);
    if (classified.size >= 20_000) classified.clear();
    classified.set(key, hit);
  }
  return hit;
}

function normalizeGpu(q: GpuQuote, ctx: NormalizeContext): Normalized {
  if (q.currency !== "USD") return quarantined(`GPU quotes are published in USD; got ${q.currency}`);
  const count = dec(q.gpuCount);
  if (!count.gt(0)) return quarantined(`GPU count must be positive; got ${q.gpuCount}`);
  const perGpu = q.priceBasis === "instance" ? dec(q.price).div(count) : dec(q.price);
  const price = plain(perGpu);
  const problem = gpuPriceProblem(price);
  if (problem) return quarantined(problem);
  const provider = canonicalProvider(q.provider);
  const cls = classifyCached({ provider: provider.id, source: ctx.source, sku: q.sku, gpuName: q.gpuName, gpuInfo: q.gpuInfo, gpuMemoryGiB: q.gpuMemoryGiB, gpuCount: count.toNumber() });
  const product = cls.classified ? cls.classId : UNCLASSIFIED;
  // A multi-GPU node's price divided per GPU carries its CPUs, RAM and network: not a separable GPU price.
  const unit = bundlingOf({ provider: provider.id, product, gpuUnit: q.gpuUnit, gpuCount: count, perGpu });
  const attrs: Record<string, unknown> = {
    sku: q.sku,
    locator: q.locator,
    gpuCount: unit.unitGpus,
    priceBasis: q.priceBasis,
    quotedPrice: q.price,
    bundled: unit.bundled,
    bundling: unit.rule,
    unitPrice: unit.unitPrice,
  };
  if (q.vcpus !== null) attrs.vcpusPerGpu = plain(dec(q.vcpus).div(count));
  if (q.memoryGiB !== null) attrs.ramGiBPerGpu = plain(dec(q.memoryGiB).div(count));
  if (q.offers !== null) attrs.offers = q.offers;
  if (cls.classified) attrs.evidence = cls.evidence;
  else attrs.unmappedReason = cls.reason;
  const rawName = [q.sku, q.gpuName].filter((s) => s.length > 0).join(" | ") || q.gpuName;
  return {
    quarantineReason: null,
    observations: [
      {
        captureId: ctx.captureId,
        source: ctx.source,
        provider: provider.id,
        kind: "gpu",
        product,
        rawName,
        metric: "gpu_hour",
        quantization: null,
        term: q.term,
        region: q.region || null,
        providerTier: provider.tier,
        unit: "USD/GPU-hour",
        currency: "USD",
        price,
        observedAt: q.observedAt ?? ctx.fetchedAt,
        tier: q.tier,
        volume: null,
        attrs,
      },
    ],
  };
}

function normalizeToken(q: TokenQuote, ctx: NormalizeContext): Normalized {
  if (q.currency !== "USD" && q.currency !== "CNY") return quarantined(`token quotes are published in USD or CNY; got ${q.currency}`);
  const scale = dec(1_000_000).div(q.perTokens);
  const perMillion = (v: string | null): Dec | null => (v === null ? null : dec(v).times(scale));
  const effective = q.priceBasis === "effective";
  // Effective (cache-weighted) prices are their own metrics: they must never enter a list-price series.
  const components: [Metric, Dec | null][] = effective
    ? [
        ["input_effective", perMillion(q.input)],
        ["output_effective", perMillion(q.output)],
      ]
    : [
        ["input", perMillion(q.input)],
        ["output", perMillion(q.output)],
        ["cached_input", perMillion(q.cachedInput)],
        ["cache_write", perMillion(q.cacheWrite)],
      ];
  const input = components[0]![1];
  const output = components[1]![1];
  if (!effective && input !== null && output !== null) components.push(["blended_3_1", input.times(3).plus(output).div(4)]);
  for (const [metric, value] of components) {
    if (value === null) continue;
    const problem = tokenPriceProblem(plain(value));
    if (problem) return quarantined(`${metric}: ${problem}`);
  }
  if (input !== null && output !== null && input.isZero() && output.isZero()) return quarantined("zero price (free tier)");
  const provider = canonicalProvider(q.provider, "token");
  const model = canonicalModel(q.model, { provider: provider.id, source: ctx.source });
  const quantization = q.quantization !== "unknown" ? normalizeQuantization(q.quantization) : (model?.quantizationHint ?? "unknown");
  const attrs: Record<string, unknown> = { locator: q.locator, perTokens: q.perTokens };
  if (q.endpointId) attrs.endpointId = q.endpointId;
  if (model) {
    attrs.modelEvidence = model.evidence;
    if (model.variant) attrs.variant = model.variant;
  } else {
    attrs.unmappedReason = "model id not in methodology/taxonomy/models.json";
  }
  const unit = q.currency === "CNY" ? "CNY/1M tokens" : "USD/1M tokens";
  const observations: NewObservation[] = components
    .filter((c): c is [Metric, Dec] => c[1] !== null)
    .map(([metric, value]) => ({
      captureId: ctx.captureId,
      source: ctx.source,
      provider: provider.id,
      kind: "token",
      product: model ? model.id : UNCLASSIFIED,
      rawName: q.model,
      metric,
      quantization,
      term: null,
      region: null,
      providerTier: provider.tier,
      unit,
      currency: q.currency,
      price: plain(value),
      observedAt: q.observedAt ?? ctx.fetchedAt,
      tier: q.tier,
      volume: q.volumeTokens,
      attrs,
    }));
  return { observations, quarantineReason: null };
}

function quarantined(reason: string): Normalized {
  return { observations: [], quarantineReason: reason };
}
