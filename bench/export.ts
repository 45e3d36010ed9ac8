// Bench 5: CSV export of observations through GET /v1/observations?format=csv, against sqlite3 -csv of the same query.
import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { request } from "undici";
import { absolute, figure, mb, since, type BenchContext, type BenchResult, type Figure } from "./harness.ts";
import { hasTool, runTimed, startChild, toolLine } from "./proc.ts";
import { historyDb, type HistoryDb } from "./fixings.ts";

/** The CSV columns of /v1/observations (src/api/observations.ts observationColumns) as SQL. */
const COLUMNS = "id, observed_at, source, provider, provider_tier, kind, product, raw_name, metric, quantization, term, region, unit, currency, price, tier, volume, capture_id, attrs";

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A [from, to) range of whole days holding about `rows` observations of the generated history. */
function rangeFor(db: HistoryDb, rows: number): { from: string; to: string; rows: number } {
  const s = db.shape;
  const perDay = s.keys.length * s.providers * s.perDay;
  const days = Math.max(1, Math.min(s.days, Math.round(rows / perDay)));
  return { from: s.start, to: addDays(s.start, days), rows: days * perDay };
}

/** Export through a fresh server process; returns seconds, bytes and the server's peak RSS. */
async function exportViaApi(ctx: BenchContext, db: HistoryDb, range: { from: string; to: string }, out: string) {
  const server = await startChild("serve", { db: db.path, keysDir: join(ctx.tmp, "keys") });
  try {
    // `to` is exclusive as a time: pass the instant so the API and SQL ranges are the same rows.
    const path = `/v1/observations?format=csv&from=${range.from}&to=${range.to}T00:00:00.000Z`;
    const t0 = process.hrtime.bigint();
    const res = await request(server.url + path);
    if (res.statusCode !== 200) throw new Error(`GET ${path} -> ${res.statusCode}: ${(await res.body.text()).slice(0, 300)}`);
    await pipeline(res.body, createWriteStream(out));
    const seconds = since(t0);
    return { seconds, bytes: (await stat(out)).size, path };
  } finally {
    const stopped = await server.stop();
    ctx.state.set("lastServerRss", stopped.peakRssMB);
  }
}

export async function runExport(ctx: BenchContext): Promise<BenchResult> {
  const t0 = process.hrtime.bigint();
  const db = await historyDb(ctx);
  const target = ctx.sizes.exportRows;
  const range = rangeFor(db, target);
  const small = rangeFor(db, target / 10);
  const out = join(ctx.tmp, "export.csv");
  const ours = await exportViaApi(ctx, db, range, out);
  const rss = ctx.state.get("lastServerRss") as number | null;
  await exportViaApi(ctx, db, small, out);
  const rssSmall = ctx.state.get("lastServerRss") as number | null;
  const figures: Figure[] = [];
  const notes = [`ours: GET ${ours.path} from a publisher process (npm start composition), written to a file; ${mb(ours.bytes).toFixed(0)} MB`];
  let baseRate: number | null = null;
  let baseRss: number | null = null;
  if (hasTool("sqlite3")) {
    const sql = `SELECT ${COLUMNS} FROM observations WHERE observed_at >= '${range.from}T00:00:00.000Z' AND observed_at < '${range.to}T00:00:00.000Z' ORDER BY id`;
    const base = join(ctx.tmp, "export-baseline.csv");
    const r = await runTimed("sqlite3", ["-csv", "-header", "-readonly", db.path, sql], { stdoutPath: base });
    const bytes = (await stat(base)).size;
    baseRate = mb(bytes) / r.seconds;
    baseRss = r.peakRssMB;
    notes.push(`baseline: sqlite3 -csv -header of the same columns and rows (${mb(bytes).toFixed(0)} MB)`);
  } else {
    notes.push(toolLine("sqlite3", "sqlite3"));
    ctx.log(`  ${toolLine("sqlite3", "sqlite3")}`);
  }
  figures.push(figure({ measure: `CSV export of ${range.rows} observations`, value: mb(ours.bytes) / ours.seconds, unit: "MB/s", baseline: baseRate, baselineLabel: "sqlite3 -csv", higherIsBetter: true, maxSlowdown: 2, work: { count: ours.bytes > 0 ? range.rows : 0, unit: "rows" } }));
  figures.push(absolute({
    measure: "CSV export: server peak RSS", value: rss, unit: "MB", baseline: baseRss, baselineLabel: "sqlite3 peak RSS", work: { count: ours.bytes, unit: "bytes exported" },
    ...(rssSmall !== null ? { max: rssSmall * 1.5, target: `constant: <= 1.5x RSS at 1/10 rows (${rssSmall.toFixed(0)} MB)` } : {}),
  }));
  return {
    id: "export",
    title: "CSV export of observations",
    data: `${range.rows} observations (${range.from} to ${range.to}) of the fixings bench database, 19 columns incl. JSON attrs`,
    figures,
    notes,
    seconds: since(t0),
  };
}
