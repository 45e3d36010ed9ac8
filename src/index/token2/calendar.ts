// Business-day calendar of the China-region basket: weekends and mainland exchange holidays (no fixing on them).

/**
 * Mainland exchange closures (SSE/SHFE follow the State Council holiday schedule; weekend make-up working days
 * are not trading days). 2026 from the State Council notice on the 2026 public holidays (Guobanfa, Nov 2025).
 * A year not listed falls back to weekends only, and the fixing says so in its note: the calendar must be
 * extended when the next notice is published (normally in November), before that year's first fixing.
 */
export const CN_EXCHANGE_HOLIDAYS: Readonly<Record<string, readonly [string, string][]>> = {
  "2026": [
    ["2026-01-01", "2026-01-03"],
    ["2026-02-15", "2026-02-23"],
    ["2026-04-04", "2026-04-06"],
    ["2026-05-01", "2026-05-05"],
    ["2026-06-19", "2026-06-21"],
    ["2026-09-25", "2026-09-27"],
    ["2026-10-01", "2026-10-07"],
  ],
};

export interface BusinessDay {
  open: boolean;
  /** Why the day is closed, or that the year's holidays are not yet in the calendar. */
  reason: string | null;
}

export function cnExchangeDay(date: string, holidays: Readonly<Record<string, readonly [string, string][]>> = CN_EXCHANGE_HOLIDAYS): BusinessDay {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return { open: false, reason: `${date} is a weekend day on the cn-exchange calendar` };
  const year = holidays[date.slice(0, 4)];
  if (year === undefined) return { open: true, reason: `cn-exchange holidays of ${date.slice(0, 4)} not yet in the calendar: weekends only` };
  const closed = year.find(([from, to]) => date >= from && date <= to);
  return closed ? { open: false, reason: `${date} is a mainland exchange holiday (${closed[0]} to ${closed[1]})` } : { open: true, reason: null };
}
