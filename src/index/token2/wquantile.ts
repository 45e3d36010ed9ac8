// Weighted quantiles consistent with the weighted median: the price where cumulative weight first reaches p.
import type { Distribution } from "../../schemas/fixing.ts";
import type { IndexDefinition } from "../../schemas/methodology.ts";
import { dec, roundTo } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import { sum } from "../stats.ts";

/**
 * Sort by price, accumulate weight; Q(p) is the first price whose cumulative weight reaches p x total. When it
 * lands exactly on p x total, the mean of that price and the next: so Q(0.5) is the 2.x estimator's weighted
 * median, and with equal weights Q(0.5) is the ordinary median. Compared without division: no rounding.
 */
export function weightedQuantile(prices: readonly Dec[], weights: readonly Dec[], p: Dec | string): Dec {
  if (prices.length === 0 || prices.length !== weights.length) throw new Error("weighted quantile needs one weight per price");
  const prob = dec(p);
  if (prob.lessThan(0) || prob.greaterThan(1)) throw new Error(`quantile probability out of [0, 1]: ${prob.toFixed()}`);
  const total = sum(weights);
  if (!total.greaterThan(0)) throw new Error("weighted quantile needs a positive total weight");
  const order = prices.map((_, i) => i).sort((a, b) => prices[a]!.comparedTo(prices[b]!) || a - b);
  const target = prob.times(total);
  let cumulative = dec(0);
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (weights[i]!.isZero()) continue;
    cumulative = cumulative.plus(weights[i]!);
    if (cumulative.lessThan(target)) continue;
    const next = order.slice(k + 1).find((j) => !weights[j]!.isZero());
    if (cumulative.equals(target) && next !== undefined && !prob.isZero()) return prices[i]!.plus(prices[next]!).div(2);
    return prices[i]!;
  }
  return prices[order[order.length - 1]!]!;
}

/** p1 p25 p50 p75 p99 weighted as the estimator is; min and max of the prices that carry weight. */
export function weightedDistribution(prices: readonly Dec[], weights: readonly Dec[], rounding: IndexDefinition["rounding"]): Distribution | null {
  const used = prices.map((price, i) => ({ price, w: weights[i]! })).filter((x) => x.w.greaterThan(0));
  if (used.length === 0) return null;
  const ps = used.map((x) => x.price);
  const ws = used.map((x) => x.w);
  const r = (v: Dec) => roundTo(v, rounding.decimals, rounding.mode);
  const q = (p: string) => r(weightedQuantile(ps, ws, p));
  const sorted = [...ps].sort((a, b) => a.comparedTo(b));
  return { p1: q("0.01"), p25: q("0.25"), p50: q("0.5"), p75: q("0.75"), p99: q("0.99"), min: r(sorted[0]!), max: r(sorted[sorted.length - 1]!) };
}
