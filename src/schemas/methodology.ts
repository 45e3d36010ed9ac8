// Index definitions as data: what is measured, how inputs qualify, and how the fixing is computed.
import { z } from "zod";
import { Currency, InputTier, Term } from "./quote.ts";
import { Metric, ProviderTier, Unit } from "./observation.ts";

export const GpuProduct = z.object({
  kind: z.literal("gpu"),
  /** Hardware class ids from methodology/taxonomy (e.g. "h100-sxm-80gb"). */
  classIds: z.array(z.string()).min(1),
  term: Term,
  /** Restrict to provider tiers (e.g. hyperscaler only); absent means all tiers. */
  providerTiers: z.array(ProviderTier).optional(),
});

export const TokenProduct = z.object({
  kind: z.literal("token"),
  /** Canonical model ids (e.g. "openai/gpt-oss-120b"). */
  models: z.array(z.string()).min(1),
  metric: Metric,
  /** Allowed quantizations; absent means all (recorded per input). */
  quantizations: z.array(z.string()).optional(),
  /** Restrict to provider tiers (e.g. first_party: the model maker's own list price); absent means all tiers. */
  providerTiers: z.array(ProviderTier).optional(),
});

export const Estimator = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("median") }),
  z.object({ kind: z.literal("trimmed_mean"), trim: z.number().min(0).max(0.49) }),
  z.object({ kind: z.literal("volume_weighted_median") }),
]);

export const OutlierRule = z.discriminatedUnion("rule", [
  z.object({ rule: z.literal("none") }),
  z.object({ rule: z.literal("mad"), threshold: z.number().positive() }),
]);

export const IndexDefinition = z.object({
  /** Decodable code, e.g. GPU-H100SXM-OD (scheme in methodology/README.md). */
  code: z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/),
  name: z.string().min(1),
  family: z.enum(["gpu", "token"]),
  /** Path of the human document under methodology/, e.g. "gpu.md". */
  document: z.string().min(1),
  unit: Unit,
  currency: Currency,
  product: z.discriminatedUnion("kind", [GpuProduct, TokenProduct]),
  fixing: z.object({
    /** Local fixing time HH:MM in `timezone`. */
    time: z.string().regex(/^\d{2}:\d{2}$/),
    timezone: z.string().min(1),
    windowHours: z.number().positive(),
    stalenessHours: z.number().positive(),
  }),
  eligibleTiers: z.array(InputTier).min(1),
  sufficiency: z.object({ minProviders: z.number().int().positive(), minObservations: z.number().int().positive() }),
  /** Largest share of total weight any one provider may carry (0..1]. */
  concentrationCap: z.number().gt(0).max(1),
  outliers: OutlierRule,
  estimator: Estimator,
  rounding: z.object({ decimals: z.number().int().min(0).max(10), mode: z.enum(["half_even", "half_up"]) }),
  fallback: z.object({ carryPriorMaxDays: z.number().int().nonnegative() }),
});
export type IndexDefinition = z.infer<typeof IndexDefinition>;
