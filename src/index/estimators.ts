// Estimators over provider-level prices: median, trimmed mean, weighted median; exact decimals.
import type { z } from "zod";
import type { Estimator } from "../schemas/methodology.ts";
import { dec } from "../normalize/money.ts";
import type { Dec } from "../normalize/money.ts";
import { mean, median, sum } from "./stats.ts";

export interface Estimate {
  value: Dec;
  /** Weight each price actually carried (0 for trimmed ones); unnormalized. */
  weights: Dec[];
}

function orderByPrice(prices: readonly Dec[]): number[] {
  return prices.map((_, i) => i).sort((a, b) => prices[a]!.comparedTo(prices[b]!) || a - b);
}

/**
 * Weighted median: sort by price, accumulate weight; the first price where the cumulative weight reaches
 * half the total. When it lands exactly on half, the mean of that price and the next (so equal weights
 * give the ordinary median). Compared as 2 x cumulative vs total: no division, no rounding.
 */
export function weightedMedian(prices: readonly Dec[], weights: readonly Dec[]): Dec {
  if (prices.length === 0 || prices.length !== weights.length) throw new Error("weighted median needs one weight per price");
  const total = sum(weights);
  if (!total.greaterThan(0)) throw new Error("weighted median needs a positive total weight");
  const order = orderByPrice(prices);
  let cumulative = dec(0);
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    cumulative = cumulative.plus(weights[i]!);
    const twice = cumulative.times(2);
    if (twice.lessThan(total)) continue;
    const next = order[k + 1];
    if (twice.equals(total) && next !== undefined) return prices[i]!.plus(prices[next]!).div(2);
    return prices[i]!;
  }
  return prices[order[order.length - 1]!]!;
}

/** Trimmed mean: drop floor(n x trim) prices from each tail, average the rest with equal weight. */
export function trimmedMean(prices: readonly Dec[], trim: number): Estimate {
  const n = prices.length;
  if (n === 0) throw new Error("trimmed mean of an empty list");
  const k = dec(trim).times(n).floor().toNumber();
  const order = orderByPrice(prices);
  const keep = new Set(order.slice(k, n - k));
  const weights = prices.map((_, i) => dec(keep.has(i) ? 1 : 0));
  return { value: mean([...keep].map((i) => prices[i]!)), weights };
}

/** Run the definition's estimator over provider prices and their (capped) weights. */
export function estimate(estimator: z.infer<typeof Estimator>, prices: readonly Dec[], weights: readonly Dec[]): Estimate {
  switch (estimator.kind) {
    case "median":
      return { value: median(prices), weights: prices.map(() => dec(1)) };
    case "trimmed_mean":
      return trimmedMean(prices, estimator.trim);
    case "volume_weighted_median":
      return { value: weightedMedian(prices, weights), weights: [...weights] };
  }
}

/** The estimator as written on a fixing, e.g. "median", "trimmed_mean(0.2)". */
export function estimatorLabel(estimator: z.infer<typeof Estimator>): string {
  return estimator.kind === "trimmed_mean" ? `trimmed_mean(${estimator.trim})` : estimator.kind;
}
