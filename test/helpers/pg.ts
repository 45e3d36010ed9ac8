// PostgreSQL for tests: the server from CPI_TEST_PG (or the local default), one throwaway schema per use.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe } from "vitest";

/** Where .ci/run says the server is; the same default a developer machine of this project has. */
export const PG_BASE_URL = process.env.CPI_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";

async function probe(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_BASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const unreachable = await probe();
if (unreachable !== null) {
  // In CI the PostgreSQL suites must run: a missing server is a failure, not a skip.
  if (process.env.CI === "true") throw new Error(`CI=true but PostgreSQL at ${PG_BASE_URL} is unreachable: ${unreachable}`);
  console.warn(`PostgreSQL suites skipped: no server at ${PG_BASE_URL} (${unreachable}); set CPI_TEST_PG to a reachable server to run them`);
}
export const pgAvailable = unreachable === null;

/** `describe` when the server is reachable, else a skipped suite (the reason is printed once above). */
export const describePg = (pgAvailable ? describe : describe.skip) as typeof describe;

/** Run one statement as the server's superuser on the test database. */
export async function adminQuery(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: PG_BASE_URL });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

export interface TestSchema {
  name: string;
  /** CPI_DB for a store living in this schema. */
  url: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/** A fresh schema cpi_test_<random> (created empty; the store migrates it on open). */
export async function createTestSchema(): Promise<TestSchema> {
  const name = `cpi_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE SCHEMA ${name}`);
  const u = new URL(PG_BASE_URL);
  u.searchParams.set("schema", name);
  return { name, url: u.toString(), drop: async () => void (await adminQuery(`DROP SCHEMA IF EXISTS ${name} CASCADE`)) };
}
