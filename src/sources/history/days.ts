// Calendar days of history files: validation, arithmetic, the instant a daily value is observed, dates in file names.
const DAY_MS = 86_400_000;

export function isDay(text: string | undefined | null): text is string {
  return typeof text === "string" && /^\d{4}-\d{2}-\d{2}$/.test(text) && Number.isFinite(Date.parse(`${text}T00:00:00Z`));
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Where a daily value is observed: noon UTC of its date. GPU fixings close at 16:00 UTC over the previous
 * 24 h, so noon of D falls inside the window (D-1 16:00, D 16:00] of the fixing of D (data/README.md).
 */
export function dayNoon(day: string): string {
  return `${day}T12:00:00.000Z`;
}

/** The last YYYY-MM-DD in a file name, or null. */
export function dateInName(name: string): string | null {
  const all = name.match(/\d{4}-\d{2}-\d{2}/g);
  const last = all?.[all.length - 1];
  return isDay(last) ? last : null;
}
