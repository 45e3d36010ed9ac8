// Response schemas of the settlement routes: the lifecycle view, the list of finals, the restatement register.
import { z } from "zod";
import { DecimalString, IsoDate, IsoTime } from "../schemas/decimal.ts";
import { FixingStatus } from "../schemas/fixing.ts";
import { Restatement, SettlementCoverage, SettlementDay, SettlementMethod, SettlementRecord } from "../schemas/settlement.ts";

export const SettlementView = z.object({
  indexCode: z.string(),
  month: z.string(),
  asOf: z.string().nullable(),
  complete: z.boolean().describe("false while the month is not over"),
  value: DecimalString.nullable().describe("final: the stored final value; provisional: the value so far"),
  calendarDays: z.number().int(),
  used: z.array(z.object({ fixingDate: IsoDate, value: DecimalString, status: FixingStatus, revision: z.number().int() })),
  skipped: z.array(z.object({ fixingDate: IsoDate, reason: z.string() })),
  methodologyVersions: z.array(z.string()),
  state: z.enum(["provisional", "final", "not_settleable"]).describe("final once the freeze stored the record; not_settleable: the index has no contract"),
  stage: z.enum(["shadow", "provisional", "due", "final"]).nullable().describe("shadow: trial period, never settles; due: freeze passed, final not stored yet"),
  contract: z
    .object({ index: z.string(), unit: z.string(), multiplier: z.number().int(), currency: z.string(), rounding: z.object({ decimals: z.number().int(), mode: z.string() }), firstSettleableMonth: z.string(), termsVersion: z.string() })
    .nullable(),
  freezeAt: IsoTime.nullable(),
  method: SettlementMethod.nullable(),
  basis: z.string().nullable().describe("why the method applied, in a sentence"),
  coverage: SettlementCoverage.nullable(),
  computedDays: z.number().int().nullable(),
  carriedDays: z.number().int().nullable(),
  days: z.array(SettlementDay),
  final: SettlementRecord.nullable().describe("the stored final record with its hash and signature"),
  restatementsAfterFreeze: z.array(Restatement).describe("restatements of the month's fixings after the cut-off: listed, never applied"),
});

export const SettlementList = z.object({ contract: z.string(), count: z.number().int(), nextCursor: z.string().nullable(), data: z.array(SettlementRecord) });

export const RestatementPage = z.object({ count: z.number().int(), nextCursor: z.number().int().nullable(), data: z.array(Restatement) });
