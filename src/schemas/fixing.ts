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
  /** How the fixing was produced: a live publication or a back-calculation over imported history. */
  calculation: z.enum(["live", "back-calculated"]).optional(),
});
export type FixingDraft = z.infer<typeof FixingDraft>;

/**
 * Body fields added by methodology 2.0 (optional, absent on 1.x records so their hashes stay identical).
 * `cpi verify` compares each of them between the published record and its recomputation.
 */
export const RECOMPUTED_V2_FIELDS = [] as const satisfies readonly (keyof FixingDraft)[];

export const Fixing = FixingDraft.extend({
  id: z.number().int().positive(),
  revision: z.number().int().positive(),
  publishedAt: IsoTime,
  prevHash: z.string(),
  hash: z.string(),
  signature: z.string(),
});
export type Fixing = z.infer<typeof Fixing>;
