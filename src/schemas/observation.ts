// Normalized observations: one price in a standard unit for one well-defined product.
import { z } from "zod";
import { DecimalString, IsoTime } from "./decimal.ts";
import { Currency, InputTier, Term } from "./quote.ts";

export const Unit = z.enum(["USD/GPU-hour", "USD/1M tokens", "CNY/1M tokens"]);
export type Unit = z.infer<typeof Unit>;

/**
 * What was priced: a GPU-hour, or one price component of a token request. `input_effective` and
 * `output_effective` are prices actually paid after cache hits (traded-volume sources): never list prices,
 * so never candidates of a list-price index; under methodology 2.x they carry the traded volume (weights).
 */
export const Metric = z.enum(["gpu_hour", "input", "output", "cached_input", "cache_write", "blended_3_1", "input_effective", "output_effective"]);
export type Metric = z.infer<typeof Metric>;

export const ProviderTier = z.enum(["hyperscaler", "neocloud", "marketplace", "inference_api", "first_party", "unknown"]);
export type ProviderTier = z.infer<typeof ProviderTier>;

export const NewObservation = z.object({
  /** The raw capture it came from; null only for rows of an imported dataset shipped without bytes. */
  captureId: z.number().int().positive().nullable(),
  source: z.string().min(1),
  provider: z.string().min(1),
  kind: z.enum(["gpu", "token"]),
  /** Hardware class id or canonical model id; "unclassified" when the name could not be mapped. */
  product: z.string().min(1),
  /** The name as the source wrote it (kept always, so unmapped names can be fixed later). */
  rawName: z.string(),
  metric: Metric,
  quantization: z.string().nullable(),
  term: Term.nullable(),
  region: z.string().nullable(),
  providerTier: ProviderTier,
  unit: Unit,
  currency: Currency,
  price: DecimalString,
  observedAt: IsoTime,
  tier: InputTier,
  volume: DecimalString.nullable(),
  /** Context: gpu count, bundling, endpoint id, dataset and file sha256 for imports, skip notes. */
  attrs: z.record(z.string(), z.unknown()),
});
export type NewObservation = z.infer<typeof NewObservation>;

export const Observation = NewObservation.extend({ id: z.number().int().positive() });
export type Observation = z.infer<typeof Observation>;

/** The product label meaning "the classifier could not decide"; never fixed on. */
export const UNCLASSIFIED = "unclassified";
