// Source runs (health), anomalies, the audit log, HTTP validators, key/value meta, the publication sequence.
import type { Anomaly, AuditEntry, SourceHealth, SourceRunResult } from "../types.ts";
import type { Queryable } from "./pool.ts";

export async function startRun(db: Queryable, sourceId: string, at: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>("INSERT INTO source_runs (source_id, started_at, status) VALUES ($1, $2, 'running') RETURNING id", [sourceId, at]);
  return rows[0]!.id;
}

export async function finishRun(db: Queryable, runId: number, at: string, r: SourceRunResult): Promise<void> {
  await db.query(
    `UPDATE source_runs SET finished_at = $1, status = $2, captures = $3, quotes = $4, observations = $5, skipped = $6, quarantined = $7, error = $8
      WHERE id = $9`,
    [at, r.status, r.captures, r.quotes, r.observations, r.skipped, r.quarantined, r.error, runId],
  );
}

export async function sourceHealth(db: Queryable): Promise<SourceHealth[]> {
  const { rows } = await db.query<SourceHealth>(`SELECT s.source_id AS "sourceId", COUNT(*)::int AS runs,
      MAX(s.started_at) AS "lastRunAt",
      (SELECT status FROM source_runs x WHERE x.source_id = s.source_id ORDER BY x.id DESC LIMIT 1) AS "lastStatus",
      (SELECT MAX(finished_at) FROM source_runs x WHERE x.source_id = s.source_id AND x.status IN ('ok', 'not_modified')) AS "lastSuccessAt",
      (SELECT MAX(finished_at) FROM source_runs x WHERE x.source_id = s.source_id AND x.status IN ('error', 'degraded')) AS "lastErrorAt",
      (SELECT error FROM source_runs x WHERE x.source_id = s.source_id AND x.error IS NOT NULL ORDER BY x.id DESC LIMIT 1) AS "lastError",
      (SELECT quotes FROM source_runs x WHERE x.source_id = s.source_id AND x.status = 'ok' ORDER BY x.id DESC LIMIT 1) AS "lastQuotes",
      (SELECT observations FROM source_runs x WHERE x.source_id = s.source_id AND x.status = 'ok' ORDER BY x.id DESC LIMIT 1) AS "lastObservations"
    FROM source_runs s GROUP BY s.source_id ORDER BY s.source_id`);
  return rows;
}

export async function addAnomaly(db: Queryable, a: Omit<Anomaly, "id">): Promise<void> {
  await db.query("INSERT INTO anomalies (source_id, at, kind, message) VALUES ($1, $2, $3, $4)", [a.sourceId, a.at, a.kind, a.message]);
}

export async function listAnomalies(db: Queryable, limit = 100): Promise<Anomaly[]> {
  const { rows } = await db.query<Anomaly>(`SELECT id, source_id AS "sourceId", at, kind, message FROM anomalies ORDER BY id DESC LIMIT $1`, [limit]);
  return rows;
}

export async function addAudit(db: Queryable, e: Omit<AuditEntry, "id">): Promise<void> {
  await db.query("INSERT INTO audit_log (at, actor, action, target, reason) VALUES ($1, $2, $3, $4, $5)", [e.at, e.actor, e.action, e.target, e.reason]);
}

export async function listAudit(db: Queryable, limit = 100): Promise<AuditEntry[]> {
  const { rows } = await db.query<AuditEntry>("SELECT id, at, actor, action, target, reason FROM audit_log ORDER BY id DESC LIMIT $1", [limit]);
  return rows;
}

type HttpCacheEntry = { etag: string | null; lastModified: string | null; captureId: number | null };

export async function getHttpCache(db: Queryable, url: string): Promise<HttpCacheEntry | null> {
  const { rows } = await db.query<HttpCacheEntry>(`SELECT etag, last_modified AS "lastModified", capture_id AS "captureId" FROM http_cache WHERE url = $1`, [url]);
  return rows[0] ?? null;
}

export async function setHttpCache(db: Queryable, url: string, e: HttpCacheEntry & { at: string }): Promise<void> {
  await db.query(
    `INSERT INTO http_cache (url, etag, last_modified, capture_id, updated_at) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, capture_id = excluded.capture_id, updated_at = excluded.updated_at`,
    [url, e.etag, e.lastModified, e.captureId, e.at],
  );
}

export async function getMeta(db: Queryable, key: string): Promise<string | null> {
  const { rows } = await db.query<{ value: string }>("SELECT value FROM meta WHERE key = $1", [key]);
  return rows[0]?.value ?? null;
}

export async function setMeta(db: Queryable, key: string, value: string): Promise<void> {
  await db.query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value]);
}

/**
 * The publication sequence: moved by a statement trigger on every table in the writing transaction, so it is
 * visible exactly when the data is. Every API node (and every replica) reads the same number.
 */
export async function publicationSeq(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ seq: number }>("SELECT seq FROM publication_seq");
  return `pg.${rows[0]!.seq}`;
}
