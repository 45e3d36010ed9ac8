// Catch-up on start: fixing times that passed while the publisher was down are published now, flagged late.
import type { ReadStore } from "../db/index.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";
import { fixingSchedule } from "../index/index.ts";
import { addDays, fixIndex, latestDueDate, type FixDeps, type FixOutcome } from "./fix.ts";
import { isLivePublication } from "./first-live.ts";
import type { Logger } from "./logger.ts";

/** Missed dates older than this are not published late: after a long outage history has a gap, said in the log. */
export const CATCH_UP_MAX_DAYS = 7;

/**
 * Dates of `def` whose fixing time has passed (as of `now`) without any publication, after the install's first
 * live start, after the index's last live fixing and within the last `maxDays` due dates. A fixing time before
 * the first live start was never missed: the install did not exist yet (back-calculated history covers it).
 */
export async function missedDates(store: ReadStore, def: IndexDefinition, now: Date, firstLiveStart: string, maxDays = CATCH_UP_MAX_DAYS): Promise<string[]> {
  const due = latestDueDate(def, now);
  const horizon = addDays(due, -(maxDays - 1));
  const recent = (await store.fixingHistory(def.code, { from: addDays(horizon, -1), to: due })).filter(isLivePublication);
  const afterLastLive = recent.length > 0 ? addDays(recent[recent.length - 1]!.fixingDate, 1) : horizon;
  const out: string[] = [];
  for (let date = afterLastLive < horizon ? horizon : afterLastLive; date <= due; date = addDays(date, 1)) {
    if (fixingSchedule(def, date).fixingTime <= firstLiveStart) continue;
    if ((await store.getFixing(def.code, date)) === null) out.push(date);
  }
  return out;
}

/** Publish every missed fixing, oldest first (each one is the next one's prior value). Idempotent. */
export async function catchUpFixings(deps: FixDeps, log: Logger, firstLiveStart: string, maxDays = CATCH_UP_MAX_DAYS): Promise<FixOutcome[]> {
  const out: FixOutcome[] = [];
  const now = deps.now();
  for (const def of deps.methodology.indices) {
    const dates = await missedDates(deps.store, def, now, firstLiveStart, maxDays);
    for (const date of dates) {
      const outcome = await fixIndex(def, date, "final", deps);
      if (outcome) out.push(outcome);
    }
    if (dates.length > 0) log.warn({ index: def.code, dates }, "published fixings missed while the publisher was down (flagged late)");
  }
  return out;
}
