// Exact decimal arithmetic for prices and rates; the only place that configures Decimal or rounds.
import { Decimal } from "decimal.js";

/** An isolated Decimal constructor: 40 significant digits, so quotient chains stay exact to far below a cent. */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
export type Dec = InstanceType<typeof D>;

/** Parse a decimal string or number; throws on NaN, Infinity and non-numeric text. */
export function dec(value: string | number | Dec): Dec {
  const d = new D(value);
  if (!d.isFinite()) throw new Error(`not a finite decimal: ${String(value)}`);
  return d;
}

/** Parse source text that should hold a decimal (also "1e-7", " 2.5 "); null when it does not. */
export function decOrNull(value: unknown): Dec | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? new D(value) : null;
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return null;
  return new D(text);
}

/** Canonical plain string: no exponent, no trailing zeros ("2.50" -> "2.5", "1e-7" -> "0.0000001"). */
export function plain(value: Dec): string {
  const s = value.toFixed();
  return s === "-0" ? "0" : s;
}

export type RoundingMode = "half_even" | "half_up";

/** The one rounding function: `decimals` places, by the methodology's mode; keeps trailing zeros. */
export function roundTo(value: Dec, decimals: number, mode: RoundingMode): string {
  const rm = mode === "half_even" ? D.ROUND_HALF_EVEN : D.ROUND_HALF_UP;
  return value.toDecimalPlaces(decimals, rm).toFixed(decimals);
}
