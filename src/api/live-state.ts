// Where a series stands between its back-calculated history and its live fixings, and what it waits for before the first live one.
import { z } from "zod";
import type { ReadStore } from "../db/index.ts";
import { fixingSchedule } from "../index/index.ts";
import { addDays, isBackCalculated, latestDueDate } from "../jobs/fix.ts";
import { FIRST_LIVE_START_KEY, isLivePublication } from "../jobs/first-live.ts";
import { parseCron, wallClock } from "../jobs/cron.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";
import { IsoDate, IsoTime } from "../schemas/decimal.ts";
import { sourceState } from "../sources/registry.ts";
import type { SourceDef } from "../sources/types.ts";
import type { AppDeps } from "./deps.ts";

export const WaitingSource = z.object({
  id: z.string(),
  enabled: z.boolean(),
  health: z.string().nullable().describe("last run: ok, not_modified, degraded, error; null before its first run"),
  lastSuccessAt: IsoTime.nullable(),
  nextRunAt: IsoTime.nullable().describe("next scheduled collection (null: disabled or manual)"),
  priced: z.boolean().describe("true when this source priced the index's product (its unit, eligible tiers) since the install went live, in the last 48 hours"),
});

export const LiveState = z
  .object({
    firstLiveStart: IsoTime.nullable().describe("when this install first started its schedules (null: never)"),
    liveSince: IsoDate.nullable().describe("fixing date of the series' first live publication (null: none yet)"),
    backCalculatedUntil: IsoDate.nullable().describe("last fixing date reconstructed from bundled history before the live series"),
    waiting: z
      .object({
        nextFixingTime: IsoTime.nullable().describe("the first live fixing will be published at this time (null: schedules never started)"),
        sources: z.array(WaitingSource).describe("sources that feed it: those that already priced it, else every source of its family"),
      })
      .nullable()
      .describe("present until the first live fixing with a value: what the series is waiting for"),
  })
  .describe("the boundary between back-calculated history and live fixings");
export type LiveState = z.infer<typeof LiveState>;

const MINUTE_MS = 60_000;
/** Far enough for a weekday-only schedule over a long weekend; a yearly one (manual sources) reports null. */
const NEXT_RUN_HORIZON_MINUTES = 8 * 24 * 60;

/** The next minute at or after `now` matching a source's UTC cron expression, or null within the horizon. */
export function nextRunAt(schedule: string, now: Date): string | null {
  const matches = parseCron(schedule);
  const first = Math.ceil(now.getTime() / MINUTE_MS) * MINUTE_MS;
  for (let i = 0; i < NEXT_RUN_HORIZON_MINUTES; i++) {
    const at = new Date(first + i * MINUTE_MS);
    if (matches(wallClock(at, "UTC"))) return at.toISOString();
  }
  return null;
}

/** Sources whose observations of the index's product exist since `since` (what fed the series on its first day). */
async function pricedBy(store: ReadStore, def: IndexDefinition, since: string, now: Date): Promise<Set<string>> {
  const products = def.product.kind === "gpu" ? def.product.classIds : def.product.models;
  const metric = def.product.kind === "gpu" ? "gpu_hour" : def.product.metric;
  const rows = await store.queryObservations({ products, metric, from: since, to: new Date(now.getTime() + 1).toISOString(), limit: 5000 });
  // Only what the index could use: its unit (currency), an eligible input tier, its provider tiers.
  const tiers = def.product.providerTiers;
  const usable = rows.filter((o) => o.unit === def.unit && def.eligibleTiers.includes(o.tier) && (!tiers || (o.providerTier !== null && tiers.includes(o.providerTier))));
  return new Set(usable.map((o) => o.source));
}

/** How far back "already priced it" looks (bounded: a series that waits for months must not scan months). */
const PRICED_LOOKBACK_MS = 48 * 3_600_000;

async function waitingSources(deps: AppDeps, def: IndexDefinition, firstLiveStart: string | null, now: Date): Promise<z.infer<typeof WaitingSource>[]> {
  const recent = new Date(now.getTime() - PRICED_LOOKBACK_MS).toISOString();
  const since = firstLiveStart === null ? null : firstLiveStart > recent ? firstLiveStart : recent;
  const priced = since ? await pricedBy(deps.store, def, since, now) : new Set<string>();
  const health = new Map((await deps.store.sourceHealth()).map((h) => [h.sourceId, h]));
  const family = deps.sources.filter((s) => s.kind === def.product.kind);
  const chosen: SourceDef[] = priced.size > 0 ? family.filter((s) => priced.has(s.id)) : family;
  return chosen.map((s) => {
    const enabled = sourceState(s, deps.env).enabled;
    const h = health.get(s.id);
    return { id: s.id, enabled, health: h?.lastStatus ?? null, lastSuccessAt: h?.lastSuccessAt ?? null, nextRunAt: enabled ? nextRunAt(s.schedule, now) : null, priced: priced.has(s.id) };
  });
}

export async function liveState(deps: AppDeps, def: IndexDefinition): Promise<LiveState> {
  const now = deps.now?.() ?? new Date();
  const firstLiveStart = await deps.store.getMeta(FIRST_LIVE_START_KEY);
  const liveDay = (firstLiveStart ?? now.toISOString()).slice(0, 10);
  // The first live publication after the install went live (any status: a fallback without a value is live too).
  // Without the meta key (a database that never started its schedules since it was added) the earliest live one counts.
  const early = firstLiveStart
    ? await deps.store.fixingHistory(def.code, { from: liveDay, limit: 10 })
    : await deps.store.fixingHistory(def.code, { status: ["final", "republished", "fallback"], limit: 50 });
  const firstLive = early.find((f) => isLivePublication(f) && (firstLiveStart === null || f.fixingTime >= firstLiveStart));
  // Back-calculated history ends before the live series (the last 90 days before it are looked at).
  const until = firstLive ? addDays(firstLive.fixingDate, -1) : liveDay;
  const before = await deps.store.fixingHistory(def.code, { from: addDays(until, -90), to: until });
  const backCalculated = before.filter(isBackCalculated).at(-1);
  // Waiting until the first live value: a live fallback without one still says what it waits for.
  const lastValued = await deps.store.latestValuedFixing(def.code);
  const waiting = !lastValued || !isLivePublication(lastValued) || (firstLiveStart !== null && lastValued.fixingTime < firstLiveStart);
  const nextFixingTime = firstLiveStart ? fixingSchedule(def, addDays(latestDueDate(def, now), 1)).fixingTime : null;
  return {
    firstLiveStart,
    liveSince: firstLive?.fixingDate ?? null,
    backCalculatedUntil: backCalculated?.fixingDate ?? null,
    waiting: waiting ? { nextFixingTime, sources: await waitingSources(deps, def, firstLiveStart, now) } : null,
  };
}
