// Bench 2: ingest of observations through the store (insertObservations) against sqlite3's .import of the same rows as CSV.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import type { NewObservation } from "../src/schemas/observation.ts";
import type { Store } from "../src/db/index.ts";
import { generateObservations, observationTableCsvLine, seriesKeys, type ObservationShape } from "./generate/observations.ts";
import { benchIndices } from "./generate/methodology.ts";
import { deriveSeed } from "./generate/prng.ts";
import { createSchema } from "./generate/sqlite.ts";
import { figure, since, type BenchContext, type BenchResult } from "./harness.ts";
import { hasTool, runTimed, toolLine } from "./proc.ts";

/** The loader's batch size (src/jobs/bundle.ts inserts 5000 rows per call). */
export const BATCH = 5000;

export async function ingestShape(ctx: BenchContext, rows: number): Promise<ObservationShape> {
  const { loadMethodology } = await import("../src/index/index.ts");
  const keys = seriesKeys(benchIndices(loadMethodology(), 40).indices);
  const perKeyDay = 20 * 24;
  return { seed: deriveSeed(ctx.seed, "ingest"), keys, start: "2026-01-01", days: Math.ceil(rows / (keys.length * perKeyDay)), providers: 20, perDay: 24, limit: rows };
}

/** The shape's rows through `store.insertObservations` in batches of BATCH; only the insert calls are timed. */
export async function insertTimed(store: Store, shape: ObservationShape): Promise<{ inserted: number; seconds: number }> {
  let inserted = 0;
  let seconds = 0;
  let batch: NewObservation[] = [];
  const flush = async () => {
    const start = process.hrtime.bigint();
    inserted += await store.insertObservations(batch);
    seconds += since(start);
    batch = [];
  };
  // Generating the row objects is the data source, not the ingest.
  for (const o of generateObservations(shape)) {
    batch.push(o);
    if (batch.length === BATCH) await flush();
  }
  await flush();
  return { inserted, seconds };
}

async function writeCsv(path: string, shape: ObservationShape): Promise<number> {
  const out = createWriteStream(path);
  let id = 0;
  let buffer = "";
  for (const o of generateObservations(shape)) {
    buffer += observationTableCsvLine(o, ++id);
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
  return id;
}

export async function runIngest(ctx: BenchContext): Promise<BenchResult> {
  const t0 = process.hrtime.bigint();
  const rows = ctx.sizes.ingestRows;
  const shape = await ingestShape(ctx, rows);
  const { openStore } = await import("../src/db/index.ts");
  const dbPath = join(ctx.tmp, "ingest.db");
  const store = openStore(dbPath);
  const { inserted, seconds } = await insertTimed(store, shape);
  await store.close();
  const notes = [`ours: store.insertObservations in batches of ${BATCH} (one transaction each), ${inserted} rows into a migrated database with its indexes`];
  let baseline: number | null = null;
  if (hasTool("sqlite3")) {
    const csv = join(ctx.tmp, "ingest.csv");
    await writeCsv(csv, shape);
    const baseDb = join(ctx.tmp, "ingest-baseline.db");
    await createSchema(baseDb);
    const r = await runTimed("sqlite3", [baseDb, `.import --csv ${csv} observations`]);
    baseline = rows / r.seconds;
    notes.push("baseline: sqlite3 .import --csv of the same rows (explicit ids) into the same schema and indexes");
  } else {
    notes.push(toolLine("sqlite3", "sqlite3"));
    ctx.log(`  ${toolLine("sqlite3", "sqlite3")}`);
  }
  return {
    id: "ingest",
    title: "Ingest observations into SQLite",
    data: `${rows} observations (${shape.keys.length} series x 20 providers, hourly, ${shape.days} days; GPU and token rows with JSON attrs)`,
    figures: [figure({ measure: `insert ${rows} observations`, value: inserted / seconds, unit: "rows/s", baseline, baselineLabel: "sqlite3 .import", higherIsBetter: true, maxSlowdown: 2, work: { count: inserted, unit: "rows inserted" } })],
    notes,
    seconds: since(t0),
  };
}
