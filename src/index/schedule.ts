// Fixing time and observation window of one index on one date, local fixing time converted to UTC.
import type { IndexDefinition } from "../schemas/methodology.ts";

export interface FixingSchedule {
  /** The fixing instant, ISO UTC. */
  fixingTime: string;
  /** fixingTime - windowHours; inputs count when windowStart <= observedAt <= windowEnd. */
  windowStart: string;
  windowEnd: string;
}

const HOUR_MS = 3_600_000;

/** Parse "YYYY-MM-DD"; throws on anything else, including impossible dates (2026-02-30). */
export function parseIsoDate(date: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`not a date YYYY-MM-DD: ${date}`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw new Error(`no such date: ${date}`);
  return { y, m, d };
}

// Building an Intl.DateTimeFormat costs far more than using one (a third of a backfill's time, per the bench
// profile): one immutable formatter per time zone, reused.
const formatters = new Map<string, Intl.DateTimeFormat>();
function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset (local wall clock - UTC) in ms of `timeZone` at instant `utcMs`, via Intl (no tz library). */
export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  const parts = zoneFormatter(timeZone).formatToParts(new Date(utcMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The UTC instant of wall-clock `date` `time` in `timeZone`. Two passes settle the offset across a DST
 * change; a wall time inside a spring-forward gap resolves to the instant after the gap.
 */
export function localToUtcMs(date: string, time: string, timeZone: string): number {
  const { y, m, d } = parseIsoDate(date);
  const tm = /^(\d{2}):(\d{2})$/.exec(time);
  if (!tm) throw new Error(`not a time HH:MM: ${time}`);
  const wall = Date.UTC(y, m - 1, d, Number(tm[1]), Number(tm[2]));
  const first = wall - zoneOffsetMs(timeZone, wall);
  const second = wall - zoneOffsetMs(timeZone, first);
  if (second === first) return first;
  // The offset differs at the two candidates: keep the candidate that reads back as the wall time, else the later one.
  const third = wall - zoneOffsetMs(timeZone, second);
  return third === second ? second : Math.max(first, second);
}

/** Fixing time and window of `def` on `fixingDate` (the local calendar date in def.fixing.timezone). */
export function fixingSchedule(def: IndexDefinition, fixingDate: string): FixingSchedule {
  const fixingMs = localToUtcMs(fixingDate, def.fixing.time, def.fixing.timezone);
  const windowStartMs = fixingMs - Math.round(def.fixing.windowHours * HOUR_MS);
  return {
    fixingTime: new Date(fixingMs).toISOString(),
    windowStart: new Date(windowStartMs).toISOString(),
    windowEnd: new Date(fixingMs).toISOString(),
  };
}

/** The UTC instant at which local calendar day `date` ends in `timeZone` (local midnight of the next day). */
export function endOfLocalDay(date: string, timeZone: string): string {
  const { y, m, d } = parseIsoDate(date);
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return new Date(localToUtcMs(next, "00:00", timeZone)).toISOString();
}
