// The install's first live start: recorded once, it bounds catch-up (nothing is "missed" before an install existed).
import type { ReadStore, Store } from "../db/index.ts";
import type { Fixing } from "../schemas/fixing.ts";

/** meta key holding the ISO time the schedules first started on this database. */
export const FIRST_LIVE_START_KEY = "first_live_start";

/**
 * The recorded first live start, recording one when there is none: `now` on a fresh install; on a database
 * that published live before this key existed, the fixing time of its earliest final fixing (so catch-up
 * still covers what an upgraded install missed, and never what came before it).
 */
export async function recordFirstLiveStart(store: Store, now: Date, indexCodes: readonly string[]): Promise<string> {
  const known = await store.getMeta(FIRST_LIVE_START_KEY);
  if (known !== null) return known;
  let at = now.toISOString();
  for (const code of indexCodes) {
    const [first] = await store.fixingHistory(code, { status: ["final", "republished"], limit: 1 });
    if (first && isLivePublication(first) && first.fixingTime < at) at = first.fixingTime;
  }
  await store.setMeta(FIRST_LIVE_START_KEY, at);
  return at;
}

export function firstLiveStart(store: ReadStore): Promise<string | null> {
  return store.getMeta(FIRST_LIVE_START_KEY);
}

/** A publication by the running publisher (back-calculations, whatever their status, are history). */
export function isLivePublication(f: Fixing): boolean {
  return f.calculation !== "back-calculated" && f.status !== "back-calculated" && f.status !== "provisional";
}
