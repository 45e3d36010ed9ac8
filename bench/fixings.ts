// Bench 3: back-calculating daily fixings for 40 indices over the observation history, against one scan of the rows.
import Database from "better-sqlite3";
import { generateKeyPairSync } from "node:crypto";
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { seriesKeys, totalRows, type ObservationShape } from "./generate/observations.ts";
import { benchIndices } from "./generate/methodology.ts";
import { deriveSeed } from "./generate/prng.ts";
import { fillObservations } from "./generate/sqlite.ts";
import { absolute, figure, percentile, since, type BenchContext, type BenchResult } from "./harness.ts";
import { historyProviders } from "./sizes.ts";

export interface HistoryDb {
  path: string;
  rows: number;
  shape: ObservationShape;
}

async function benchMethodology(count: number) {
  const { loadMethodology, parseMethodology } = await import("../src/index/index.ts");
  return parseMethodology(benchIndices(loadMethodology(), count));
}

/**
 * The generated observation history of this run (generated on first use: data setup, not measured). It is an
 * input only: no bench writes to it; a bench that writes works on its own copy (`copyOf`).
 */
export async function historyDb(ctx: BenchContext): Promise<HistoryDb> {
  const existing = ctx.state.get("historyDb") as HistoryDb | undefined;
  if (existing) return existing;
  const h = ctx.sizes.history;
  const methodology = await benchMethodology(h.indices);
  const keys = seriesKeys(methodology.indices);
  const shape: ObservationShape = { seed: deriveSeed(ctx.seed, "history"), keys, start: h.start, days: ctx.historyDays ?? h.days, providers: historyProviders(h, keys.length), perDay: h.perDay };
  const path = join(ctx.tmp, "history.db");
  const t0 = process.hrtime.bigint();
  let lastLog = 0;
  const rows = await fillObservations(path, shape, {
    progress: (done, total) => {
      if (done - lastLog >= 2_000_000) {
        lastLog = done;
        ctx.log(`  generating history: ${(done / 1e6).toFixed(0)}M / ${(total / 1e6).toFixed(1)}M rows (${since(t0).toFixed(0)} s)`);
      }
    },
  });
  ctx.log(`  generated ${rows} observations into SQLite in ${since(t0).toFixed(1)} s`);
  const db: HistoryDb = { path, rows, shape };
  ctx.state.set("historyDb", db);
  return db;
}

/** A private copy of a generated database for a bench that writes to it. */
function copyOf(ctx: BenchContext, db: HistoryDb, name: string): HistoryDb {
  const path = join(ctx.tmp, `${name}.db`);
  rmSync(path, { force: true });
  copyFileSync(db.path, path);
  return { ...db, path };
}

/**
 * The history with its fixings back-calculated, as an input of the API bench: the fixings bench's finished
 * database when it ran in this run, otherwise built here from a copy of the generated history.
 */
export async function fixedHistoryDb(ctx: BenchContext): Promise<HistoryDb> {
  const done = ctx.state.get("fixedHistoryDb") as HistoryDb | undefined;
  if (done) return done;
  ctx.log("  back-calculating fixings for the API database (not timed here)");
  const db = copyOf(ctx, await historyDb(ctx), "api-history");
  const run = await backfillHistory(ctx, db);
  if (run.fixings === 0) throw new Error("the back-calculation for the API database published no fixings");
  ctx.state.set("fixedHistoryDb", db);
  return db;
}

/** Back-calculate every index over the history (the `backfill` job), timing each published fixing. */
export async function backfillHistory(ctx: BenchContext, db: HistoryDb): Promise<{ seconds: number; latenciesMs: number[]; fixings: number }> {
  const { openStore } = await import("../src/db/index.ts");
  const { backfill } = await import("../src/jobs/history.ts");
  const { signerFromKey } = await import("../src/jobs/signing.ts");
  const { silentLogger } = await import("../src/jobs/logger.ts");
  const methodology = await benchMethodology(ctx.sizes.history.indices);
  const store = openStore(db.path);
  const stamps: bigint[] = [];
  // Interval between consecutive appends = one fixing's query + computation + signed append.
  const timed = { ...store, appendFixing: async (...a: Parameters<typeof store.appendFixing>) => {
    const f = await store.appendFixing(...a);
    stamps.push(process.hrtime.bigint());
    return f;
  } };
  const signer = signerFromKey(generateKeyPairSync("ed25519").privateKey);
  const now = () => new Date("2030-01-01T00:00:00.000Z");
  const t0 = process.hrtime.bigint();
  const outcomes = await backfill(timed, { methodology, signer, now, log: silentLogger });
  const seconds = since(t0);
  await store.close();
  const latenciesMs = stamps.map((t, i) => Number(t - (i === 0 ? t0 : stamps[i - 1]!)) / 1e6);
  return { seconds, latenciesMs, fixings: outcomes.filter((o) => o.published).length };
}

/** The limit: one SELECT reading every column of every row into JS (better-sqlite3, raw rows). */
function scanSeconds(path: string): { seconds: number; rows: number } {
  const db = new Database(path, { readonly: true });
  const t0 = process.hrtime.bigint();
  let rows = 0;
  for (const _ of db.prepare("SELECT * FROM observations").raw().iterate()) rows++;
  const seconds = since(t0);
  db.close();
  return { seconds, rows };
}

export async function runFixings(ctx: BenchContext): Promise<BenchResult> {
  const t0 = process.hrtime.bigint();
  // Its own copy of the generated history: the back-calculation always starts from no fixings.
  const db = copyOf(ctx, await historyDb(ctx), "fixings-history");
  const scan = scanSeconds(db.path);
  ctx.log(`  baseline scan of ${scan.rows} rows: ${scan.seconds.toFixed(2)} s`);
  const ours = await backfillHistory(ctx, db);
  if (ours.fixings > 0) ctx.state.set("fixedHistoryDb", db);
  const counts = new Database(db.path, { readonly: true }).prepare("SELECT COUNT(*) AS n, SUM(value IS NOT NULL) AS valued, COUNT(DISTINCT index_code) AS codes FROM fixings").get() as { n: number; valued: number; codes: number };
  const mean = ours.latenciesMs.reduce((a, b) => a + b, 0) / Math.max(1, ours.latenciesMs.length);
  const s = db.shape;
  return {
    id: "fixings",
    title: "Back-calculated fixings",
    data: `${db.rows} observations (${s.keys.length} series keys of ${ctx.sizes.history.indices} indices x ${s.providers} providers x ${s.perDay}/day x ${s.days} days from ${s.start}); ${counts.n} fixings of ${counts.codes} indices`,
    figures: [
      figure({ measure: `backfill ${ours.fixings} fixings over ${(db.rows / 1e6).toFixed(1)}M rows`, value: ours.seconds, unit: "s", baseline: scan.seconds, baselineLabel: "SELECT * scan", higherIsBetter: false, maxSlowdown: 3, work: { count: ours.fixings, unit: "fixings published" } }),
      absolute({ measure: "per-fixing latency, mean", value: mean, unit: "ms", work: { count: ours.latenciesMs.length, unit: "fixings published" } }),
      absolute({ measure: "per-fixing latency, p50", value: percentile(ours.latenciesMs, 50), unit: "ms", work: { count: ours.latenciesMs.length, unit: "fixings published" } }),
      absolute({ measure: "per-fixing latency, p99", value: percentile(ours.latenciesMs, 99), unit: "ms", work: { count: ours.latenciesMs.length, unit: "fixings published" } }),
    ],
    notes: [
      `ours: the backfill job (src/jobs/history.ts) over the first ${ctx.sizes.history.indices} indices of the methodology (topped up with GPU clones on more classes when it has fewer): per index, candidate dates, then fixIndex (window query, computeFixing, signed append) per date`,
      `${counts.valued} of ${counts.n} fixings have a value; per-fixing latency = time between consecutive appends`,
      `rows scanned: ${totalRows(s)}; history generated with prepared statements, 50k rows per transaction (not timed)`,
    ],
    seconds: since(t0),
  };
}
