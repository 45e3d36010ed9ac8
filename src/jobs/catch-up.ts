// Catch-up on start: fixing times that passed while the publisher was down are published now, flagged late.
import type { ReadStore } from "../db/index.ts";
import type { FixingStatus } from "../schemas/fixing.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";
import { addDays, fixIndex, latestDueDate, type FixDeps, type FixOutcome } from "./fix.ts";
import type { Logger } from "./logger.ts";

/** Missed dates older than this are not published late: after a long outage history has a gap, said in the log. */
export const CATCH_UP_MAX_DAYS = 7;

/** Statuses of a live publication (back-calculated and provisional fixings do not prove the publisher was live). */
const LIVE: FixingStatus[] = ["final", "fallback", "republished"];

/**
 * Dates of `def` whose fixing time has passed (as of `now`) without any publication, after the index's last
 * live fixing and within the last `maxDays` due dates. An index never published live has missed nothing:
 * a fresh install publishes from its first scheduled fixing time on.
 */
export async function missedDates(store: ReadStore, def: IndexDefinition, now: Date, maxDays = CATCH_UP_MAX_DAYS): Promise<string[]> {
  const due = latestDueDate(def, now);
  const horizon = addDays(due, -(maxDays - 1));
  const recent = await store.fixingHistory(def.code, { from: addDays(horizon, -1), to: due, status: LIVE });
  let start: string;
  if (recent.length > 0) {
    start = addDays(recent[recent.length - 1]!.fixingDate, 1);
  } else {
    const ever = await store.fixingHistory(def.code, { to: due, status: LIVE, limit: 1 });
    if (ever.length === 0) return [];
    start = horizon;
  }
  const out: string[] = [];
  for (let date = start < horizon ? horizon : start; date <= due; date = addDays(date, 1)) {
    if ((await store.getFixing(def.code, date)) === null) out.push(date);
  }
  return out;
}

/** Publish every missed fixing, oldest first (each one is the next one's prior value). Idempotent. */
export async function catchUpFixings(deps: FixDeps, log: Logger, maxDays = CATCH_UP_MAX_DAYS): Promise<FixOutcome[]> {
  const out: FixOutcome[] = [];
  const now = deps.now();
  for (const def of deps.methodology.indices) {
    const dates = await missedDates(deps.store, def, now, maxDays);
    for (const date of dates) {
      const outcome = await fixIndex(def, date, "final", deps);
      if (outcome) out.push(outcome);
    }
    if (dates.length > 0) log.warn({ index: def.code, dates }, "published fixings missed while the publisher was down (flagged late)");
  }
  return out;
}
