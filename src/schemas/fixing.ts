// A published fixing: append-only; a correction is a new revision with a reason.
import { z } from "zod";
import { DecimalString, IsoDate, IsoTime } from "./decimal.ts";
import { InputTier } from "./quote.ts";
import { Unit } from "./observation.ts";

export const FixingStatus = z.enum(["provisional", "final", "fallback", "republished", "back-calculated"]);
export type FixingStatus = z.infer<typeof FixingStatus>;

export const Distribution = z.object({
  p1: DecimalString,
  p25: DecimalString,
  p50: DecimalString,
  p75: DecimalString,
  p99: DecimalString,
  min: DecimalString,
  max: DecimalString,
});
export type Distribution = z.infer<typeof Distribution>;

export const Exclusion = z.object({ observationId: z.number().int().nullable(), provider: z.string(), reason: z.string() });
export type Exclusion = z.infer<typeof Exclusion>;

/** One input as used: which observation, its (window-averaged) price and its weight. */
export const FixingInput = z.object({
  observationIds: z.array(z.number().int()),
  provider: z.string(),
  price: DecimalString,
  weight: DecimalString,
});
export type FixingInput = z.infer<typeof FixingInput>;

/** What the calculator computes; the store adds revision, hashes, signature, published time. */
export const FixingDraft = z.object({
  indexCode: z.string(),
  fixingDate: IsoDate,
  fixingTime: IsoTime,
  status: FixingStatus,
  methodologyVersion: z.string(),
  value: DecimalString.nullable(),
  unit: Unit,
  currency: z.string(),
  observationCount: z.number().int().nonnegative(),
  providerCount: z.number().int().nonnegative(),
  volume: DecimalString.nullable(),
  distribution: Distribution.nullable(),
  inputTier: InputTier.nullable(),
  estimator: z.string(),
  exclusions: z.array(Exclusion),
  inputs: z.array(FixingInput),
  inputsDigest: z.string(),
  /** Why this value is what it is when it is not a plain computation (fallback, correction). */
  note: z.string().nullable(),
  /**
   * The largest observation id that existed when the fixing was computed: `cpi verify` recomputes from
   * exactly the candidates visible then, so observations ingested later never make history look wrong.
   */
  observationHorizon: z.number().int().nonnegative().optional(),
  /**
   * Token indices: the value restated per 1M characters of the reference text (methodology/reference-text),
   * through the model's tokenizer ratio (methodology/taxonomy/tokenizers.json); null where no ratio exists.
   */
  perMillionChars: z
    .object({ tokenizer: z.string(), measured: z.boolean(), en: DecimalString.nullable(), zh: DecimalString.nullable(), mixed: DecimalString.nullable() })
    .nullable()
    .optional(),
  /** Token 2.x: how much of the weight rests on observed volume, imputed volume and carried prices. */
  diagnostics: z
    .object({
      /** Providers (basket: weight) with observed traded volume, as a share. */
      volumeCoverageShare: DecimalString,
      /** Final weight carried by providers whose volume was imputed by the floor rule. */
      imputedShare: DecimalString,
      /** Weight carried by carried-forward values (1 on a fallback fixing). */
      fallbackShare: DecimalString,
      weightBasis: z.enum(["volume", "partial_volume", "equal", "fixed_basket", "none"]),
      qualityFlag: z.enum(["ok", "partial_volume", "equal_weights", "carried", "fallback", "shadow"]),
    })
    .optional(),
  /** Token 2.x baskets: the linked level, the reconstitution in force, and each constituent as used. */
  basket: z
    .object({
      level: DecimalString,
      reconstitution: IsoDate,
      unlinkedValue: DecimalString,
      constituents: z.array(
        z.object({ model: z.string(), weight: DecimalString, price: DecimalString.nullable(), basePrice: DecimalString, providers: z.number().int().nonnegative(), status: z.enum(["computed", "carried", "base"]) }),
      ),
    })
    .optional(),
  /** Token 2.x: the model roll applied (value = price of `to` x linkFactor). */
  roll: z.object({ from: z.string(), to: z.string(), effective: IsoDate, linkFactor: DecimalString }).optional(),
  /** How the fixing was produced: a live publication or a back-calculation over imported history. */
  calculation: z.enum(["live", "back-calculated"]).optional(),
});
export type FixingDraft = z.infer<typeof FixingDraft>;

/**
 * Body fields added by methodology 2.0 (optional, absent on 1.x records so their hashes stay identical).
 * `cpi verify` compares each of them between the published record and its recomputation.
 */
export const RECOMPUTED_V2_FIELDS = ["diagnostics", "basket", "roll"] as const satisfies readonly (keyof FixingDraft)[];

export const Fixing = FixingDraft.extend({
  id: z.number().int().positive(),
  revision: z.number().int().positive(),
  publishedAt: IsoTime,
  prevHash: z.string(),
  hash: z.string(),
  signature: z.string(),
});
export type Fixing = z.infer<typeof Fixing>;
