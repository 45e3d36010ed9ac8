// Token indices under methodology 2.x: a stub that computes as 1.x until the token 2.0 calculation (issue 14) replaces it.
import type { FixingDraft } from "../../schemas/fixing.ts";
import type { IndexDefinition } from "../../schemas/methodology.ts";
import type { Observation } from "../../schemas/observation.ts";
import { computeFixing } from "../compute.ts";
import type { FixingContext } from "../compute.ts";

export function computeToken2(def: IndexDefinition, observations: readonly Observation[], ctx: FixingContext): FixingDraft {
  return computeFixing(def, observations, { fixingDate: ctx.fixingDate, methodologyVersion: ctx.methodologyVersion, status: ctx.status, prior: ctx.prior });
}

/** Days of prior fixings the token 2.0 calculation reads. */
export function token2HistoryDays(_def: IndexDefinition): number {
  return 0;
}
