// Which of a genai-prices model's price entries make quotes: time-of-day windows and dated changes resolved.
import type { Skipped } from "../../schemas/quote.ts";
import { dayBefore, isoInstant } from "./price-fields.ts";

export interface PriceEntry {
  index: number;
  /** constraint.start_date: the price holds from this date (UTC). */
  startDate: string | null;
  /** constraint.start_time/end_time: a daily UTC window. */
  window: { start: string; end: string } | null;
  prices: Record<string, unknown>;
}

export interface KeptEntry {
  entry: PriceEntry;
  /** When the price started to hold, for superseded history; null for the price in force at capture. */
  observedAt: string | null;
  label: string;
}

const DAY_MINUTES = 24 * 60;

function minutes(time: string): number | null {
  const m = /^(\d{1,2}):(\d{2})/.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Minutes of the day a window covers (a window may wrap midnight). */
function coverage(w: { start: string; end: string }): number {
  const s = minutes(w.start);
  const e = minutes(w.end);
  if (s === null || e === null) return 0;
  return (((e - s) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
}

function windowLabel(w: { start: string; end: string }): string {
  return `window ${w.start}-${w.end}`;
}

/**
 * Resolve a model's entries:
 * - time-of-day windows: the standard price is the one in force for most of the day (the unconstrained
 *   entry covers what the windows leave; DeepSeek lists off-peak as the default and the 16-hour
 *   standard window as the constraint); the others are skipped as off-peak;
 * - dated changes: entries whose start_date is after the capture are skipped as scheduled; the latest
 *   one in force is the current quote (observedAt null, start date in the label); earlier dated entries
 *   are history (observedAt = start date); an undated first entry superseded by a dated one is history
 *   too, observed the day before the first dated entry took over (its own start is unknown).
 */
export function chooseEntries(entries: PriceEntry[], fetchedAt: string): { kept: KeptEntry[]; skipped: Skipped[] } {
  const skipped: Skipped[] = [];
  let pool = entries;
  const windowed = entries.filter((e) => e.window !== null && e.startDate === null);
  if (windowed.length > 0) {
    const base = entries.find((e) => e.window === null && e.startDate === null);
    const baseCoverage = DAY_MINUTES - windowed.reduce((n, e) => n + coverage(e.window as { start: string; end: string }), 0);
    const candidates = [...windowed.map((e) => ({ e, cov: coverage(e.window as { start: string; end: string }) }))];
    if (base !== undefined) candidates.push({ e: base, cov: baseCoverage });
    const standard = candidates.reduce((a, b) => (b.cov > a.cov ? b : a));
    for (const { e } of candidates) {
      if (e === standard.e) continue;
      const where = e.window ? windowLabel(e.window) : "outside the windows";
      skipped.push({ locator: `prices[${e.index}] ${where}`, reason: `off-peak time-of-day price (${where} UTC): kept out of the base quote` });
    }
    pool = entries.filter((e) => !candidates.some((c) => c.e === e) || e === standard.e);
  }
  const capturedDay = fetchedAt.slice(0, 10);
  const undated = pool.filter((e) => e.startDate === null);
  const dated = pool.filter((e) => e.startDate !== null).sort((a, b) => (a.startDate as string).localeCompare(b.startDate as string));
  const inForce = dated.filter((e) => (e.startDate as string).slice(0, 10) <= capturedDay);
  const current = inForce.at(-1);
  for (const e of dated) {
    if (!inForce.includes(e)) {
      skipped.push({ locator: `prices[${e.index}] from ${e.startDate}`, reason: `scheduled price change from ${e.startDate}: not in force at capture` });
    }
  }
  const kept: KeptEntry[] = inForce.map((e) => ({
    entry: e,
    observedAt: e === current ? null : isoInstant((e.startDate as string).slice(0, 10)),
    label: `prices[${e.index}] from ${e.startDate}`,
  }));
  for (const e of undated) {
    const label = e.window ? `prices[${e.index}] ${windowLabel(e.window)}` : `prices[${e.index}]`;
    const successor = inForce[0];
    if (successor !== undefined) {
      const observedAt = dayBefore(successor.startDate as string);
      if (observedAt === null) skipped.push({ locator: label, reason: `unreadable start_date ${successor.startDate}` });
      else kept.push({ entry: e, observedAt, label: `${label} until ${successor.startDate}` });
    } else {
      kept.push({ entry: e, observedAt: null, label });
    }
  }
  return { kept, skipped };
}
