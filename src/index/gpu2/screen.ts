// GPU 2.x screening in log space, and the one-sided alarm on a constituent's relative.
import type { Gpu2Rules } from "../../schemas/methodology.ts";
import { D, dec, roundTo } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import { weightedMedian } from "../estimators.ts";
import { MAD_SCALE } from "../outliers.ts";
import { absLogRatio } from "./link.ts";

export interface Screened<T> {
  kept: T[];
  excluded: { item: T; reason: string }[];
}

/**
 * Keep a quote when |ln(p / m)| <= k x max(1.4826 x MAD, minLogSpread): m the voice-weighted median price,
 * MAD the voice-weighted median of |ln(p / m)|. Prices spread by a factor: a log screen treats 2 and 8 x
 * the median alike, which the 1.x linear screen (src/index/outliers.ts) does not.
 */
export function screenLog<T extends { price: Dec }>(items: readonly T[], shares: readonly Dec[], rule: Gpu2Rules["screen"]): Screened<T> {
  if (items.length === 0) return { kept: [], excluded: [] };
  const center = weightedMedian(items.map((i) => i.price), shares);
  const deviations = items.map((i) => absLogRatio(i.price, center));
  const spread = weightedMedian(deviations, shares);
  const scale = D.max(MAD_SCALE.times(spread), dec(rule.minLogSpread));
  const limit = scale.times(rule.k);
  const out: Screened<T> = { kept: [], excluded: [] };
  items.forEach((item, k) => {
    if (!deviations[k]!.greaterThan(limit)) {
      out.kept.push(item);
      return;
    }
    const reason =
      `screen: |ln(${item.price.toFixed()} / median ${roundTo(center, 6, "half_even")})| = ${roundTo(deviations[k]!, 4, "half_even")} > ` +
      `${rule.k} x max(1.4826 x MAD ${roundTo(spread, 4, "half_even")}, ${rule.minLogSpread})`;
    out.excluded.push({ item, reason });
  });
  return out;
}

export interface RelativeInput {
  key: string;
  voice: string;
  relative: Dec;
  /** Held out by the alarm on the prior fixing: a held series never corroborates another. */
  held: boolean;
}

export interface Alarm {
  key: string;
  relative: string;
  panelRelative: string;
  reason: string;
}

/**
 * One-sided alarm: a constituent whose ln relative is more than logThreshold from the weighted median relative of
 * the other voices, while fewer than minCorroborating other voices (not held themselves) moved the same way by at least half that. The
 * caller holds the relative out (src/index/gpu2/index.ts); the alarm is published for the operator, never silent.
 */
export function relativeAlarms(inputs: readonly RelativeInput[], shares: readonly Dec[], rule: Gpu2Rules["alarm"]): Alarm[] {
  if (new Set(inputs.map((i) => i.voice)).size < 2) return [];
  const threshold = dec(rule.logThreshold);
  const alarms: Alarm[] = [];
  inputs.forEach((input, k) => {
    // The panel is the other voices: with an even split a median would interpolate between two camps and make the
    // quiet side look far from a centre nobody quoted.
    const others = inputs.map((o, j) => j).filter((j) => inputs[j]!.voice !== input.voice);
    const panel = weightedMedian(others.map((j) => inputs[j]!.relative), others.map((j) => shares[j]!));
    const move = D.ln(input.relative.div(panel));
    // A repricing: the series itself moved by more than the threshold (an unchanged price is never one).
    if (!move.abs().greaterThan(threshold) || !D.ln(input.relative).abs().greaterThan(threshold)) return;
    const sameWay = new Set(
      others.filter((j) => !inputs[j]!.held && D.ln(inputs[j]!.relative.div(panel)).times(move.s).greaterThanOrEqualTo(threshold.div(2))).map((j) => inputs[j]!.voice),
    );
    if (sameWay.size >= rule.minCorroborating) return;
    alarms.push({
      key: input.key,
      relative: roundTo(input.relative, 6, "half_even"),
      panelRelative: roundTo(panel, 6, "half_even"),
      reason: `uncorroborated repricing: ln(relative / other voices' median) = ${roundTo(move, 4, "half_even")}, beyond ${rule.logThreshold}, ${sameWay.size} other voices moved that way (${rule.minCorroborating} needed)`,
    });
  });
  return alarms;
}
