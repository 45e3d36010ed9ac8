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

/** GPU 2.x: one constituent series (provider x source dataset x SKU x region) as the panel holds it after this fixing. */
export const PanelConstituent = z.object({
  key: z.string(),
  provider: z.string(),
  /** Parent company: one voice, whatever the number of its provider ids. */
  voice: z.string(),
  dataset: z.string(),
  status: z.enum(["seasoning", "member", "carried"]),
  /** Fixing days with a fresh quote since it entered (seasoning counter). */
  freshDays: z.number().int().nonnegative(),
  firstSeen: IsoDate,
  lastSeen: IsoDate,
  /** Link base: the price the next relative compares with. */
  base: DecimalString,
  /** Today's window price; null when absent or screened. */
  price: DecimalString.nullable(),
  /** price / previous base, when matched today. */
  relative: DecimalString.nullable(),
  /** Share in today's relative (0 when not matched or held out by the alarm). */
  weight: DecimalString,
  /** Consecutive fixings its relative was held out by the one-sided alarm (base kept); 0 otherwise. */
  alarmDays: z.number().int().nonnegative(),
});
export type PanelConstituent = z.infer<typeof PanelConstituent>;

/** GPU 2.x: the day's move split into the matched-price effect and the composition (entry/exit) effect. */
export const Decomposition = z.object({
  previousLevel: DecimalString,
  /** level / previous level - 1: equals priceEffect (entries and exits never move the level). */
  levelMove: DecimalString,
  /** Linked relative of the matched constituents - 1. */
  priceEffect: DecimalString,
  /** What the unlinked cross-section did beyond the price effect: (U_t / U_t-1) / relative - 1; linked away. */
  compositionEffect: DecimalString.nullable(),
  /** U_t / U_t-1 - 1, the unlinked voice-weighted median's move. */
  unlinkedMove: DecimalString.nullable(),
  matched: z.number().int().nonnegative(),
  entering: z.array(z.string()),
  exiting: z.array(z.string()),
});
export type Decomposition = z.infer<typeof Decomposition>;

export const Panel = z.object({
  link: z.enum(["geometric_mean", "weighted_median"]),
  /** Chained level, 10 places (the published value is it rounded); null before the first level. */
  level: DecimalString.nullable(),
  /** Date the chain started (initial level = voice-weighted median of the seasoned panel). */
  levelSince: IsoDate.nullable(),
  /** Voice-weighted median of the present members at the last computed fixing (today when computed): the unlinked value. */
  unlinked: DecimalString.nullable(),
  constituents: z.array(PanelConstituent),
  decomposition: Decomposition.nullable(),
  gate: z.object({
    passed: z.boolean(),
    reason: z.string().nullable(),
    constituents: z.number().int().nonnegative(),
    datasets: z.number().int().nonnegative(),
    parents: z.number().int().nonnegative(),
    logMad: DecimalString.nullable(),
  }),
  /** One-sided alarms: a constituent repricing far from the panel without corroboration (for the operator). */
  anomalies: z.array(z.object({ key: z.string(), relative: DecimalString, panelRelative: DecimalString, action: z.enum(["held", "rebased"]), reason: z.string() })),
});
export type Panel = z.infer<typeof Panel>;

/** GPU 2.x quality-adjusted companion: a rolling-window time-product-dummy level spliced day to day, with its fit. */
export const TpdCompanion = z.object({
  /** 10 places; null before the first. */
  level: DecimalString.nullable(),
  status: z.enum(["base", "spliced", "carried"]),
  reason: z.string().nullable(),
  linkDays: z.array(IsoDate),
  fit: z
    .object({
      model: z.enum(["dummies", "hedonic"]),
      from: IsoDate,
      to: IsoDate,
      nObservations: z.number().int().nonnegative(),
      nConstituents: z.number().int().nonnegative(),
      r2: DecimalString.nullable(),
      /** Today's time effect a_t - a_base of the window (ln). */
      timeEffect: DecimalString.nullable(),
      /** Constituent effects b_i (ln price relative to the window's first constituent), with standard errors. */
      effects: z.array(z.object({ term: z.string(), coef: DecimalString, se: DecimalString.nullable() })),
    })
    .nullable(),
});
export type TpdCompanion = z.infer<typeof TpdCompanion>;

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
  /** GPU 2.x: the constituent panel, chained level, decomposition, gate and anomalies (carried to the next fixing). */
  panel: Panel.optional(),
  /** GPU 2.x: the quality-adjusted companion (definition field gpu2.companion). */
  tpd: TpdCompanion.optional(),
  /** How the fixing was produced: a live publication or a back-calculation over imported history. */
  calculation: z.enum(["live", "back-calculated"]).optional(),
});
export type FixingDraft = z.infer<typeof FixingDraft>;

/**
 * Body fields added by methodology 2.0 (optional, absent on 1.x records so their hashes stay identical).
 * `cpi verify` compares each of them between the published record and its recomputation.
 */
export const RECOMPUTED_V2_FIELDS = ["panel", "tpd", "diagnostics", "basket", "roll"] as const satisfies readonly (keyof FixingDraft)[];

export const Fixing = FixingDraft.extend({
  id: z.number().int().positive(),
  revision: z.number().int().positive(),
  publishedAt: IsoTime,
  prevHash: z.string(),
  hash: z.string(),
  signature: z.string(),
});
export type Fixing = z.infer<typeof Fixing>;
