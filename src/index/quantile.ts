// Quantiles in exact decimals: Hyndman-Fan type 7 (linear interpolation between closest ranks).
import type { Distribution } from "../schemas/fixing.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";
import { dec, roundTo } from "../normalize/money.ts";
import type { Dec } from "../normalize/money.ts";
import { sortAsc } from "./stats.ts";

/**
 * Type 7 on an ascending list x[0..n-1]: h = (n - 1) x p, j = floor(h), g = h - j;
 * Q(p) = x[j] + g x (x[j+1] - x[j]) (x[j] itself when g = 0 or j = n - 1). Same as R's default,
 * numpy's "linear" and simple-statistics 7.12.1 quantileSorted.
 */
export function quantileSorted(sorted: readonly Dec[], p: Dec | string): Dec {
  const prob = dec(p);
  if (sorted.length === 0) throw new Error("quantile of an empty list");
  if (prob.lessThan(0) || prob.greaterThan(1)) throw new Error(`quantile probability out of [0, 1]: ${prob.toFixed()}`);
  const h = prob.times(sorted.length - 1);
  const j = h.floor().toNumber();
  const g = h.minus(j);
  const low = sorted[j]!;
  const high = sorted[j + 1];
  if (g.isZero() || high === undefined) return low;
  return low.plus(g.times(high.minus(low)));
}

/** p1 p25 p50 p75 p99, min and max of provider-level prices, each rounded as the methodology states. */
export function distribution(prices: readonly Dec[], rounding: IndexDefinition["rounding"]): Distribution | null {
  if (prices.length === 0) return null;
  const sorted = sortAsc(prices);
  const q = (p: string): string => roundTo(quantileSorted(sorted, p), rounding.decimals, rounding.mode);
  return {
    p1: q("0.01"),
    p25: q("0.25"),
    p50: q("0.5"),
    p75: q("0.75"),
    p99: q("0.99"),
    min: roundTo(sorted[0]!, rounding.decimals, rounding.mode),
    max: roundTo(sorted[sorted.length - 1]!, rounding.decimals, rounding.mode),
  };
}
