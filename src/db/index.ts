// The storage entry point: a postgres:// URL opens PostgreSQL, anything else a SQLite file (embedded default).
import type { ReadStore, Store } from "./types.ts";
import { openStore as openSqliteStore, openReadStore as openSqliteReadStore } from "./sqlite/store.ts";
import { openPgReadStore, openPgStore } from "./postgres/store.ts";
import { isPostgresUrl, redactPgUrl } from "./postgres/pool.ts";

export type * from "./types.ts";
export { isPostgresUrl };
export { OBSERVATION_EXPORT_COLUMNS, type ObservationRecord } from "./rows.ts";

/** A writable store (migrates on open) for jobs and the CLI. */
export function openStore(target: string): Store {
  return isPostgresUrl(target) ? openPgStore(target) : openSqliteStore(target);
}

/** A read-only store for the serving path (a SQLite read-only connection, or read-only PostgreSQL sessions). */
export function openReadStore(target: string): ReadStore {
  return isPostgresUrl(target) ? openPgReadStore(target) : openSqliteReadStore(target);
}

/** Where the data lives, safe to log (no password). */
export function describeTarget(target: string): string {
  return isPostgresUrl(target) ? redactPgUrl(target) : target;
}
