// What must hold in a publisher database after any crash: integrity, durable captures, whole ingests and fixings, a verifying chain.
import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { openReadStore } from "../../../src/db/index.ts";
import { loadMethodology } from "../../../src/index/index.ts";
import { Fixing } from "../../../src/schemas/fixing.ts";
import { verify } from "../../../src/jobs/verify.ts";
import type { World } from "./world.ts";
import { loadMethodologySet } from "../../../src/jobs/methodologies.ts";

export interface DbState {
  captures: number;
  fixings: number;
  observations: number;
  meta: Record<string, string>;
  unparsedCaptures: number;
}

export interface FixingKey {
  code: string;
  date: string;
  status: string;
  value: string | null;
  inputsDigest: string;
  calculation: string;
  note: string | null;
}

function rows<T>(db: Database.Database, sql: string): T[] {
  return db.prepare(sql).all() as T[];
}

export function dbState(world: World): DbState {
  if (!existsSync(world.dbPath)) return { captures: 0, fixings: 0, observations: 0, meta: {}, unparsedCaptures: 0 };
  const db = new Database(world.dbPath, { readonly: true, fileMustExist: true });
  try {
    const has = (t: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t) !== undefined;
    if (!has("fixings")) return { captures: 0, fixings: 0, observations: 0, meta: {}, unparsedCaptures: 0 };
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      captures: count("SELECT COUNT(*) AS n FROM captures"),
      fixings: count("SELECT COUNT(*) AS n FROM fixings"),
      observations: count("SELECT COUNT(*) AS n FROM observations"),
      unparsedCaptures: count("SELECT COUNT(*) AS n FROM captures WHERE parsed_at IS NULL"),
      meta: Object.fromEntries(rows<{ key: string; value: string }>(db, "SELECT key, value FROM meta").map((r) => [r.key, r.value])),
    };
  } finally {
    db.close();
  }
}

/** Every published fixing, comparable across runs (publication times, hashes and late notes differ). */
export function fixingKeys(world: World): FixingKey[] {
  const db = new Database(world.dbPath, { readonly: true, fileMustExist: true });
  try {
    return rows<{ body: string }>(db, "SELECT body FROM fixings ORDER BY index_code, fixing_date, revision").map((r) => {
      const f = JSON.parse(r.body) as Fixing;
      return { code: f.indexCode, date: f.fixingDate, status: f.status, value: f.value, inputsDigest: f.inputsDigest, calculation: f.calculation ?? "live", note: f.note };
    });
  } finally {
    db.close();
  }
}

/**
 * The crash invariants. `captured`: URLs whose capture was committed before the kill (journaled after commit).
 * Returns every violation found (empty when the database is sound).
 */
export async function crashProblems(world: World, captured: string[]): Promise<string[]> {
  const problems: string[] = [];
  if (!existsSync(world.dbPath)) return captured.length > 0 ? ["database missing but captures were journaled"] : [];
  const db = new Database(world.dbPath, { fileMustExist: true });
  try {
    const integrity = rows<{ integrity_check: string }>(db, "PRAGMA integrity_check").map((r) => r.integrity_check);
    if (integrity.join() !== "ok") problems.push(`integrity_check: ${integrity.join("; ")}`);
    const fk = rows<Record<string, unknown>>(db, "PRAGMA foreign_key_check");
    if (fk.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 3))}`);
    const hasTables = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'fixings'").get() !== undefined;
    if (!hasTables) return captured.length > 0 ? [...problems, "schema missing but captures were journaled"] : problems;
    const urlCount = db.prepare("SELECT COUNT(*) AS n FROM captures WHERE url = ?");
    for (const url of captured) {
      const n = (urlCount.get(url) as { n: number }).n;
      if (n !== 1) problems.push(`capture of ${url}: ${n} rows, expected exactly 1`);
    }
    // An ingest is all or nothing: an unparsed capture has no quotes, skips or observations.
    const partial = rows<{ id: number }>(db, `SELECT c.id FROM captures c WHERE c.parsed_at IS NULL AND (
      EXISTS (SELECT 1 FROM quotes q WHERE q.capture_id = c.id) OR EXISTS (SELECT 1 FROM observations o WHERE o.capture_id = c.id)
      OR EXISTS (SELECT 1 FROM parse_skips s WHERE s.capture_id = c.id))`);
    for (const p of partial) problems.push(`capture #${p.id}: partly ingested`);
    const dupObs = rows<{ n: number }>(db, `SELECT COUNT(*) AS n FROM observations GROUP BY capture_id, quote_id, source, provider, product, metric, term, region, raw_name, observed_at, price HAVING COUNT(*) > 1`);
    if (dupObs.length > 0) problems.push(`${dupObs.length} duplicated observations`);
    const revs = rows<{ index_code: string; fixing_date: string; n: number; maxr: number; firsts: number }>(db, `SELECT index_code, fixing_date, COUNT(*) AS n, MAX(revision) AS maxr,
      SUM(CASE WHEN status NOT IN ('republished') AND revision > 1 THEN 1 ELSE 0 END) AS firsts FROM fixings GROUP BY index_code, fixing_date`);
    for (const r of revs) {
      if (r.n !== r.maxr) problems.push(`${r.index_code} ${r.fixing_date}: revisions not contiguous`);
      if (r.firsts > 0) problems.push(`${r.index_code} ${r.fixing_date}: published twice (a second non-correction revision)`);
    }
    for (const r of rows<{ id: number; body: string }>(db, "SELECT id, body FROM fixings")) {
      if (!Fixing.omit({ id: true }).safeParse(JSON.parse(r.body)).success) problems.push(`fixing #${r.id}: body fails the schema`);
    }
  } finally {
    db.close();
  }
  const store = openReadStore(world.dbPath);
  try {
    // As `cpi verify` does: every fixing recomputed under the archived version it is stamped with.
    const report = await verify(store, loadMethodology(), world.publicKeys(), { versions: loadMethodologySet() });
    for (const p of report.problems) problems.push(`verify: ${p.row}: ${p.problem}`);
  } finally {
    await store.close();
  }
  return problems;
}
