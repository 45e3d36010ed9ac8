// Token indices under methodology 2.x: per-model series (with rolls) and baskets, dispatched by definition.
import type { Fixing, FixingDraft } from "../../schemas/fixing.ts";
import type { IndexDefinition } from "../../schemas/methodology.ts";
import type { Metric, Observation } from "../../schemas/observation.ts";
import type { FixingContext } from "../compute.ts";
import { computeBasket } from "./basket.ts";
import { computeSingle } from "./roll.ts";
import { EFFECTIVE_METRICS } from "./volume.ts";

export function computeToken2(def: IndexDefinition, observations: readonly Observation[], ctx: FixingContext & { history?: readonly Fixing[] }): FixingDraft {
  return def.token2?.basket ? computeBasket(def, observations, ctx) : computeSingle(def, observations, ctx);
}

/** Days of prior fixings the token 2.0 calculation reads beyond `prior` (none: carried prices come from `prior`). */
export function token2HistoryDays(_def: IndexDefinition): number {
  return 0;
}

/** Metrics a 2.x token fixing reads: its list metric, and the effective metrics that carry volume (weights only). */
export function token2Metrics(def: IndexDefinition): Metric[] {
  if (def.product.kind !== "token") return [];
  return def.estimator.kind === "volume_weighted_median" ? [def.product.metric, ...EFFECTIVE_METRICS] : [def.product.metric];
}

export { weightedQuantile, weightedDistribution } from "./wquantile.ts";
export { planVolumeWeights, providerVolumes, isVolumeRow, volumeModels } from "./volume.ts";
export { linkFactor, rollInForce, pricedModel } from "./roll.ts";
export { linkedValue, reconstitutionInForce } from "./basket.ts";
export { cnExchangeDay } from "./calendar.ts";
