// Outlier rule: robust z-score |x - median| / max(1.4826 x MAD, 10% of median) above a published threshold.
import type { z } from "zod";
import type { OutlierRule } from "../schemas/methodology.ts";
import { D, dec, roundTo } from "../normalize/money.ts";
import type { Dec } from "../normalize/money.ts";
import { absDiff, median } from "./stats.ts";

/** 1.4826 makes the MAD a consistent estimator of the standard deviation for normal data. */
export const MAD_SCALE = dec("1.4826");

/**
 * The spread 1.4826 x MAD is floored at this fraction of the median: when about half the providers
 * quote one identical list price the MAD is tiny, and without a floor a price 5% away would score as an
 * outlier. With threshold 3.5 a price must then be more than 35% from the median to be excluded.
 */
export const MIN_RELATIVE_SPREAD = dec("0.1");

export interface OutlierResult<T> {
  kept: T[];
  excluded: { point: T; reason: string }[];
}

/** Median absolute deviation from the median. */
export function mad(values: readonly Dec[]): Dec {
  const center = median(values);
  return median(values.map((v) => absDiff(v, center)));
}

/**
 * Apply the rule to provider-level prices: score = |x - median| / max(1.4826 x MAD, 0.1 x |median|).
 * When MAD is 0 (more than half of the providers quote the same price) nothing is excluded.
 */
export function applyOutlierRule<T extends { price: Dec }>(points: readonly T[], rule: z.infer<typeof OutlierRule>): OutlierResult<T> {
  if (rule.rule === "none" || points.length === 0) return { kept: [...points], excluded: [] };
  const prices = points.map((p) => p.price);
  const center = median(prices);
  const spread = mad(prices);
  if (spread.isZero()) return { kept: [...points], excluded: [] };
  const scale = D.max(MAD_SCALE.times(spread), MIN_RELATIVE_SPREAD.times(center.abs()));
  const threshold = dec(rule.threshold);
  const result: OutlierResult<T> = { kept: [], excluded: [] };
  for (const point of points) {
    const score = absDiff(point.price, center).div(scale);
    if (!score.greaterThan(threshold)) {
      result.kept.push(point);
      continue;
    }
    const reason =
      `outlier: |${point.price.toFixed()} - median ${center.toFixed()}| / ${roundTo(scale, 6, "half_even")} = ` +
      `${roundTo(score, 4, "half_even")} > ${rule.threshold} (spread max(1.4826 x MAD ${spread.toFixed()}, 10% of median))`;
    result.excluded.push({ point, reason });
  }
  return result;
}
