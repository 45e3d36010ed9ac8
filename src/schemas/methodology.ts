// Index definitions as data: what is measured, how inputs qualify, and how the fixing is computed.
import { z } from "zod";
import { Currency, InputTier, Term } from "./quote.ts";
import { DecimalString, IsoDate } from "./decimal.ts";
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
  /**
   * 2.x first-party series: the exact model version followed. Rows of a moving alias count only inside the
   * dates the alias is documented to name that version; the alias model id must then be in `models` (the
   * version's own id too when rows are collected under it).
   */
  follows: z
    .object({ version: z.string().min(1), alias: z.object({ model: z.string().min(1), from: IsoDate, to: IsoDate.optional() }).optional() })
    .optional(),
});

/** 2.x model roll: from `effective` the series prices `to`, linked by P_from / P_to on the effective date. */
export const ModelRoll = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  announced: IsoDate,
  effective: IsoDate,
  /** Published after the roll fixing: P_from / P_to on `effective`; absent, later dates recompute it from an overlap window. */
  linkFactor: DecimalString.optional(),
});

export const BasketConstituent = z.object({ model: z.string().min(1), weight: DecimalString, basePrice: DecimalString, tokenizer: z.string().min(1) });

/** Weights and base prices fixed from one reconstitution to the next; linkValue continues the level. */
export const Reconstitution = z.object({
  announced: IsoDate,
  effective: IsoDate,
  /** Basket value on `effective` under the previous constituents (the inception value for the first). */
  linkValue: DecimalString,
  constituents: z.array(BasketConstituent).min(1),
  /** How the constituents and weights were chosen, with the figures (breadth, volume) and their sources. */
  provenance: z.string().min(1),
});

export const Basket = z.object({
  /** Business-day calendar the basket fixes on (no fixing on other days); absent: every day. */
  calendar: z.enum(["cn-exchange"]).optional(),
  /** Providers a constituent needs on a day; fewer: its price is carried (prior fixing, else its base price). */
  constituentMinProviders: z.number().int().positive(),
  /** Value of the basket at its first reconstitution; level = 100 x value / inceptionValue. */
  inceptionValue: DecimalString,
  rule: z.string().min(1),
  /** When reconstitutions take effect and how much notice they get (a roll inside the basket is an extraordinary one). */
  rebalancing: z.string().min(1).optional(),
  /** Largest constituent weight at a reconstitution (applied when the weights are set, then fixed). */
  weightCap: z.number().gt(0).max(1).optional(),
  reconstitutions: z.array(Reconstitution).min(1),
});

/** Token methodology 2.x rules (absent on 1.x definitions). */
export const Token2Rules = z.object({
  /**
   * Partial-volume rule: with volume on at least `minCoverage` of the providers, a provider without volume
   * weighs the smallest observed provider volume (floor, counted as imputed); below it, equal weights.
   */
  volume: z.object({ minCoverage: z.number().gt(0).max(1), floor: z.literal("min_observed") }),
  /** Why the admitted quantizations are what they are (breadth figures). */
  quantizationNote: z.string().min(1),
  rolls: z.array(ModelRoll).default([]),
  basket: Basket.optional(),
});

/**
 * GPU methodology 2.x rules (absent on 1.x definitions): the basis as data, constituents and voices, seasoning
 * and carry, chained matched-panel linking, log-space screening, the one-sided alarm and the publication gates.
 */
export const Gpu2Rules = z.object({
  basis: z.object({
    /** gpu: one separable GPU (a row with gpuCount 1, not bundled); node: a bundled node of at least minNodeGpus GPUs, per GPU-hour. */
    unit: z.enum(["gpu", "node"]),
    minNodeGpus: z.number().int().positive().optional(),
    /** Regions admitted as written by the source; absent: all. */
    regions: z.array(z.string()).optional(),
    description: z.string().min(1),
  }),
  /** A new constituent joins on its Nth fixing day with a fresh quote. */
  seasoningDays: z.number().int().positive(),
  /** A member without a fresh quote stays (carried, not in the relative) this many days after its last quote, then exits. */
  carryDays: z.number().int().nonnegative(),
  /** A chain whose last fixing is more than this many days old restarts at the seasoned panel's median (also the history read). */
  restartAfterDays: z.number().int().positive(),
  /** Largest share of a relative or of the unlinked value one parent company, and one source dataset, may carry. */
  caps: z.object({ parent: z.number().gt(0).max(1), dataset: z.number().gt(0).max(1) }),
  /** How the matched relatives are averaged. */
  link: z.enum(["geometric_mean", "weighted_median"]),
  /** Log-space screen: |ln(p / m)| > k x max(1.4826 x MAD of ln p, minLogSpread), m the voice-weighted median. */
  screen: z.object({ k: z.number().positive(), minLogSpread: z.number().positive() }),
  /**
   * One-sided alarm: |ln r - median ln r| > logThreshold with fewer than minCorroborating other voices moving that
   * way. The relative is held out with its base kept (a blip that reverts re-enters, the chain still telescopes);
   * after confirmDays consecutive alarms the base moves to the new price (linked away, like an exit and re-entry).
   */
  alarm: z.object({ logThreshold: z.number().positive(), minCorroborating: z.number().int().positive(), confirmDays: z.number().int().positive() }),
  gates: z.object({
    minConstituents: z.number().int().positive(),
    minDatasets: z.number().int().positive(),
    minParents: z.number().int().positive(),
    /** Largest voice-weighted MAD of ln price of the present members. */
    maxLogMad: z.number().positive(),
  }),
  /** Quality-adjusted companion published in the same fixing body: rolling-window time-product-dummy level. */
  companion: z.object({ kind: z.literal("tpd"), windowDays: z.number().int().min(2), splice: z.enum(["movement", "window", "mean"]) }).optional(),
  /** Why the parameters are what they are (figures measured on the bundle, scripts/measure-gpu2.ts). */
  provenance: z.string().min(1),
});
export type Gpu2Rules = z.infer<typeof Gpu2Rules>;

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
  /** In trial: published for observation, not fit to settle on until `until` (read by settlement). */
  shadow: z.object({ until: IsoDate, reason: z.string().min(1) }).optional(),
  token2: Token2Rules.optional(),
  gpu2: Gpu2Rules.optional(),
  /**
   * The methodology version that first defines this index (absent: 1.0.0 or the version of its CHANGELOG entry).
   * Working definitions ahead of a release carry it, so no fixing of the index is ever stamped with an earlier version.
   */
  introducedIn: z.string().regex(/^\d+\.\d+\.\d+$/).optional(),
});
export type IndexDefinition = z.infer<typeof IndexDefinition>;
