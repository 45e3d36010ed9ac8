// computeFixing: eligibility -> window averaging -> one voice per provider -> outliers -> gate -> estimator.
import type { Exclusion, Fixing, FixingDraft, FixingInput } from "../schemas/fixing.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";
import type { Observation } from "../schemas/observation.ts";
import { dec, plain, roundTo } from "../normalize/money.ts";
import type { Dec } from "../normalize/money.ts";
import { inputsDigest } from "./digest.ts";
import { selectEligible } from "./eligibility.ts";
import { estimate, estimatorLabel } from "./estimators.ts";
import { fallbackOutcome, shortfallNote } from "./fallback.ts";
import { applyOutlierRule } from "./outliers.ts";
import { distribution } from "./quantile.ts";
import { fixingSchedule } from "./schedule.ts";
import { averageSeries, collapseProviders } from "./series.ts";
import type { ProviderPoint } from "./series.ts";
import { sum } from "./stats.ts";
import { weakestTier } from "./tiers.ts";
import { normalize, planWeights } from "./weights.ts";

export interface FixingContext {
  fixingDate: string;
  methodologyVersion: string;
  status: "provisional" | "final" | "back-calculated";
  /** The latest revision of the previous fixing of this index (for the fallback waterfall). */
  prior: Fixing | null;
}

/** Input prices, weights and volumes as published: 10 places, trailing zeros dropped. */
export function displayDecimal(value: Dec): string {
  return plain(dec(roundTo(value, 10, "half_even")));
}

function sortExclusions(exclusions: Exclusion[]): Exclusion[] {
  return exclusions.sort((a, b) => (a.observationId ?? 0) - (b.observationId ?? 0) || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}

function outlierExclusions(excluded: { point: ProviderPoint; reason: string }[]): Exclusion[] {
  return excluded.flatMap(({ point, reason }) => point.observationIds.map((id) => ({ observationId: id, provider: point.provider, reason })));
}

/** One fixing of `def` from the observations offered (any products; non-candidates are ignored). */
export function computeFixing(def: IndexDefinition, observations: readonly Observation[], ctx: FixingContext): FixingDraft {
  const schedule = fixingSchedule(def, ctx.fixingDate);
  const { eligible, exclusions } = selectEligible(def, observations, schedule, ctx.status);
  const providers = collapseProviders(averageSeries(eligible));
  const { kept, excluded } = applyOutlierRule(providers, def.outliers);
  exclusions.push(...outlierExclusions(excluded));
  const observationCount = kept.reduce((n, p) => n + p.observationIds.length, 0);
  const head = {
    indexCode: def.code,
    fixingDate: ctx.fixingDate,
    fixingTime: schedule.fixingTime,
    methodologyVersion: ctx.methodologyVersion,
    unit: def.unit,
    currency: def.currency,
    estimator: estimatorLabel(def.estimator),
    exclusions: sortExclusions(exclusions),
    inputsDigest: inputsDigest(eligible),
  };
  if (kept.length < def.sufficiency.minProviders || observationCount < def.sufficiency.minObservations) {
    const outcome = fallbackOutcome(def, ctx.fixingDate, ctx.prior, shortfallNote(def, kept.length, observationCount));
    return { ...head, status: "fallback", value: outcome.value, observationCount: 0, providerCount: 0, volume: null, distribution: null, inputTier: outcome.inputTier, inputs: [], note: outcome.note };
  }
  const plan = planWeights(def, kept);
  const result = estimate(def.estimator, kept.map((p) => p.price), plan.weights);
  const shares = normalize(result.weights);
  const inputs: FixingInput[] = kept.map((p, i) => ({
    observationIds: p.observationIds,
    provider: p.provider,
    price: displayDecimal(p.price),
    weight: displayDecimal(shares[i]!),
  }));
  const volumes = kept.map((p) => p.volume).filter((v): v is Dec => v !== null);
  return {
    ...head,
    status: ctx.status,
    value: roundTo(result.value, def.rounding.decimals, def.rounding.mode),
    observationCount,
    providerCount: kept.length,
    volume: volumes.length > 0 ? displayDecimal(sum(volumes)) : null,
    distribution: distribution(kept.map((p) => p.price), def.rounding),
    inputTier: weakestTier(kept.map((p) => p.tier)),
    inputs,
    note: plan.note,
  };
}
