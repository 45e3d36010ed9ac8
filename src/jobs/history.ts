// History: load the bundled observations into an empty database, and back-calculate fixings over them.
import type { Store } from "../db/index.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";
import { fixingSchedule, type Methodology } from "../index/index.ts";
import { BUNDLE_META_KEY, BUNDLE_PROGRESS_KEY, loadBundle } from "./bundle.ts";
import { addDays, fixIndex, type FixOutcome } from "./fix.ts";
import type { Logger } from "./logger.ts";
import type { Signer } from "./signing.ts";
import { newestAnnounced, type MethodologySet } from "../index/versions.ts";

export interface HistoryDeps {
  bundleDir: string;
  methodology: Methodology;
  signer: Signer;
  now: () => Date;
  log: Logger;
  /** Every archived version: history is back-calculated under the newest announced one. Absent: `methodology`. */
  versions?: MethodologySet;
}

/** Fixing dates whose window holds at least one candidate observation of the index, within [from, to]. */
export async function backfillDates(store: Store, def: IndexDefinition, from?: string, to?: string): Promise<string[]> {
  const products = def.product.kind === "gpu" ? def.product.classIds : def.product.models;
  const metric = def.product.kind === "gpu" ? "gpu_hour" : def.product.metric;
  const times = await store.observationTimes({ products, metric, from: from ? `${addDays(from, -2)}T00:00:00.000Z` : undefined, to: to ? `${addDays(to, 2)}T00:00:00.000Z` : undefined });
  const windows = new Map<string, { start: number; end: number }>();
  const windowOf = (date: string) => {
    let w = windows.get(date);
    if (!w) {
      const s = fixingSchedule(def, date);
      w = { start: Date.parse(s.windowStart), end: Date.parse(s.fixingTime) };
      windows.set(date, w);
    }
    return w;
  };
  const dates = new Set<string>();
  for (const t of times) {
    const ms = Date.parse(t);
    const day = t.slice(0, 10);
    for (const date of [addDays(day, -1), day, addDays(day, 1)]) {
      const w = windowOf(date);
      if (ms > w.start && ms <= w.end) dates.add(date);
    }
  }
  return [...dates].filter((d) => (!from || d >= from) && (!to || d <= to)).sort();
}

/** Back-calculated fixings (status "back-calculated"), never over a date that already has a publication. */
export async function backfill(store: Store, deps: Omit<HistoryDeps, "bundleDir">, opts: { from?: string; to?: string; codes?: string[] } = {}): Promise<FixOutcome[]> {
  const out: FixOutcome[] = [];
  const methodology = deps.versions ? (newestAnnounced(deps.versions)?.methodology ?? deps.methodology) : deps.methodology;
  for (const def of methodology.indices) {
    if (opts.codes && !opts.codes.includes(def.code)) continue;
    // Back-calculation publishes a day only where the methodology yields a value (computed or carried):
    // history is reconstructed where the data supports it, not padded with empty fallbacks.
    for (const date of await backfillDates(store, def, opts.from, opts.to)) {
      const outcome = await fixIndex(def, date, "back-calculated", { store, signer: deps.signer, methodology: deps.methodology, now: deps.now, versions: deps.versions }, { skipIfNoValue: true });
      if (outcome) out.push(outcome);
    }
  }
  return out;
}

/** On an empty database: load data/bundle, then back-calculate every index over it. Resumes after a crash. */
export async function prepareHistory(store: Store, deps: HistoryDeps): Promise<void> {
  if ((await store.getMeta("bundle_loaded_at")) !== null) return;
  // A load or back-calculation interrupted by a crash left a bundle mark: both steps are resumable, so finish them.
  const interrupted = (await store.getMeta(BUNDLE_META_KEY)) !== null || (await store.getMeta(BUNDLE_PROGRESS_KEY)) !== null;
  if (!interrupted && (await store.countObservations()) > 0) return;
  const started = Date.now();
  const loaded = await loadBundle(store, deps.bundleDir);
  const fixings = await backfill(store, deps);
  await store.setMeta("bundle_loaded_at", deps.now().toISOString());
  deps.log.info({ ...loaded, fixings: fixings.filter((f) => f.published).length, ms: Date.now() - started }, "bundled history loaded and back-calculated");
}
