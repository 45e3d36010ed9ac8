// Pure normalization: one parsed quote -> observations in standard units, or a quarantine reason.
import type { GpuQuote, Quote, TokenQuote } from "../schemas/quote.ts";
import { UNCLASSIFIED, type Metric, type NewObservation } from "../schemas/observation.ts";
import { bundlingOf } from "./bundling.ts";
import { canonicalProvider, classifyGpu } from "./hardware/index.ts";
import { canonicalModel, normalizeQuantization } from "./models/index.ts";
import { dec, plain, type Dec } from "./money.ts";
import { gpuPriceProblemOf, tokenPriceProblemOf } from "./sanity.ts";

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

/**
 * Pure functions of one small input each, remembered per distinct input: a catalog repeats a few GPU
 * counts, vCPU/RAM sizes and provider names across thousands of rows, a model list its ids hour after hour.
 */
function memo<T>(compute: (key: string) => T, max = 20_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let hit = cache.get(key);
    if (hit === undefined && !cache.has(key)) {
      hit = compute(key);
      if (cache.size >= max) cache.clear();
      cache.set(key, hit);
    }
    return hit as T;
  };
}

const decimalOf = memo((text) => dec(text));
const gpuProviderOf = memo((raw) => canonicalProvider(raw));
const tokenProviderOf = memo((raw) => canonicalProvider(raw, "token"));
/** `${value}\u0001${count}` -> plain(value / count), value a JS number as String() prints it. */
const perGpuOf = memo((key) => {
  const cut = key.indexOf("\u0001");
  return plain(dec(Number(key.slice(0, cut))).div(decimalOf(key.slice(cut + 1))));
});
/** `${provider}\u0001${source}\u0001${model}` (provider and source never hold \u0001: ids) -> canonicalModel. */
const modelOf = memo((key) => {
  const [provider, source, ...rest] = key.split("\u0001");
  return canonicalModel(rest.join("\u0001"), { provider, source });
});
const quantizationOf = memo((raw) => normalizeQuantization(raw));
const ZERO = dec(0);
/** dec(plain(d)) without the round trip: plain() writes a negative zero as "0". */
const valueOfPlain = (d: Dec): Dec => (d.isZero() ? ZERO : d);

function normalizeGpu(q: GpuQuote, ctx: NormalizeContext): Normalized {
  if (q.currency !== "USD") return quarantined(`GPU quotes are published in USD; got ${q.currency}`);
  const count = decimalOf(q.gpuCount);
  if (!count.gt(0)) return quarantined(`GPU count must be positive; got ${q.gpuCount}`);
  const perGpu = q.priceBasis === "instance" ? dec(q.price).div(count) : dec(q.price);
  const price = plain(perGpu);
  const problem = gpuPriceProblemOf(valueOfPlain(perGpu), price);
  if (problem) return quarantined(problem);
  const provider = gpuProviderOf(q.provider);
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
  if (q.vcpus !== null) attrs.vcpusPerGpu = perGpuOf(`${q.vcpus}\u0001${q.gpuCount}`);
  if (q.memoryGiB !== null) attrs.ramGiBPerGpu = perGpuOf(`${q.memoryGiB}\u0001${q.gpuCount}`);
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

/** Per-million scale of each allowed perTokens. */
const SCALES = new Map([1, 1000, 1_000_000].map((n) => [n, dec(1_000_000).div(n)]));

function normalizeToken(q: TokenQuote, ctx: NormalizeContext): Normalized {
  if (q.currency !== "USD" && q.currency !== "CNY") return quarantined(`token quotes are published in USD or CNY; got ${q.currency}`);
  const scale = SCALES.get(q.perTokens) ?? dec(1_000_000).div(q.perTokens);
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
  const prices: [Metric, string][] = [];
  for (const [metric, value] of components) {
    if (value === null) continue;
    const text = plain(value);
    const problem = tokenPriceProblemOf(valueOfPlain(value), text);
    if (problem) return quarantined(`${metric}: ${problem}`);
    prices.push([metric, text]);
  }
  if (input !== null && output !== null && input.isZero() && output.isZero()) return quarantined("zero price (free tier)");
  const provider = tokenProviderOf(q.provider);
  const model = modelOf(`${provider.id}\u0001${ctx.source}\u0001${q.model}`);
  const quantization = q.quantization !== "unknown" ? quantizationOf(q.quantization) : (model?.quantizationHint ?? "unknown");
  const attrs: Record<string, unknown> = { locator: q.locator, perTokens: q.perTokens };
  if (q.endpointId) attrs.endpointId = q.endpointId;
  if (model) {
    attrs.modelEvidence = model.evidence;
    if (model.variant) attrs.variant = model.variant;
  } else {
    attrs.unmappedReason = "model id not in methodology/taxonomy/models.json";
  }
  const unit = q.currency === "CNY" ? "CNY/1M tokens" : "USD/1M tokens";
  const product = model ? model.id : UNCLASSIFIED;
  const observedAt = q.observedAt ?? ctx.fetchedAt;
  const observations: NewObservation[] = prices.map(([metric, price]) => ({
    captureId: ctx.captureId,
    source: ctx.source,
    provider: provider.id,
    kind: "token",
    product,
    rawName: q.model,
    metric,
    quantization,
    term: null,
    region: null,
    providerTier: provider.tier,
    unit,
    currency: q.currency,
    price,
    observedAt,
    tier: q.tier,
    volume: q.volumeTokens,
    attrs,
  }));
  return { observations, quarantineReason: null };
}

function quarantined(reason: string): Normalized {
  return { observations: [], quarantineReason: reason };
}
