// How fresh is what the operator sees: the age of a fixing's newest input, and the log line of a fixing run.
import type { ReadStore } from "../db/index.ts";
import type { Fixing } from "../schemas/fixing.ts";
import type { FixOutcome } from "./fix.ts";
import type { Logger } from "./logger.ts";

/** Time of the newest observation a fixing used (null for a fixing without inputs, e.g. a fallback). */
export async function newestInputAt(store: ReadStore, fixing: Fixing): Promise<string | null> {
  const ids = fixing.inputs.flatMap((i) => i.observationIds);
  if (ids.length === 0) return null;
  let newest: string | null = null;
  for (const o of await store.getObservations(ids)) if (newest === null || o.observedAt > newest) newest = o.observedAt;
  return newest;
}

/** Whole seconds from `iso` to `now` (never negative); null stays null. */
export function ageSeconds(iso: string | null, now: Date): number | null {
  return iso === null ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 1000));
}

/** One structured line per fixing run: what was published and how old its inputs were. */
export async function logFixing(log: Logger, store: ReadStore, outcome: FixOutcome | null, now: Date): Promise<void> {
  if (!outcome) return;
  const f = outcome.fixing;
  const newest = await newestInputAt(store, f);
  const line = {
    event: "fixing", index: f.indexCode, date: f.fixingDate, status: f.status, calculation: f.calculation ?? "live", value: f.value, unit: f.unit,
    providers: f.providerCount, observations: f.observationCount, exclusions: f.exclusions.length, inputTier: f.inputTier,
    newestInputAt: newest, inputAgeSeconds: ageSeconds(newest, now), published: outcome.published, late: /late publication/.test(f.note ?? ""), note: f.note,
  };
  if (f.status === "fallback" && outcome.published) log.warn(line, "fixing published from the fallback waterfall");
  else log.info(line, outcome.published ? "fixing published" : "fixing already published");
}
