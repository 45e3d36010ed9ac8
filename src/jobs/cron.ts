// Cron expressions matched against a wall clock in a time zone: what the simulated clock fires on.
// node-cron matches on the real clock; this matcher lets the same expressions run on a simulated one.

type Field = (value: number) => boolean;

const RANGES: [number, number][] = [
  [0, 59], // second (6-field form only)
  [0, 59], // minute
  [0, 23], // hour
  [1, 31], // day of month
  [1, 12], // month
  [0, 7], // day of week (0 and 7 are Sunday)
];

function parseField(text: string, [lo, hi]: [number, number], expr: string): Field {
  const allowed = new Set<number>();
  for (const part of text.split(",")) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`cron "${expr}": unsupported field "${text}"`);
    const from = m[1] === "*" ? lo : Number(m[2]);
    const to = m[1] === "*" ? hi : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? hi : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < lo || to > hi || from > to || step < 1) throw new Error(`cron "${expr}": field "${text}" out of range ${lo}-${hi}`);
    for (let v = from; v <= to; v += step) allowed.add(v);
  }
  return (value) => allowed.has(value);
}

export interface WallClock {
  second: number;
  minute: number;
  hour: number;
  day: number;
  month: number;
  /** 0 = Sunday. */
  weekday: number;
}

/** A predicate over wall-clock times for a 5-field (minute first) or 6-field (second first) expression. */
export function parseCron(expr: string): (t: WallClock) => boolean {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) throw new Error(`cron "${expr}": expected 5 or 6 fields`);
  const fields = parts.length === 6 ? parts : ["0", ...parts];
  const [second, minute, hour, day, month, weekday] = fields.map((f, i) => parseField(f, RANGES[i]!, expr)) as [Field, Field, Field, Field, Field, Field];
  return (t) => second(t.second) && minute(t.minute) && hour(t.hour) && day(t.day) && month(t.month) && (weekday(t.weekday) || (t.weekday === 0 && weekday(7)));
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** The wall-clock reading of `at` in `timeZone` (IANA name). */
export function wallClock(at: Date, timeZone: string): WallClock {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", weekday: "short", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return { second: Number(parts.second), minute: Number(parts.minute), hour: Number(parts.hour), day: Number(parts.day), month: Number(parts.month), weekday: WEEKDAYS.indexOf(parts.weekday ?? "") };
}
