// Parsed quotes: one row of what a source said, in the source's own units, before normalization.
import { z } from "zod";
import { DecimalString, IsoDate, IsoTime } from "./decimal.ts";

/** Lease terms. Never mixed in one series. */
export const Term = z.enum([
  "on_demand",
  "spot",
  "term_1m",
  "term_3m",
  "term_6m",
  "term_12m",
  "term_24m",
  "term_36m",
]);
export type Term = z.infer<typeof Term>;

/** Input hierarchy (methodology/README.md, "Input tiers"), strongest first. */
export const InputTier = z.enum([
  "transaction",
  "executable_quote",
  "list_price",
  "historical_import",
  "carried_forward",
]);
export type InputTier = z.infer<typeof InputTier>;

export const Currency = z.enum(["USD", "CNY", "EUR"]);
export type Currency = z.infer<typeof Currency>;

export const GpuQuote = z.object({
  kind: z.literal("gpu"),
  provider: z.string().min(1),
  /** The source's SKU / instance type, as written ("" when the source has none). */
  sku: z.string(),
  /** The accelerator name as the source writes it (e.g. "H100", "NVIDIA H100 80GB HBM3"). */
  gpuName: z.string(),
  /** Any further descriptor the source gives (GpuInfo, product name, description). */
  gpuInfo: z.string().nullable().default(null),
  /** Memory per GPU in GiB when the source states it. */
  gpuMemoryGiB: z.number().positive().nullable().default(null),
  /** GPUs in the priced unit (may be fractional in SkyPilot catalogs). */
  gpuCount: DecimalString,
  price: DecimalString,
  /** Whether `price` is per instance-hour (divide by gpuCount) or already per GPU-hour. */
  priceBasis: z.enum(["instance", "gpu"]),
  /**
   * What `gpuCount` says about the priced unit (src/normalize/bundling.ts decides `attrs.bundled` from it):
   * "stated" the row prices a unit of gpuCount GPUs (an instance type, an offer); "attach" a GPU-only
   * accelerator price (VM billed on top); "not_stated" a per-GPU price that names no unit.
   */
  gpuUnit: z.enum(["stated", "attach", "not_stated"]).default("stated"),
  currency: Currency,
  term: Term,
  region: z.string(),
  vcpus: z.number().nonnegative().nullable().default(null),
  memoryGiB: z.number().nonnegative().nullable().default(null),
  tier: InputTier,
  /** When the source says the price held; null means the capture time. */
  observedAt: IsoTime.nullable().default(null),
  /** Where in the capture this row came from (row number, key), for the audit trail. */
  locator: z.string(),
  /** Offers behind this quote when the source aggregates (marketplaces). */
  offers: z.number().int().positive().nullable().default(null),
});
export type GpuQuote = z.infer<typeof GpuQuote>;

export const TokenQuote = z.object({
  kind: z.literal("token"),
  provider: z.string().min(1),
  /** Model id as the source writes it. */
  model: z.string().min(1),
  endpointId: z.string().nullable().default(null),
  quantization: z.string().default("unknown"),
  currency: Currency,
  /** Tokens the prices below are quoted per: 1 (per token), 1000, or 1000000. */
  perTokens: z.union([z.literal(1), z.literal(1000), z.literal(1000000)]),
  input: DecimalString.nullable(),
  output: DecimalString.nullable(),
  cachedInput: DecimalString.nullable().default(null),
  cacheWrite: DecimalString.nullable().default(null),
  tier: InputTier,
  /** Traded tokens behind this price where the source publishes them. */
  volumeTokens: DecimalString.nullable().default(null),
  /** `list` (absent): what an endpoint charges; `effective`: what was paid on average after cache hits (metrics *_effective). */
  priceBasis: z.enum(["list", "effective"]).optional(),
  observedAt: IsoTime.nullable().default(null),
  locator: z.string(),
});
export type TokenQuote = z.infer<typeof TokenQuote>;

export const FxQuote = z.object({
  kind: z.literal("fx"),
  provider: z.string().min(1),
  base: Currency.or(z.string().length(3)),
  quote: z.string().length(3),
  /** Units of `quote` per one unit of `base`. */
  rate: DecimalString,
  date: IsoDate,
  locator: z.string(),
});
export type FxQuote = z.infer<typeof FxQuote>;

export const Quote = z.discriminatedUnion("kind", [GpuQuote, TokenQuote, FxQuote]);
export type Quote = z.infer<typeof Quote>;

/** A row the parser did not turn into a quote, and why. Nothing is dropped silently. */
export const Skipped = z.object({ locator: z.string(), reason: z.string().min(1) });
export type Skipped = z.infer<typeof Skipped>;

export interface ParseResult {
  quotes: Quote[];
  skipped: Skipped[];
}
