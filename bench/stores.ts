// Bench 7: the Store on PostgreSQL beside SQLite: ingest (against COPY), signed appends, latest fixing, one year of history.
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import pg from "pg";
import type { Store } from "../src/db/index.ts";
import type { FixingDraft } from "../src/schemas/fixing.ts";
import { generateObservations, observationTableCsvLine } from "./generate/observations.ts";
import { absolute, figure, since, type BenchContext, type BenchResult, type Figure, type Work } from "./harness.ts";
import { BATCH, ingestShape, insertTimed } from "./ingest.ts";
import { hasTool, runTimed, toolLine } from "./proc.ts";

/** CPI_BENCH_PG, else the test server (.ci/run sets CPI_TEST_PG), else this project's local default. */
const PG_URL = process.env.CPI_BENCH_PG ?? process.env.CPI_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";
const sign = (hash: string) => `bench:${hash.slice(0, 16)}`;

async function admin(sql: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query(sql);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function draft(code: string, date: string): FixingDraft {
  return {
    indexCode: code, fixingDate: date, fixingTime: `${date}T16:00:00.000Z`, status: "final", methodologyVersion: "1.0.0", value: "2.9900",
    unit: "USD/GPU-hour", currency: "USD", observationCount: 20, providerCount: 20, volume: null, distribution: null, inputTier: "list_price",
    estimator: "median", exclusions: [], inputs: [], inputsDigest: "0".repeat(64), note: null,
  };
}

function days(start: string, n: number): string[] {
  const t = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(t + i * 86_400_000).toISOString().slice(0, 10));
}

async function meanMs(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  await fn(0); // warm: statement caches, first connection
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  return (since(t0) * 1000) / n;
}

interface Measured {
  inserted: number;
  insertRowsPerS: number;
  appendMs: number;
  latestMs: number;
  historyMs: number;
}

/** One store kind: `fresh()` opens an empty store; `history` is the same published series on every kind. */
async function measure(ctx: BenchContext, fresh: () => Promise<Store>, withHistory: () => Promise<Store>): Promise<Measured> {
  const s = ctx.sizes.stores;
  const ingest = await fresh();
  const { inserted, seconds } = await insertTimed(ingest, await ingestShape(ctx, s.rows));
  await ingest.close();

  const store = await withHistory();
  const codes = Array.from({ length: s.indices }, (_, i) => `BENCH-${i}`);
  const appendDates = days("2031-01-01", s.appends + 1);
  const appendMs = await meanMs(s.appends, (i) => store.appendFixing(draft("BENCH-APPEND", appendDates[i]!), { publishedAt: new Date().toISOString(), sign }));
  const latestMs = await meanMs(s.reads, (i) => store.latestFixing(codes[i % codes.length]!));
  const dates = days("2030-01-01", s.days);
  const historyMs = await meanMs(Math.max(1, Math.floor(s.reads / 10)), (i) => store.fixingHistory(codes[i % codes.length]!, { from: dates[0], to: dates[dates.length - 1] }));
  await store.close();
  return { inserted, insertRowsPerS: inserted / seconds, appendMs, latestMs, historyMs };
}

/** psql \copy of the same rows into the same (migrated, indexed) table: PostgreSQL's own bulk load. */
async function copyBaseline(ctx: BenchContext, url: string): Promise<number | null> {
  if (!hasTool("psql")) return null;
  const shape = await ingestShape(ctx, ctx.sizes.stores.rows);
  const csv = join(ctx.tmp, "stores-copy.csv");
  const out = createWriteStream(csv);
  let id = 0;
  for (const o of generateObservations(shape)) if (!out.write(observationTableCsvLine(o, ++id))) await once(out, "drain");
  out.end();
  await once(out, "finish");
  const { parsePgTarget } = await import("../src/db/postgres/pool.ts");
  const target = parsePgTarget(url);
  const r = await runTimed("psql", [target.connectionString, "-v", "ON_ERROR_STOP=1", "-q", "-c", `SET search_path = ${target.schema}`, "-c", `\\copy observations FROM '${csv}' CSV`]);
  return id / r.seconds;
}

export async function runStores(ctx: BenchContext): Promise<BenchResult> {
  const t0 = process.hrtime.bigint();
  const s = ctx.sizes.stores;
  const data = `${s.rows} observations inserted (batches of ${BATCH}); ${s.indices} indices x ${s.days} daily fixings published; ${s.appends} signed appends; ${s.reads} latest-fixing reads`;
  const { openStore } = await import("../src/db/index.ts");
  const { copyTables, openTables } = await import("../src/db/copy.ts");
  // The published series, built once through the store (signed, chained) on SQLite, then copied as is.
  const historyPath = join(ctx.tmp, "stores-history.db");
  const builder = openStore(historyPath);
  for (const code of Array.from({ length: s.indices }, (_, i) => `BENCH-${i}`)) {
    for (const date of days("2030-01-01", s.days)) await builder.appendFixing(draft(code, date), { publishedAt: `${date}T16:00:30.000Z`, sign });
  }
  await builder.close();
  let n = 0;
  const sqlite = await measure(
    ctx,
    async () => openStore(join(ctx.tmp, `stores-${++n}.db`)),
    async () => openStore(historyPath),
  );
  const unreachable = await admin("SELECT 1");
  if (unreachable !== null) {
    ctx.log(`  PostgreSQL figures skipped: no server at ${PG_URL} (${unreachable}); set CPI_BENCH_PG`);
    return { id: "stores", title: "Store: PostgreSQL beside SQLite", data, figures: sqliteOnly(sqlite, s), notes: [`PostgreSQL skipped: no server at ${PG_URL}`], seconds: since(t0) };
  }
  const schemas: string[] = [];
  const schemaUrl = async () => {
    const name = `cpi_bench_${randomBytes(5).toString("hex")}`;
    await admin(`CREATE SCHEMA ${name}`);
    schemas.push(name);
    const u = new URL(PG_URL);
    u.searchParams.set("schema", name);
    return u.toString();
  };
  try {
    const postgres = await measure(
      ctx,
      async () => openStore(await schemaUrl()),
      async () => {
        const url = await schemaUrl();
        const [from, to] = [openTables(historyPath), openTables(url)];
        await copyTables(from, to);
        await Promise.all([from.close(), to.close()]);
        await admin(`ANALYZE ${schemas[schemas.length - 1]}.fixings`);
        return openStore(url);
      },
    );
    const copyUrl = await schemaUrl();
    const migrate = openStore(copyUrl);
    await migrate.lastChainHash();
    await migrate.close();
    const copy = await copyBaseline(ctx, copyUrl);
    const beside = (measure: string, pgValue: number, sqliteValue: number, unit: string, higherIsBetter: boolean, work: Work): Figure =>
      figure({ measure: `PostgreSQL ${measure}`, value: pgValue, unit, baseline: sqliteValue, baselineLabel: "SQLite", higherIsBetter, work });
    const rows: Work = { count: postgres.inserted, unit: "rows inserted" };
    return {
      id: "stores",
      title: "Store: PostgreSQL beside SQLite",
      data,
      figures: [
        figure({ measure: `PostgreSQL insert ${s.rows} observations`, value: postgres.insertRowsPerS, unit: "rows/s", baseline: copy, baselineLabel: "psql \\copy", higherIsBetter: true, maxSlowdown: 2, work: rows }),
        beside("insert (vs SQLite)", postgres.insertRowsPerS, sqlite.insertRowsPerS, "rows/s", true, rows),
        beside("appendFixing, mean", postgres.appendMs, sqlite.appendMs, "ms", false, { count: s.appends, unit: "appends" }),
        beside("latestFixing, mean", postgres.latestMs, sqlite.latestMs, "ms", false, { count: s.reads, unit: "reads" }),
        beside(`fixingHistory ${s.days} days, mean`, postgres.historyMs, sqlite.historyMs, "ms", false, { count: Math.max(1, Math.floor(s.reads / 10)), unit: "reads" }),
      ],
      notes: [
        `PostgreSQL at ${new URL(PG_URL).host}, a throwaway schema per store; ingest compared with psql \\copy of the same rows into the same indexed table${copy === null ? ` (${toolLine("psql", "postgresql-client")})` : ""}`,
        "latest and history read a series published through appendFixing on SQLite and copied with migrate-store's table copy (same rows on both)",
      ],
      seconds: since(t0),
    };
  } finally {
    for (const name of schemas) await admin(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  }
}

function sqliteOnly(m: Measured, s: BenchContext["sizes"]["stores"]): Figure[] {
  return [
    absolute({ measure: "SQLite insert", value: m.insertRowsPerS, unit: "rows/s", work: { count: m.inserted, unit: "rows inserted" } }),
    absolute({ measure: "SQLite appendFixing, mean", value: m.appendMs, unit: "ms", work: { count: s.appends, unit: "appends" } }),
    absolute({ measure: "SQLite latestFixing, mean", value: m.latestMs, unit: "ms", work: { count: s.reads, unit: "reads" } }),
    absolute({ measure: "SQLite fixingHistory, mean", value: m.historyMs, unit: "ms", work: { count: Math.max(1, Math.floor(s.reads / 10)), unit: "reads" } }),
  ];
}
