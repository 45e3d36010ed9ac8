// Raw table access of a SQLite install (cpi migrate-store): opened and migrated like any writer.
import { NOT_COPIED, type RawRow, type TableWriter } from "../tables.ts";
import { openSqlite } from "./open.ts";

const BATCH = 2000;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function openSqliteTables(path: string): TableWriter {
  const db = openSqlite(path);
  const columns = async (table: string) => (db.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map((c) => c.name);
  return {
    tables: async () =>
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name).filter((t) => !NOT_COPIED.has(t)),
    columns,
    count: async (table) => (db.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n,
    async *rows(table, cols) {
      // rowid order is primary-key order for INTEGER PRIMARY KEY tables and insertion order for the others.
      const stmt = db.prepare(`SELECT ${cols.map(quote).join(", ")} FROM ${quote(table)} ORDER BY rowid`).raw(true);
      let batch: RawRow[] = [];
      for (const row of stmt.iterate() as Iterable<RawRow>) {
        batch.push(row);
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    async inTransaction(body) {
      db.exec("BEGIN IMMEDIATE");
      try {
        const out = await body(async (table, cols, rows) => {
          const stmt = db.prepare(`INSERT INTO ${quote(table)} (${cols.map(quote).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`);
          for (const row of rows) stmt.run(row);
        });
        db.exec("COMMIT");
        return out;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    },
    close: async () => {
      if (db.open) db.close();
    },
  };
}
