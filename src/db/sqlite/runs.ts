// Source runs (health), anomalies, the operator audit log, HTTP validators and key/value meta.
import type { Anomaly, AuditEntry, SourceHealth, SourceRunResult } from "../types.ts";
import { prep, type Db } from "./open.ts";

export function startRun(db: Db, sourceId: string, at: string): number {
  return Number(prep(db, "INSERT INTO source_runs (source_id, started_at, status) VALUES (?, ?, 'running')").run(sourceId, at).lastInsertRowid);
}

export function finishRun(db: Db, runId: number, at: string, r: SourceRunResult): void {
  prep(db, `UPDATE source_runs SET finished_at = ?, status = ?, captures = ?, quotes = ?, observations = ?, skipped = ?, quarantined = ?, error = ?
    WHERE id = ?`).run(at, r.status, r.captures, r.quotes, r.observations, r.skipped, r.quarantined, r.error, runId);
}

export function sourceHealth(db: Db): SourceHealth[] {
  const rows = db
    .prepare(`SELECT s.source_id AS sourceId, COUNT(*) AS runs,
        MAX(s.started_at) AS lastRunAt,
        (SELECT status FROM source_runs x WHERE x.source_id = s.source_id ORDER BY x.id DESC LIMIT 1) AS lastStatus,
        (SELECT MAX(finished_at) FROM source_runs x WHERE x.source_id = s.source_id AND x.status IN ('ok', 'not_modified')) AS lastSuccessAt,
        (SELECT MAX(finished_at) FROM source_runs x WHERE x.source_id = s.source_id AND x.status IN ('error', 'degraded')) AS lastErrorAt,
        (SELECT error FROM source_runs x WHERE x.source_id = s.source_id AND x.error IS NOT NULL ORDER BY x.id DESC LIMIT 1) AS lastError,
        (SELECT quotes FROM source_runs x WHERE x.source_id = s.source_id AND x.status = 'ok' ORDER BY x.id DESC LIMIT 1) AS lastQuotes,
        (SELECT observations FROM source_runs x WHERE x.source_id = s.source_id AND x.status = 'ok' ORDER BY x.id DESC LIMIT 1) AS lastObservations
      FROM source_runs s GROUP BY s.source_id ORDER BY s.source_id`)
    .all() as SourceHealth[];
  return rows;
}

export function addAnomaly(db: Db, a: Omit<Anomaly, "id">): void {
  prep(db, "INSERT INTO anomalies (source_id, at, kind, message) VALUES (?, ?, ?, ?)").run(a.sourceId, a.at, a.kind, a.message);
}

export function listAnomalies(db: Db, limit = 100): Anomaly[] {
  return prep(db, "SELECT id, source_id AS sourceId, at, kind, message FROM anomalies ORDER BY id DESC LIMIT ?").all(limit) as Anomaly[];
}

export function addAudit(db: Db, e: Omit<AuditEntry, "id">): void {
  prep(db, "INSERT INTO audit_log (at, actor, action, target, reason) VALUES (?, ?, ?, ?, ?)").run(e.at, e.actor, e.action, e.target, e.reason);
}

export function listAudit(db: Db, limit = 100): AuditEntry[] {
  return prep(db, "SELECT id, at, actor, action, target, reason FROM audit_log ORDER BY id DESC LIMIT ?").all(limit) as AuditEntry[];
}

export function getHttpCache(db: Db, url: string): { etag: string | null; lastModified: string | null; captureId: number | null } | null {
  const row = prep(db, "SELECT etag, last_modified AS lastModified, capture_id AS captureId FROM http_cache WHERE url = ?").get(url) as
    | { etag: string | null; lastModified: string | null; captureId: number | null }
    | undefined;
  return row ?? null;
}

export function setHttpCache(db: Db, url: string, e: { etag: string | null; lastModified: string | null; captureId: number | null; at: string }): void {
  prep(db, `INSERT INTO http_cache (url, etag, last_modified, capture_id, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, capture_id = excluded.capture_id, updated_at = excluded.updated_at`)
    .run(url, e.etag, e.lastModified, e.captureId, e.at);
}

export function getMeta(db: Db, key: string): string | null {
  const row = prep(db, "SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: Db, key: string, value: string): void {
  prep(db, "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(key, value);
}
