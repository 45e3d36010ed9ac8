// Raw table access of a store, for moving a whole install between backends (cpi migrate-store): rows as stored, ids kept.

/** One row as an array of column values (numbers, strings, bytes or null), in the order of `columns`. */
export type RawRow = unknown[];

export interface TableReader {
  /** Tables holding install data (never the migration bookkeeping), in no particular order. */
  tables(): Promise<string[]>;
  columns(table: string): Promise<string[]>;
  count(table: string): Promise<number>;
  /** Every row of `table` in primary-key order, in batches. */
  rows(table: string, columns: string[]): AsyncIterable<RawRow[]>;
  close(): Promise<void>;
}

export interface TableWriter extends TableReader {
  /** Everything written through `load` commits together or not at all. */
  inTransaction<T>(body: (load: (table: string, columns: string[], rows: RawRow[]) => Promise<void>) => Promise<T>): Promise<T>;
}

/** Parents before children (foreign keys); tables added later by other migrations follow, by name. */
export const COPY_ORDER = ["blobs", "captures", "quotes", "parse_skips", "observations", "fixings", "source_runs", "http_cache", "anomalies", "audit_log", "meta"];

/** Bookkeeping of each backend's own schema: never copied (the target has its own). */
export const NOT_COPIED = new Set(["schema_migrations", "publication_seq"]);

export function copyOrder(tables: string[]): string[] {
  const known = COPY_ORDER.filter((t) => tables.includes(t));
  return [...known, ...tables.filter((t) => !COPY_ORDER.includes(t)).sort()];
}

export interface CopiedTable {
  table: string;
  rows: number;
}

/**
 * Copy every table of `from` into `to` in one target transaction (all or nothing: a copy interrupted by a crash
 * leaves the target empty, and running it again starts over). Refuses a target holding any row, a source table
 * the target lacks, and a source column the target lacks. Row counts are compared after the commit.
 */
export async function copyTables(from: TableReader, to: TableWriter, onTable: (t: CopiedTable) => void = () => undefined): Promise<CopiedTable[]> {
  const [sourceTables, targetTables] = [await from.tables(), await to.tables()];
  for (const t of targetTables) {
    const n = await to.count(t);
    if (n > 0) throw new Error(`the target is not empty: table ${t} holds ${n} rows (migrate-store copies into an empty install only)`);
  }
  const tables = copyOrder(sourceTables);
  const plan: { table: string; columns: string[] }[] = [];
  for (const t of tables) {
    if (!targetTables.includes(t)) {
      if ((await from.count(t)) === 0) continue;
      throw new Error(`the target has no table ${t}: upgrade it to the source's version first`);
    }
    const [have, want] = [await from.columns(t), await to.columns(t)];
    const missing = have.filter((c) => !want.includes(c));
    if (missing.length > 0) throw new Error(`the target's table ${t} lacks columns ${missing.join(", ")}: upgrade it to the source's version first`);
    plan.push({ table: t, columns: have });
  }
  const copied = await to.inTransaction(async (load) => {
    const out: CopiedTable[] = [];
    for (const { table, columns } of plan) {
      let rows = 0;
      for await (const batch of from.rows(table, columns)) {
        await load(table, columns, batch);
        rows += batch.length;
      }
      out.push({ table, rows });
      onTable({ table, rows });
    }
    return out;
  });
  for (const { table, rows } of copied) {
    const landed = await to.count(table);
    if (landed !== rows) throw new Error(`table ${table}: ${rows} rows copied but the target holds ${landed}`);
  }
  return copied;
}
