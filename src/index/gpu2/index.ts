// GPU indices under methodology 2.x (issue 12): entry point dispatched by src/index/engine.ts.
import type { FixingDraft } from "../../schemas/fixing.ts";
import type { IndexDefinition } from "../../schemas/methodology.ts";
import type { Observation } from "../../schemas/observation.ts";
import { computeFixing } from "../compute.ts";
import type { FixingContext } from "../compute.ts";

export function computeGpu2(def: IndexDefinition, observations: readonly Observation[], ctx: FixingContext): FixingDraft {
  return computeFixing(def, observations, { fixingDate: ctx.fixingDate, methodologyVersion: ctx.methodologyVersion, status: ctx.status, prior: ctx.prior });
}

export function gpu2HistoryDays(_def: IndexDefinition): number {
  return 0;
}
