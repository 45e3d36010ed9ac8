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
 * One-sided alarm: a constituent whose ln relative is more than logThreshold from the panel's weighted median
 * ln relative, while fewer than minCorroborating other voices (not held themselves) moved the same way by at least half that. The
 * caller holds the relative out (src/index/gpu2/index.ts); the alarm is published for the operator, never silent.
 */
export function relativeAlarms(inputs: readonly RelativeInput[], shares: readonly Dec[], rule: Gpu2Rules["alarm"]): Alarm[] {
  if (inputs.length < 2) return [];
  const panel = weightedMedian(inputs.map((i) => i.relative), shares);
  const threshold = dec(rule.logThreshold);
  const logs = inputs.map((i) => D.ln(i.relative.div(panel)));
  const alarms: Alarm[] = [];
  inputs.forEach((input, k) => {
    const move = logs[k]!;
    if (!move.abs().greaterThan(threshold)) return;
    const sameWay = new Set(
      inputs.filter((other, j) => other.voice !== input.voice && !other.held && logs[j]!.times(move.s).greaterThanOrEqualTo(threshold.div(2))).map((o) => o.voice),
    );
    if (sameWay.size >= rule.minCorroborating) return;
    alarms.push({
      key: input.key,
      relative: roundTo(input.relative, 6, "half_even"),
      panelRelative: roundTo(panel, 6, "half_even"),
      reason: `uncorroborated repricing: ln(relative / panel) = ${roundTo(move, 4, "half_even")}, beyond ${rule.logThreshold}, ${sameWay.size} other voices moved that way (${rule.minCorroborating} needed)`,
    });
  });
  return alarms;
}
