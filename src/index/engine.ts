// Methodology engine: one fixing computed by the calculation code of the version it is stamped with.
import type { Fixing, FixingDraft } from "../schemas/fixing.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";
import type { Observation } from "../schemas/observation.ts";
import { computeFixing } from "./compute.ts";
import type { FixingContext } from "./compute.ts";
import { computeGpu2, gpu2HistoryDays } from "./gpu2/index.ts";
import { computeToken2, token2HistoryDays } from "./token2/index.ts";
import { majorOf } from "./versions.ts";

/**
 * What a calculation may read besides the window's observations. 1.x reads `prior` only (the fallback
 * waterfall). 2.0 also reads `history`: the prior fixings' published constituent panels carry seasoning,
 * carry and the chained level forward, and a rolling window of them feeds the quality-adjusted series.
 */
export interface EngineContext extends FixingContext {
  /** This index's fixings before the date (latest revision each, as of the computation), oldest first, within historyDays. */
  history: readonly Fixing[];
}

export type Calculator = (def: IndexDefinition, observations: readonly Observation[], ctx: EngineContext) => FixingDraft;

/** 1.x: the untouched 1.x calculation, so every 1.x fixing stays recomputable byte for byte. */
const computeV1: Calculator = (def, observations, ctx) =>
  computeFixing(def, observations, { fixingDate: ctx.fixingDate, methodologyVersion: ctx.methodologyVersion, status: ctx.status, prior: ctx.prior });

/** The calculator of `family` under methodology `version` (by major version). */
export function calculatorFor(version: string, family: IndexDefinition["family"]): Calculator {
  const major = majorOf(version);
  if (major === 1) return computeV1;
  if (major === 2) return family === "gpu" ? computeGpu2 : computeToken2;
  throw new Error(`no calculation code for methodology ${version}`);
}

/** How many days of prior fixings the calculation of `def` under `version` reads (0: the prior fixing alone). */
export function historyDays(def: IndexDefinition, version: string): number {
  if (majorOf(version) < 2) return 0;
  return def.family === "gpu" ? gpu2HistoryDays(def) : token2HistoryDays(def);
}

/** One fixing of `def` under ctx.methodologyVersion. */
export function computeVersioned(def: IndexDefinition, observations: readonly Observation[], ctx: EngineContext): FixingDraft {
  return calculatorFor(ctx.methodologyVersion, def.family)(def, observations, ctx);
}
