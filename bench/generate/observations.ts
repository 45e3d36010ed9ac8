// Synthetic normalized observations: hourly prices per provider for every product an index set fixes on.
import type { NewObservation, ProviderTier } from "../../src/schemas/observation.ts";
import type { IndexDefinition } from "../../src/schemas/methodology.ts";
import { chance, decimalText, deriveSeed, int, mulberry32, type Rng } from "./prng.ts";

/** One observed series family: what an index's candidate query selects. */
export interface SeriesKey {
  kind: "gpu" | "token";
  product: string;
  metric: string;
  term: string | null;
  currency: NewObservation["currency"];
  unit: NewObservation["unit"];
}

export interface ObservationShape {
  seed: number;
  keys: SeriesKey[];
  /** First observed day (YYYY-MM-DD, UTC). */
  start: string;
  days: number;
  providers: number;
  /** Observations per provider per day, spread evenly over the day. */
  perDay: number;
  /** Stop after this many rows (default: all). */
  limit?: number;
}

const GPU_PROVIDERS: [string, ProviderTier][] = [
  ["aws", "hyperscaler"], ["azure", "hyperscaler"], ["gcp", "hyperscaler"], ["oci", "hyperscaler"], ["lambda", "neocloud"], ["coreweave", "neocloud"],
  ["nebius", "neocloud"], ["crusoe", "neocloud"], ["together", "neocloud"], ["hyperstack", "neocloud"], ["datacrunch", "neocloud"], ["fluidstack", "neocloud"],
  ["vast", "marketplace"], ["runpod", "marketplace"], ["tensordock", "marketplace"], ["primeintellect", "marketplace"], ["shadeform", "marketplace"],
  ["jarvislabs", "neocloud"], ["paperspace", "neocloud"], ["voltagepark", "neocloud"], ["sfcompute", "marketplace"], ["cudo", "neocloud"],
];
const TOKEN_PROVIDERS = ["together", "fireworks", "deepinfra", "groq", "novita", "baseten", "cerebras", "sambanova", "nebius", "hyperbolic", "parasail",
  "chutes", "siliconflow", "atlas-cloud", "gmi", "crusoe", "friendli", "lambda", "nscale", "cloudflare", "inference-net", "phala"];

/** The distinct series the indices select (indices differing only by provider tier share one key). */
export function seriesKeys(defs: readonly IndexDefinition[]): SeriesKey[] {
  const keys = new Map<string, SeriesKey>();
  for (const def of defs) {
    const p = def.product;
    const key: SeriesKey = p.kind === "gpu"
      ? { kind: "gpu", product: p.classIds[0] ?? "unclassified", metric: "gpu_hour", term: p.term, currency: "USD", unit: "USD/GPU-hour" }
      : { kind: "token", product: p.models[0] ?? "unclassified", metric: p.metric, term: null, currency: def.currency, unit: def.unit };
    keys.set(`${key.kind}|${key.product}|${key.metric}|${key.term}|${key.currency}`, key);
  }
  return [...keys.values()];
}

export function totalRows(shape: ObservationShape): number {
  const all = shape.keys.length * shape.days * shape.providers * shape.perDay;
  return Math.min(all, shape.limit ?? all);
}

/** Base price per key in 1/10000 USD (per GPU-hour, or per 1M tokens). */
function basePrice(rng: Rng, key: SeriesKey): number {
  if (key.kind === "gpu") return int(rng, 3_000, 60_000) * (key.term === "spot" ? 0.5 : 1);
  const scale = key.metric === "output" ? 4 : key.metric === "blended_3_1" ? 1.75 : 1;
  return Math.round(int(rng, 500, 20_000) * scale);
}

function observation(rng: Rng, key: SeriesKey, p: number, price: number, at: string, row: number): NewObservation {
  if (key.kind === "gpu") {
    const [provider, providerTier] = GPU_PROVIDERS[p % GPU_PROVIDERS.length]!;
    const gpus = [1, 2, 4, 8][p % 4]!;
    const sku = `${provider}-${key.product}-${gpus}x`;
    return {
      captureId: null, source: "skypilot", provider, kind: "gpu", product: key.product, rawName: `${sku} | ${key.product.split("-")[0]!.toUpperCase()}`,
      metric: "gpu_hour", quantization: null, term: key.term as NewObservation["term"], region: ["us-east-1", "eu-west-1", "us-west-2"][p % 3]!,
      providerTier, unit: "USD/GPU-hour", currency: "USD", price: decimalText(price, 4), observedAt: at, tier: "list_price", volume: null,
      attrs: { sku, locator: `row ${row}`, gpuCount: String(gpus), priceBasis: "instance", quotedPrice: decimalText(price * gpus, 4), bundled: gpus > 1 },
    };
  }
  // Provider 0 is the model's own lab (first-party list price, what the -LIST indices fix on); the rest serve it.
  const firstParty = p === 0;
  const provider = firstParty ? key.product.split("/")[0]! : TOKEN_PROVIDERS[p % TOKEN_PROVIDERS.length]!;
  return {
    captureId: null, source: firstParty ? "llm-prices" : "openrouter-endpoints", provider, kind: "token", product: key.product, rawName: key.product, metric: key.metric as NewObservation["metric"],
    quantization: ["fp8", "bf16", "fp4", "unknown"][p % 4]!, term: null, region: null, providerTier: firstParty ? "first_party" : "inference_api", unit: key.unit, currency: key.currency,
    price: decimalText(price, 4), observedAt: at, tier: "list_price", volume: String(int(rng, 1_000_000, 5_000_000_000)),
    attrs: { locator: `row ${row}`, perTokens: 1, endpointId: `${provider}/${key.product}` },
  };
}

/**
 * Rows in collection order (time-major: day, slot, key, provider). Each provider quotes a stable level
 * with a slow daily drift, small jitter and a rare 3x outlier, so fixings see realistic dispersion.
 */
export function* generateObservations(shape: ObservationShape): Generator<NewObservation> {
  const levels = shape.keys.map((key, k) => {
    const rng = mulberry32(deriveSeed(shape.seed, `level:${k}`));
    const base = basePrice(rng, key);
    return Array.from({ length: shape.providers }, () => base * (0.7 + rng() * 0.6));
  });
  const rng = mulberry32(deriveSeed(shape.seed, "rows"));
  const limit = totalRows(shape);
  const startMs = Date.parse(`${shape.start}T00:00:00.000Z`);
  const slotMs = 86_400_000 / shape.perDay;
  let row = 0;
  for (let d = 0; d < shape.days; d++) {
    const drift = 1 + 0.1 * Math.sin(d / 45);
    for (let s = 0; s < shape.perDay; s++) {
      const at = new Date(startMs + d * 86_400_000 + s * slotMs).toISOString();
      for (let k = 0; k < shape.keys.length; k++) {
        for (let p = 0; p < shape.providers; p++) {
          if (row >= limit) return;
          const level = levels[k]![p]! * drift * (0.98 + rng() * 0.04) * (chance(rng, 0.002) ? 3 : 1);
          yield observation(rng, shape.keys[k]!, p, Math.max(1, Math.round(level)), at, ++row);
        }
      }
    }
  }
}

/** Column order of observation CSVs the benchmarks write (the observations table minus id and quote_id). */
export const OBSERVATION_COLUMNS = ["capture_id", "source", "provider", "kind", "product", "raw_name", "metric", "quantization", "term", "region",
  "provider_tier", "unit", "currency", "price", "observed_at", "tier", "volume", "attrs"] as const;

/** The row's values in OBSERVATION_COLUMNS order (null for SQL NULL; attrs as JSON text). */
export function observationValues(o: NewObservation): (string | number | null)[] {
  return [o.captureId, o.source, o.provider, o.kind, o.product, o.rawName, o.metric, o.quantization, o.term, o.region, o.providerTier, o.unit,
    o.currency, o.price, o.observedAt, o.tier, o.volume, JSON.stringify(o.attrs)];
}

function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (LF) of an observation in OBSERVATION_COLUMNS order. */
export function observationCsvLine(o: NewObservation): string {
  return observationValues(o).map(csvField).join(",") + "\n";
}

/** One CSV line in the observations table's own column order (id, capture_id, quote_id, ...), for sqlite3 .import. */
export function observationTableCsvLine(o: NewObservation, id: number): string {
  const [captureId, ...rest] = observationValues(o);
  return [id, captureId ?? null, null, ...rest].map(csvField).join(",") + "\n";
}
