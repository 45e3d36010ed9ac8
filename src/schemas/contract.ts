// Contract specifications as data (methodology/contracts.json): what an exchange lists on a cpi index.
import { z } from "zod";
import { IsoDate } from "./decimal.ts";

/** Business-day calendar of the settlement freeze: weekdays in `timezone`, minus the listed holidays. */
export const SettlementCalendar = z.object({
  id: z.string().min(1),
  description: z.string().min(1),
  timezone: z.literal("UTC"),
  /** Weekdays that are business days, 1 = Monday ... 7 = Sunday. */
  businessWeekdays: z.array(z.number().int().min(1).max(7)).min(1),
  holidays: z.array(IsoDate),
});
export type SettlementCalendar = z.infer<typeof SettlementCalendar>;

/** The terms every listed contract shares (each one may not override them: one rule for every contract). */
export const ContractTerms = z.object({
  /** The final settlement value is frozen at `time` UTC on the Nth business day after the month ends. */
  freeze: z.object({ businessDaysAfterMonthEnd: z.number().int().min(1).max(10), time: z.string().regex(/^\d{2}:\d{2}$/) }),
  coverage: z.object({
    /** Share of calendar days that need a computed (not carried, not back-calculated) fixing: 0.8 = 80%. */
    minComputedShare: z.number().gt(0).max(1),
  }),
  /** At most this many carried (fallback) days of a month enter the mean; later carried days are skipped. */
  maxCarriedDays: z.number().int().nonnegative(),
  /** Trial period of a new or materially changed series, in months, unless the contract states a longer one. */
  defaultTrialMonths: z.number().int().nonnegative(),
  /** Trial period of China-region series (national price-index rules ask for at least six months). */
  chinaTrialMonths: z.number().int().min(6),
});
export type ContractTerms = z.infer<typeof ContractTerms>;

export const ContractSpec = z.object({
  /** The index the contract settles on; the contract code is the index code. */
  index: z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/),
  /** What one price point is per (GPU-hour, 1M tokens) and how many of them one contract is. */
  unit: z.enum(["GPU-hour", "1M tokens"]),
  multiplier: z.number().int().positive(),
  currency: z.enum(["USD", "CNY"]),
  region: z.enum(["global", "china"]),
  /** How many consecutive calendar months are listed at any time, starting with the current one. */
  listedMonths: z.number().int().min(1).max(36),
  rounding: z.object({ decimals: z.number().int().min(0).max(10), mode: z.enum(["half_even", "half_up"]) }),
  /**
   * Trial (shadow) period: the series is published from `start` but no month that begins before
   * `start` + `months` settles. `reason` says why (new series, material change).
   */
  trial: z.object({ start: IsoDate, months: z.number().int().nonnegative(), reason: z.string().min(1) }),
  /** Index that replaces this one on cessation, when one is designated; null = the cessation procedure applies. */
  successor: z.string().nullable(),
  note: z.string().optional(),
});
export type ContractSpec = z.infer<typeof ContractSpec>;

export const ContractBook = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  document: z.string().min(1),
  calendar: SettlementCalendar,
  terms: ContractTerms,
  contracts: z.array(ContractSpec).min(1),
});
export type ContractBook = z.infer<typeof ContractBook>;
