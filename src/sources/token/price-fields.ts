// Token prices and dates as sources print them: exact decimals from JSON numbers or text, ISO instants from dates.
import { decOrNull, plain } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";

/**
 * A source price as a Dec. JSON floats arrive already parsed by JSON.parse; String(float) is the
 * shortest repr that round-trips to the same double (1.5e-7 -> "1.5e-7" -> 0.00000015), which is the
 * number the source printed in every case where the source printed at most 17 significant digits.
 */
export function price(value: unknown): Dec | null {
  if (typeof value === "number") return Number.isFinite(value) ? decOrNull(String(value)) : null;
  return decOrNull(value);
}

/** Canonical decimal string of a price, or null. */
export function priceText(value: Dec | null): string | null {
  return value === null ? null : plain(value);
}

/** Date (YYYY-MM-DD) or ISO date-time text as an ISO UTC instant with Z, or null. */
export function isoInstant(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00:00.000Z`;
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) return null;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  const ms = Date.parse(hasZone ? text.replace(" ", "T") : `${text.replace(" ", "T")}Z`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** The day before an ISO date, as an instant: the last day a price that ended on `date` is known to have held. */
export function dayBefore(date: string): string | null {
  const start = isoInstant(date.slice(0, 10));
  if (start === null) return null;
  return new Date(Date.parse(start) - 86_400_000).toISOString();
}
