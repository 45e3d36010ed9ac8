// GPU 2.x linking: the day's relative of the matched panel (weighted geometric mean or weighted median) in exact decimals.
import type { Gpu2Rules } from "../../schemas/methodology.ts";
import { D, dec } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import { weightedMedian } from "../estimators.ts";
import { sum } from "../stats.ts";

/**
 * Weighted geometric mean exp(sum w ln r / sum w). decimal.js computes ln and exp to 40 significant digits
 * with correct rounding, so the same inputs give the same digits on every machine (no float Math.log).
 */
export function weightedGeometricMean(values: readonly Dec[], weights: readonly Dec[]): Dec {
  if (values.length === 0 || values.length !== weights.length) throw new Error("geometric mean needs one weight per value");
  const total = sum(weights);
  if (!total.greaterThan(0)) throw new Error("geometric mean needs a positive total weight");
  const logSum = sum(values.map((v, i) => (weights[i]!.isZero() ? dec(0) : weights[i]!.times(D.ln(v)))));
  return D.exp(logSum.div(total));
}

/** The day's linked relative: 1 when nothing is matched (the level is carried unchanged). */
export function linkRelative(link: Gpu2Rules["link"], relatives: readonly Dec[], weights: readonly Dec[]): Dec {
  if (relatives.length === 0) return dec(1);
  return link === "geometric_mean" ? weightedGeometricMean(relatives, weights) : weightedMedian(relatives, weights);
}

/** |ln(a / b)|. */
export function absLogRatio(a: Dec, b: Dec): Dec {
  return D.ln(a.div(b)).abs();
}

/** Voice-weighted MAD of ln price around ln(weighted median): the dispersion the gate reads. */
export function weightedLogMad(prices: readonly Dec[], weights: readonly Dec[]): Dec {
  const center = weightedMedian(prices, weights);
  return weightedMedian(prices.map((p) => absLogRatio(p, center)), weights);
}
