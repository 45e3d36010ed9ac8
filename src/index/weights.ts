// Provider weights: equal or volume-based, capped so no provider carries more than the concentration cap.
import type { IndexDefinition } from "../schemas/methodology.ts";
import { dec } from "../normalize/money.ts";
import type { Dec } from "../normalize/money.ts";
import { sum } from "./stats.ts";

export interface WeightPlan {
  /** Unnormalized exact weights, one per point (only ratios matter; no division, so no rounding). */
  weights: Dec[];
  basis: "equal" | "volume";
  /** Why volume weights were not used, when the estimator asked for them. */
  note: string | null;
}

/**
 * Iterative capping. With S the capped set and U the rest, r = 1 - |S| x cap: a point i in U joins S when
 * w_i x r > cap x sum(U). Repeat until no point joins. Result, scaled by sum(U) to stay exact: cap x sum(U)
 * for i in S, w_i x r for i in U; every normalized share is then <= cap and U keeps its proportions.
 */
export function capWeights(weights: readonly Dec[], cap: number): Dec[] {
  const c = dec(cap);
  const capped = new Set<number>();
  for (;;) {
    const rest = weights.map((w, i) => ({ w, i })).filter(({ i }) => !capped.has(i));
    if (rest.length === 0) return weights.map(() => dec(1));
    const restSum = sum(rest.map(({ w }) => w));
    const r = dec(1).minus(c.times(capped.size));
    const joining = rest.filter(({ w }) => w.times(r).greaterThan(c.times(restSum)));
    if (joining.length === 0) return weights.map((w, i) => (capped.has(i) ? c.times(restSum) : w.times(r)));
    for (const { i } of joining) capped.add(i);
  }
}

/** Base weights for the estimator, capped. Volume weights only when every provider has a positive volume. */
export function planWeights(def: IndexDefinition, points: readonly { provider: string; volume: Dec | null }[]): WeightPlan {
  const equal = (): Dec[] => points.map(() => dec(1));
  if (def.estimator.kind !== "volume_weighted_median") return { weights: capWeights(equal(), def.concentrationCap), basis: "equal", note: null };
  const missing = points.filter((p) => p.volume === null || !p.volume.greaterThan(0)).map((p) => p.provider);
  if (missing.length > 0) {
    const note = `volume weights unavailable (no volume for ${missing.join(", ")}): equal weights used`;
    return { weights: capWeights(equal(), def.concentrationCap), basis: "equal", note };
  }
  return { weights: capWeights(points.map((p) => p.volume!), def.concentrationCap), basis: "volume", note: null };
}

/** Shares summing to 1 (display only: these divisions are where rounding may enter). */
export function normalize(weights: readonly Dec[]): Dec[] {
  const total = sum(weights);
  return weights.map((w) => w.div(total));
}
