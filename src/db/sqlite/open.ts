// Opens a SQLite database: WAL, foreign keys, busy timeout; writers migrate, readers open read-only.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { migrate } from "../migrations.ts";

export type Db = Database.Database;

export function openSqlite(path: string, opts: { readonly?: boolean } = {}): Db {
  if (opts.readonly) {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma("busy_timeout = 5000");
    db.pragma("query_only = ON");
    return db;
  }
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}

const statementCaches = new WeakMap<Db, Map<string, Database.Statement>>();
const STATEMENT_CACHE_SIZE = 256;

/**
 * A prepared statement for `sql` on `db`, reused across calls (preparing costs more than running a small
 * query). Bounded, least recently used first out, because filters build SQL of varying shape.
 */
export function prep(db: Db, sql: string): Database.Statement {
  let cache = statementCaches.get(db);
  if (!cache) {
    cache = new Map();
    statementCaches.set(db, cache);
  }
  const hit = cache.get(sql);
  if (hit) {
    cache.delete(sql);
    cache.set(sql, hit);
    return hit;
  }
  const stmt = db.prepare(sql);
  cache.set(sql, stmt);
  if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return stmt;
}
