// Exact-decimal building blocks: ordering, sums, means and medians of Decimal lists.
import { D, dec } from "../normalize/money.ts";
import type { Dec } from "../normalize/money.ts";

/** Ascending copy; the input is not changed. */
export function sortAsc(values: readonly Dec[]): Dec[] {
  return [...values].sort((a, b) => a.comparedTo(b));
}

export function sum(values: readonly Dec[]): Dec {
  return values.reduce((acc, v) => acc.plus(v), dec(0));
}

/** Arithmetic mean; throws on an empty list (callers gate on counts first). */
export function mean(values: readonly Dec[]): Dec {
  if (values.length === 0) throw new Error("mean of an empty list");
  return sum(values).div(values.length);
}

/** Median: the middle value, or the mean of the two middle values for an even count. */
export function median(values: readonly Dec[]): Dec {
  if (values.length === 0) throw new Error("median of an empty list");
  const sorted = sortAsc(values);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid]!;
  return sorted[mid - 1]!.plus(sorted[mid]!).div(2);
}

/** Absolute value of a - b. */
export function absDiff(a: Dec, b: Dec): Dec {
  return a.minus(b).abs();
}

export const ZERO: Dec = new D(0);
