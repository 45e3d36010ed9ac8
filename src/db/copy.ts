// Raw table access for either backend, chosen like openStore: a postgres:// URL or a SQLite path.
import { existsSync } from "node:fs";
import { isPostgresUrl } from "./postgres/pool.ts";
import { openPgTables } from "./postgres/tables.ts";
import { openSqliteTables } from "./sqlite/tables.ts";
import type { TableWriter } from "./tables.ts";

export { copyTables, type CopiedTable } from "./tables.ts";

/** `mustExist`: a SQLite source file that is not there is an error, not a new empty install. */
export function openTables(target: string, opts: { mustExist?: boolean } = {}): TableWriter {
  if (isPostgresUrl(target)) return openPgTables(target);
  if (opts.mustExist && !existsSync(target)) throw new Error(`no SQLite database at ${target}`);
  return openSqliteTables(target);
}
