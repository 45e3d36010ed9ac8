// A store of either kind for tests: SQLite in memory, or PostgreSQL in a throwaway schema (CPI_TEST_STORE=postgres).
import { openStore, type Store } from "../../src/db/index.ts";
import { randomBytes } from "node:crypto";
import { adminQuery, createTestSchema, PG_BASE_URL, pgAvailable } from "./pg.ts";

export type StoreKind = "sqlite" | "postgres";

/** The kinds a contract suite runs on: SQLite always, PostgreSQL when the server is there. */
export const storeKinds: StoreKind[] = pgAvailable ? ["sqlite", "postgres"] : ["sqlite"];

/** The kind the job, API and reliability tests use: CPI_TEST_STORE, default SQLite. */
export const defaultStoreKind: StoreKind = process.env.CPI_TEST_STORE === "postgres" ? "postgres" : "sqlite";

export interface TestStore {
  store: Store;
  /** What CPI_DB would be for this store (":memory:" for SQLite). */
  target: string;
  /** Closes the store and removes what it left (the schema). */
  cleanup(): Promise<void>;
}

export async function openTestStore(kind: StoreKind = defaultStoreKind): Promise<TestStore> {
  if (kind === "sqlite") {
    const store = openStore(":memory:");
    return { store, target: ":memory:", cleanup: () => store.close() };
  }
  const schema = await createTestSchema();
  const store = openStore(schema.url);
  return {
    store,
    target: schema.url,
    cleanup: async () => {
      await store.close();
      await schema.drop();
    },
  };
}

/**
 * Drop-in for `openStore(":memory:")` in the job, API and reliability tests: with CPI_TEST_STORE=postgres a
 * store in a throwaway schema (created by the store's migration, dropped on close) instead.
 */
export function scratchStore(kind: StoreKind = defaultStoreKind): Store {
  if (kind === "sqlite") return openStore(":memory:");
  const name = `cpi_test_${randomBytes(6).toString("hex")}`;
  const url = new URL(PG_BASE_URL);
  url.searchParams.set("schema", name);
  const store = openStore(url.toString());
  let dropped = false;
  return {
    ...store,
    close: async () => {
      await store.close();
      if (dropped) return;
      dropped = true;
      await adminQuery(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    },
  };
}
