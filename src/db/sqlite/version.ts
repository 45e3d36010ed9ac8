// A cheap token that changes whenever committed data may have changed (used for HTTP ETags of streamed bodies).
import { prep, type Db } from "./open.ts";

/**
 * data_version moves on commits by other connections, total_changes on this connection's own writes
 * (including updates), the max ids on inserts. Meaningful for the lifetime of this connection only.
 */
export function dataVersion(db: Db): string {
  const external = db.pragma("data_version", { simple: true }) as number;
  const row = db
    .prepare(`SELECT total_changes() AS c, (SELECT MAX(id) FROM observations) AS o, (SELECT MAX(id) FROM fixings) AS f,
      (SELECT MAX(id) FROM source_runs) AS r, (SELECT MAX(id) FROM captures) AS k`)
    .get() as { c: number; o: number | null; f: number | null; r: number | null; k: number | null };
  return [external, row.c, row.o ?? 0, row.f ?? 0, row.r ?? 0, row.k ?? 0].join(".");
}
