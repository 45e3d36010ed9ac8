// A final contract settlement as stored: append-only, hash-chained (its own chain) and signed like fixings.
import { z } from "zod";
import { DecimalString, IsoDate, IsoTime } from "./decimal.ts";
import { FixingStatus } from "./fixing.ts";

export const ContractMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "must be a month YYYY-MM" });

/** How one calendar day of the contract month counted (contracts.md, "Final settlement value"). */
export const SettlementDay = z.object({
  fixingDate: IsoDate,
  kind: z.enum(["computed", "carried", "carried_over_limit", "excluded"]),
  counted: z.boolean(),
  value: DecimalString.nullable(),
  status: FixingStatus.nullable(),
  revision: z.number().int().nullable(),
  /** The hash of the fixing revision the day settled on: the record pins exactly what it used. */
  hash: z.string().nullable(),
  reason: z.string().nullable(),
});
export type SettlementDay = z.infer<typeof SettlementDay>;

export const SettlementCoverage = z.object({
  calendarDays: z.number().int(),
  daysElapsed: z.number().int(),
  computedDays: z.number().int(),
  carriedDays: z.number().int(),
  carriedCounted: z.number().int(),
  excludedDays: z.number().int(),
  share: DecimalString,
  requiredComputedDays: z.number().int(),
  met: z.boolean(),
  attainable: z.boolean(),
});
export type SettlementCoverage = z.infer<typeof SettlementCoverage>;

export const SettlementMethod = z.enum(["mean", "fallback_last_computed", "fallback_previous_settlement", "none"]);

/** What the freeze job computes; the store adds revision, publication time, chain and signature. */
export const SettlementDraft = z.object({
  contract: z.string(),
  indexCode: z.string(),
  month: ContractMonth,
  state: z.literal("final"),
  value: DecimalString.nullable(),
  method: SettlementMethod,
  basis: z.string(),
  coverage: SettlementCoverage,
  days: z.array(SettlementDay),
  methodologyVersions: z.array(z.string()),
  /** Version of methodology/contracts.json the terms were taken from. */
  termsVersion: z.string(),
  unit: z.string(),
  multiplier: z.number().int().positive(),
  currency: z.string(),
  /** The scheduled freeze (contracts.md, "Freeze"). */
  freezeAt: IsoTime,
  /** The fixings were taken as published at this time: the freeze, or the moved freeze when it could not run. */
  cutoff: IsoTime,
  /** Business days the freeze moved because the publisher could not compute at the scheduled one. */
  freezeMoves: z.number().int().nonnegative(),
  /** The previous month's final the second fallback step may use (null: none was stored by the cut-off). */
  previousFinal: z.object({ month: ContractMonth, value: DecimalString.nullable(), hash: z.string() }).nullable(),
});
export type SettlementDraft = z.infer<typeof SettlementDraft>;

export const SettlementRecord = SettlementDraft.extend({
  id: z.number().int().positive(),
  revision: z.number().int().positive(),
  publishedAt: IsoTime,
  prevHash: z.string(),
  hash: z.string(),
  signature: z.string(),
});
export type SettlementRecord = z.infer<typeof SettlementRecord>;

/** One revision of a fixing that replaced an earlier one (the public restatement register). */
export const Restatement = z.object({
  /** Id of the restating revision (the register's cursor). */
  id: z.number().int().positive(),
  indexCode: z.string(),
  fixingDate: IsoDate,
  revision: z.number().int(),
  oldValue: DecimalString.nullable(),
  newValue: DecimalString.nullable(),
  oldStatus: FixingStatus,
  newStatus: FixingStatus,
  /** The restating revision's note: kind, old and new value, reason, who and when. */
  reason: z.string().nullable(),
  /** When the replaced revision was published. */
  publishedAt: IsoTime,
  /** When the restating revision was published. */
  restatedAt: IsoTime,
  methodologyVersion: z.string(),
  hash: z.string(),
});
export type Restatement = z.infer<typeof Restatement>;
