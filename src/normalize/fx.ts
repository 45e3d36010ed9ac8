// Currency conversion with the fixing it used recorded beside every converted value (pure, exact decimals).
//
// CNY token indices never use this: China-region CNY list prices are not USD prices times an exchange rate
// (qwen-plus lists 3-4x cheaper in the China region), so a CNY index is computed from CNY lists only
// (methodology/README.md, "CNY token indices"). Conversion serves USD indices that take a non-USD list, and side-by-side displays.
// The ECB reference rates are published for information only; the settlement-grade USD/CNY reference is the
// PBOC/CFETS central parity. Whichever set is used, its source and date travel with the converted value.
import { z } from "zod";
import { IsoDate } from "../schemas/decimal.ts";
import { dec, decOrNull, plain } from "./money.ts";

/** One day's rate set from one publisher: units of each currency per 1 unit of `base` (ECB: EUR base). */
export const FxFixing = z.object({
  source: z.string().min(1),
  date: IsoDate,
  base: z.string().regex(/^[A-Z]{3}$/),
  /** Currency code -> units per 1 base, as decimal strings exactly as published (e.g. USD "1.1684"). */
  rates: z.record(z.string().regex(/^[A-Z]{3}$/), z.string().regex(/^\d+(\.\d+)?$/)),
});
export type FxFixing = z.infer<typeof FxFixing>;

/** The provenance recorded with a converted value: `rate` is units of `quote` per 1 unit of `base`. */
export interface FxUsed {
  source: string;
  date: string;
  rate: string;
  base: string;
  quote: string;
}

function unitsPerBase(fx: FxFixing, currency: string) {
  if (currency === fx.base) return dec(1);
  const rate = fx.rates[currency];
  if (rate === undefined) throw new Error(`fx: ${fx.source} ${fx.date} has no ${currency} rate`);
  const value = dec(rate);
  if (value.isZero()) throw new Error(`fx: ${fx.source} ${fx.date} ${currency} rate is zero`);
  return value;
}

/**
 * Convert `amount` from one currency to another through the fixing's base (a cross rate when neither is the
 * base: USD->CNY = CNY per EUR / USD per EUR). Multiplies before dividing and never rounds: the only limit is
 * the 40 significant digits of money.ts; rounding belongs to the methodology.
 */
export function convert(amount: string, from: string, to: string, fx: FxFixing): { value: string; fx: FxUsed } {
  const value = decOrNull(amount);
  if (value === null) throw new Error(`fx: not a decimal amount: ${amount}`);
  const fromRate = unitsPerBase(fx, from);
  const toRate = unitsPerBase(fx, to);
  return {
    value: plain(value.times(toRate).div(fromRate)),
    fx: { source: fx.source, date: fx.date, rate: plain(toRate.div(fromRate)), base: from, quote: to },
  };
}

/** The latest fixing dated on or before `date` (never a later one); null when none is that old. */
export function pickFxFixing(fixings: readonly FxFixing[], date: string): FxFixing | null {
  if (!IsoDate.safeParse(date).success) throw new Error(`fx: not a YYYY-MM-DD date: ${date}`);
  let best: FxFixing | null = null;
  for (const fixing of fixings) {
    if (fixing.date <= date && (best === null || fixing.date > best.date)) best = fixing;
  }
  return best;
}
