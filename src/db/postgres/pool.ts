// Connection pools for a postgres:// URL: the schema (?schema=), read-only sessions, int8 as numbers, transactions.
import pg from "pg";

export type Pool = pg.Pool;
export type Client = pg.PoolClient;
/** What a query runs on: the pool (autocommit) or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, "query">;

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PgTarget {
  /** The URL without cpi's own `schema` parameter. */
  connectionString: string;
  schema: string | null;
}

/** Split cpi's `?schema=name` (the install's schema; default the server's search path) off the URL. */
export function parsePgTarget(url: string): PgTarget {
  const u = new URL(url);
  const schema = u.searchParams.get("schema");
  u.searchParams.delete("schema");
  if (schema !== null && !SCHEMA.test(schema)) throw new Error(`invalid schema name "${schema}" in the database URL (lower case letters, digits, _)`);
  return { connectionString: u.toString(), schema };
}

/** The URL without its password, for logs. */
export function redactPgUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

// Ids and counts are int8; every one of them fits a double by far, and the Store speaks numbers.
const types = {
  getTypeParser: ((oid: number, format?: string) => (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as "text"))) as typeof pg.types.getTypeParser,
};

export function createPool(url: string, opts: { readOnly?: boolean; max?: number } = {}): Pool {
  const target = parsePgTarget(url);
  const options = [target.schema ? `-c search_path=${target.schema}` : null, opts.readOnly ? "-c default_transaction_read_only=on" : null].filter((o) => o !== null);
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    options: options.length > 0 ? options.join(" ") : undefined,
    max: opts.max ?? 10,
    types,
    application_name: opts.readOnly ? "cpi-read" : "cpi",
  });
  // An idle client losing its server (restart, failover) must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  return pool;
}

/** Run `body` in one transaction on one client; rolled back if it throws. */
export async function inTransaction<T>(pool: Pool, body: (client: Client) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const out = await body(client);
    await client.query("COMMIT");
    return out;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => void (broken = true));
    throw error;
  } finally {
    // A client whose rollback failed is in an unknown state: destroyed, not returned to the pool.
    client.release(broken);
  }
}
