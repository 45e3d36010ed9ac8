// A cheap token that changes whenever committed data may have changed (used for HTTP ETags of streamed bodies).
import { prep, type Db } from "./open.ts";

/**
 * data_version moves on every commit made by another connection (the writer, for the read-only serving
 * connection); total_changes() counts this connection's own inserts, updates and deletes. Together they
 * change whenever committed data may have changed, for the lifetime of this connection.
 */
export function dataVersion(db: Db): string {
  const external = db.pragma("data_version", { simple: true }) as number;
  const own = prep(db, "SELECT total_changes() AS c").pluck().get() as number;
  return `${external}.${own}`;
}
