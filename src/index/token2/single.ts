// Token 2.x per-model fixing: list prices only, volume as weight only, admitted quantizations, partial-volume rule.
import type { Exclusion, FixingDraft, FixingInput } from "../../schemas/fixing.ts";
import type { IndexDefinition } from "../../schemas/methodology.ts";
import type { Observation } from "../../schemas/observation.ts";
import { dec, roundTo } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import type { FixingContext } from "../compute.ts";
import { displayDecimal } from "../compute.ts";
import { inputsDigest } from "../digest.ts";
import { selectEligible } from "../eligibility.ts";
import { estimate, estimatorLabel } from "../estimators.ts";
import { fallbackOutcome, shortfallNote } from "../fallback.ts";
import { applyOutlierRule } from "../outliers.ts";
import { fixingSchedule } from "../schedule.ts";
import { averageSeries, collapseProviders } from "../series.ts";
import type { ProviderPoint } from "../series.ts";
import { sum } from "../stats.ts";
import { weakestTier } from "../tiers.ts";
import { capWeights, normalize } from "../weights.ts";
import { isVolumeRow, planVolumeWeights, providerVolumes } from "./volume.ts";
import { weightedDistribution } from "./wquantile.ts";

/** One model's computed price with everything a fixing or a basket needs. */
export interface ModelPrice {
  value: Dec | null;
  providers: ProviderPoint[];
  /** Normalized final shares, one per provider. */
  shares: Dec[];
  imputed: boolean[];
  basis: "volume" | "partial_volume" | "equal" | "none";
  coverage: Dec;
  exclusions: Exclusion[];
  eligible: Observation[];
  note: string | null;
}

/** 1.x-shaped definitions evaluated under 2.x (tests) get the published 2.0 rule. */
const DEFAULT_VOLUME_RULE = { minCoverage: 0.5, floor: "min_observed" as const };

/** Rows of a moving alias outside the dates it names the followed version; rows of a 1.x-era volume source. */
function preExclusion(def: IndexDefinition, obs: Observation): string | null {
  if (isVolumeRow(obs) && obs.metric !== "input_effective" && obs.metric !== "output_effective") return "effective price under a list metric (1.x-era volume row): weight only";
  const follows = def.product.kind === "token" ? def.product.follows : undefined;
  if (follows?.alias && obs.product === follows.alias.model) {
    const day = obs.observedAt.slice(0, 10);
    if (day < follows.alias.from || (follows.alias.to !== undefined && day >= follows.alias.to)) {
      return `alias ${follows.alias.model} did not name ${follows.version} on ${day}`;
    }
  }
  return null;
}

/** Price of `model` (one of def's models) on `fixingDate` under def's rules; value null below the gate. */
export function modelPrice(def: IndexDefinition, model: string, observations: readonly Observation[], fixingDate: string, status: FixingContext["status"]): ModelPrice {
  if (def.product.kind !== "token") throw new Error(`${def.code} is not a token index`);
  const alias = def.product.follows?.alias?.model;
  const scoped: IndexDefinition = { ...def, product: { ...def.product, models: alias ? [model, alias] : [model] } };
  const schedule = fixingSchedule(def, fixingDate);
  const pre: Exclusion[] = [];
  const listRows = observations.filter((o) => {
    const reason = preExclusion(scoped, o);
    if (reason !== null && scoped.product.kind === "token" && scoped.product.models.includes(o.product) && o.metric === scoped.product.metric) {
      pre.push({ observationId: o.id, provider: o.provider, reason });
      return false;
    }
    return reason === null;
  });
  const { eligible, exclusions } = selectEligible(scoped, listRows, schedule, status);
  exclusions.push(...pre);
  const collapsed = collapseProviders(averageSeries(eligible)).map((p) => ({ ...p, volume: null }));
  const { kept, excluded } = applyOutlierRule(collapsed, def.outliers);
  for (const { point, reason } of excluded) for (const id of point.observationIds) exclusions.push({ observationId: id, provider: point.provider, reason });
  const base = { providers: kept, exclusions, eligible, imputed: kept.map(() => false), coverage: dec(0) };
  const observationCount = kept.reduce((n, p) => n + p.observationIds.length, 0);
  if (kept.length < def.sufficiency.minProviders || observationCount < def.sufficiency.minObservations) {
    return { ...base, value: null, shares: [], basis: "none", note: shortfallNote(def, kept.length, observationCount) };
  }
  const admitted = scoped.product.kind === "token" ? scoped.product.quantizations : undefined;
  const volumeRows = observations.filter(
    (o) => isVolumeRow(o) && o.product === model && o.currency === def.currency && (admitted === undefined || admitted.includes(o.quantization ?? "unknown")) && inWindow(o, schedule),
  );
  const weighted = def.estimator.kind === "volume_weighted_median";
  const plan = weighted
    ? planVolumeWeights(def.token2?.volume ?? DEFAULT_VOLUME_RULE, kept.map((p) => p.provider), providerVolumes(volumeRows))
    : { weights: kept.map(() => dec(1)), imputed: kept.map(() => false), basis: "equal" as const, coverage: dec(0), note: null };
  const result = estimate(def.estimator, kept.map((p) => p.price), capWeights(plan.weights, def.concentrationCap));
  const volumes = kept.map((p, i) => (plan.imputed[i] ? null : (providerVolumes(volumeRows.filter((o) => o.provider === p.provider)).get(p.provider) ?? null)));
  return {
    ...base,
    providers: kept.map((p, i) => ({ ...p, volume: volumes[i] ?? null })),
    value: result.value,
    shares: normalize(result.weights),
    imputed: plan.imputed,
    basis: plan.basis,
    coverage: plan.coverage,
    note: plan.note,
  };
}

function inWindow(obs: Observation, schedule: { windowStart: string; windowEnd: string }): boolean {
  const at = Date.parse(obs.observedAt);
  return at >= Date.parse(schedule.windowStart) && at <= Date.parse(schedule.windowEnd);
}

/** The share of the final weight carried by imputed providers. */
export function imputedShare(price: ModelPrice): Dec {
  return sum(price.shares.filter((_, i) => price.imputed[i]));
}

/** A model price as the fixing record publishes it (inputs with their final shares). */
export function fixingInputs(price: ModelPrice): FixingInput[] {
  return price.providers.map((p, i) => ({ observationIds: p.observationIds, provider: p.provider, price: displayDecimal(p.price), weight: displayDecimal(price.shares[i]!) }));
}

export function sortExclusions(exclusions: Exclusion[]): Exclusion[] {
  return exclusions.sort((a, b) => (a.observationId ?? 0) - (b.observationId ?? 0) || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}

/** The fields every token 2.x fixing shares. */
export function draftHead(def: IndexDefinition, ctx: FixingContext, exclusions: Exclusion[], eligible: readonly Observation[]) {
  return {
    indexCode: def.code,
    fixingDate: ctx.fixingDate,
    fixingTime: fixingSchedule(def, ctx.fixingDate).fixingTime,
    methodologyVersion: ctx.methodologyVersion,
    unit: def.unit,
    currency: def.currency,
    estimator: estimatorLabel(def.estimator),
    exclusions: sortExclusions(exclusions),
    inputsDigest: inputsDigest(eligible),
  };
}

/** A fallback draft (prior carried or no value) with its diagnostics. */
export function fallbackDraft(def: IndexDefinition, ctx: FixingContext, head: ReturnType<typeof draftHead>, shortfall: string): FixingDraft {
  const outcome = fallbackOutcome(def, ctx.fixingDate, ctx.prior, shortfall);
  return {
    ...head,
    status: "fallback",
    value: outcome.value,
    observationCount: 0,
    providerCount: 0,
    volume: null,
    distribution: null,
    inputTier: outcome.inputTier,
    inputs: [],
    note: outcome.note,
    diagnostics: { volumeCoverageShare: "0", imputedShare: "0", fallbackShare: outcome.value === null ? "0" : "1", weightBasis: "none", qualityFlag: "fallback" },
  };
}

/** The computed per-model draft: value rounded once, weighted distribution, diagnostics. */
export function computedDraft(def: IndexDefinition, ctx: FixingContext, price: ModelPrice, value: Dec, note: string | null): FixingDraft {
  const head = draftHead(def, ctx, price.exclusions, price.eligible);
  const volumes = price.providers.map((p) => p.volume).filter((v): v is Dec => v !== null);
  const imputed = imputedShare(price);
  const flag = def.shadow && ctx.fixingDate < def.shadow.until ? "shadow" : price.basis === "partial_volume" ? "partial_volume" : price.basis === "equal" && def.estimator.kind === "volume_weighted_median" ? "equal_weights" : "ok";
  return {
    ...head,
    status: ctx.status,
    value: roundTo(value, def.rounding.decimals, def.rounding.mode),
    observationCount: price.providers.reduce((n, p) => n + p.observationIds.length, 0),
    providerCount: price.providers.length,
    volume: volumes.length > 0 ? displayDecimal(sum(volumes)) : null,
    distribution: weightedDistribution(price.providers.map((p) => p.price), price.shares, def.rounding),
    inputTier: weakestTier(price.providers.map((p) => p.tier)),
    inputs: fixingInputs(price),
    note,
    diagnostics: {
      volumeCoverageShare: displayDecimal(price.coverage),
      imputedShare: displayDecimal(imputed),
      fallbackShare: "0",
      weightBasis: price.basis === "none" ? "none" : price.basis,
      qualityFlag: flag,
    },
  };
}
