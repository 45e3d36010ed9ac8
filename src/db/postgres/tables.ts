// Raw table access of a PostgreSQL install (cpi migrate-store): migrated on open; explicit ids, identities moved past them.
import type pg from "pg";
import { NOT_COPIED, type RawRow, type TableWriter } from "../tables.ts";
import { openMigratedPool } from "./migrations.ts";
import { inTransaction } from "./pool.ts";

const BATCH = 2000;
/** PostgreSQL takes at most 65535 parameters per statement. */
const MAX_PARAMS = 60_000;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function openPgTables(url: string): TableWriter {
  const { pool, ready } = openMigratedPool(url, { max: 2 });
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
    await ready;
    return (await pool.query<R>(sql, params)).rows;
  };
  const columns = async (table: string) =>
    (await query<{ c: string }>("SELECT column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position", [table])).map((r) => r.c);
  const primaryKey = async (table: string) =>
    (
      await query<{ c: string }>(
        `SELECT a.attname AS c FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
          WHERE i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident($1))::regclass AND i.indisprimary`,
        [table],
      )
    ).map((r) => r.c);

  return {
    tables: async () =>
      (await query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")).map((r) => r.t).filter((t) => !NOT_COPIED.has(t)),
    columns,
    count: async (table) => Number((await query<{ n: number }>(`SELECT count(*) AS n FROM ${quote(table)}`))[0]!.n),
    async *rows(table, cols) {
      await ready;
      const key = await primaryKey(table);
      const order = (key.length > 0 ? key : cols).map(quote).join(", ");
      const client = await pool.connect();
      try {
        // A cursor in a read-only snapshot: one consistent view of the table, read in batches.
        await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        await client.query(`DECLARE copy_rows NO SCROLL CURSOR FOR SELECT ${cols.map(quote).join(", ")} FROM ${quote(table)} ORDER BY ${order}`);
        for (;;) {
          const { rows } = await client.query<RawRow>({ text: `FETCH ${BATCH} FROM copy_rows`, rowMode: "array" });
          if (rows.length === 0) break;
          yield rows;
        }
        await client.query("COMMIT");
      } finally {
        client.release();
      }
    },
    async inTransaction(body) {
      await ready;
      return inTransaction(pool, async (client) => {
        const withIds = new Set<string>();
        const out = await body(async (table, cols, rows) => {
          if (cols.includes("id")) withIds.add(table);
          const per = Math.max(1, Math.floor(MAX_PARAMS / cols.length));
          for (let i = 0; i < rows.length; i += per) {
            const chunk = rows.slice(i, i + per);
            const values = chunk.map((_, r) => `(${cols.map((__, c) => `$${r * cols.length + c + 1}`).join(", ")})`).join(", ");
            await client.query(`INSERT INTO ${quote(table)} (${cols.map(quote).join(", ")}) VALUES ${values}`, chunk.flat());
          }
        });
        // Rows came with their ids: the identity of each table continues after the largest one.
        for (const table of withIds) {
          await client.query(
            `SELECT setval(s, (SELECT max(id) FROM ${quote(table)})) FROM pg_get_serial_sequence($1, 'id') AS s WHERE s IS NOT NULL AND EXISTS (SELECT 1 FROM ${quote(table)})`,
            [quote(table)],
          );
        }
        return out;
      });
    },
    close: async () => {
      await ready.catch(() => undefined);
      await pool.end();
    },
  };
}
