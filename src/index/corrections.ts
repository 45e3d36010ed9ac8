// Correction policy: same-day republication above a threshold; later only as a logged, time-limited restatement.
import type { Fixing, FixingDraft } from "../schemas/fixing.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";
import { dec, roundTo } from "../normalize/money.ts";
import type { Dec } from "../normalize/money.ts";
import { daysBetween } from "./fallback.ts";
import { loadMethodology } from "./methodology.ts";
import type { CorrectionPolicy } from "./methodology.ts";
import { endOfLocalDay } from "./schedule.ts";

export interface CorrectionDecision {
  allowed: boolean;
  kind: "republication" | "restatement";
  reason: string;
}

function percent(ratio: Dec): string {
  return `${roundTo(ratio.times(100), 4, "half_even")}%`;
}

/** |next - prev| / |prev|; null when a value appears or disappears (always material). */
export function relativeChange(prev: string | null, next: string | null): Dec | null {
  if (prev === null || next === null) return null;
  const a = dec(prev);
  const b = dec(next);
  if (a.isZero()) return b.isZero() ? dec(0) : null;
  return b.minus(a).abs().div(a.abs());
}

/**
 * May `next` replace the published `prev` at `now` (ISO UTC)? Until the end of the fixing date in the
 * index's time zone a change is a republication; afterwards a restatement, accepted up to
 * policy.restatementMaxDays after the fixing date. Either needs a change above the threshold.
 */
export function correctionAllowed(
  prev: Fixing,
  next: FixingDraft,
  now: string,
  def: IndexDefinition,
  policy: CorrectionPolicy = loadMethodology().corrections,
): CorrectionDecision {
  const deadline = endOfLocalDay(prev.fixingDate, def.fixing.timezone);
  const kind = Date.parse(now) < Date.parse(deadline) ? "republication" : "restatement";
  if (prev.indexCode !== next.indexCode || prev.fixingDate !== next.fixingDate) {
    return { allowed: false, kind, reason: `not the same fixing: ${prev.indexCode} ${prev.fixingDate} vs ${next.indexCode} ${next.fixingDate}` };
  }
  if (prev.value === next.value) return { allowed: false, kind, reason: `value unchanged (${prev.value ?? "no value"})` };
  const threshold = dec(policy.republicationThreshold);
  const change = relativeChange(prev.value, next.value);
  const size = change === null ? `${prev.value ?? "no value"} -> ${next.value ?? "no value"}` : `change ${percent(change)}`;
  if (change !== null && !change.greaterThan(threshold)) {
    return { allowed: false, kind, reason: `${size} is within the ${percent(threshold)} threshold: the published value stands` };
  }
  if (kind === "republication") return { allowed: true, kind, reason: `same-day republication before ${deadline}: ${size} above ${percent(threshold)}` };
  const age = daysBetween(prev.fixingDate, now.slice(0, 10));
  if (age > policy.restatementMaxDays) {
    return { allowed: false, kind, reason: `${age} days after the fixing date, beyond the ${policy.restatementMaxDays}-day restatement limit: history stands` };
  }
  return { allowed: true, kind, reason: `restatement after ${deadline}: ${size} above ${percent(threshold)}; log old value, new value, reason and dates` };
}
