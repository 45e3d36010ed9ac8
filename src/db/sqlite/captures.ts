// Raw captures: bytes stored once per sha256 (gzip), one capture row per fetch; quotes, skips, ingest.
import { gunzipSync, gzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import type { Capture, CaptureMeta } from "../../schemas/capture.ts";
import type { IngestCounts, IngestRecord, NewCapture } from "../types.ts";
import { prep, type Db } from "./open.ts";
import { insertObservationRows } from "./observations.ts";
import { CAPTURE_META_COLUMNS, captureMeta, type CaptureRow } from "../capture-rows.ts";

const META_COLUMNS = CAPTURE_META_COLUMNS;
const toMeta = captureMeta;

export function putCapture(db: Db, c: NewCapture): CaptureMeta {
  const sha256 = createHash("sha256").update(c.bytes).digest("hex");
  const insert = db.transaction(() => {
    const known = prep(db, "SELECT 1 FROM blobs WHERE sha256 = ?").get(sha256);
    if (!known) {
      prep(db, "INSERT INTO blobs (sha256, size, encoding, data) VALUES (?, ?, 'gzip', ?)").run(sha256, c.bytes.byteLength, gzipSync(c.bytes));
    }
    const info = db
      .prepare("INSERT INTO captures (source_id, url, fetched_at, http_status, content_type, sha256, size) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(c.sourceId, c.url, c.fetchedAt, c.httpStatus, c.contentType, sha256, c.bytes.byteLength);
    return Number(info.lastInsertRowid);
  });
  const id = insert();
  return { id, sourceId: c.sourceId, url: c.url, fetchedAt: c.fetchedAt, httpStatus: c.httpStatus, contentType: c.contentType, sha256, size: c.bytes.byteLength, parseError: null };
}

export function getCaptureMeta(db: Db, id: number): CaptureMeta | null {
  const row = prep(db, `SELECT ${META_COLUMNS} FROM captures WHERE id = ?`).get(id) as CaptureRow | undefined;
  return row ? toMeta(row) : null;
}

export function getCapture(db: Db, id: number): Capture | null {
  const meta = getCaptureMeta(db, id);
  if (!meta) return null;
  const blob = prep(db, "SELECT encoding, data FROM blobs WHERE sha256 = ?").get(meta.sha256) as { encoding: string; data: Buffer } | undefined;
  if (!blob) return null;
  const bytes = blob.encoding === "gzip" ? gunzipSync(blob.data) : blob.data;
  return { ...meta, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

export function listCaptures(db: Db, opts: { sourceId?: string; limit?: number }): CaptureMeta[] {
  const limit = opts.limit ?? 100;
  const rows = opts.sourceId
    ? prep(db, `SELECT ${META_COLUMNS} FROM captures WHERE source_id = ? ORDER BY id DESC LIMIT ?`).all(opts.sourceId, limit)
    : prep(db, `SELECT ${META_COLUMNS} FROM captures ORDER BY id DESC LIMIT ?`).all(limit);
  return (rows as CaptureRow[]).map(toMeta);
}

/** Quotes, skips and observations of one capture, written together or not at all. */
export function recordIngest(db: Db, r: IngestRecord): IngestCounts {
  const run = db.transaction((): IngestCounts => {
    const counts: IngestCounts = { quotes: 0, observations: 0, quarantined: 0, skipped: r.skipped.length };
    const state = prep(db, "SELECT parsed_at FROM captures WHERE id = ?").get(r.captureId) as { parsed_at: string | null } | undefined;
    if (!state) throw new Error(`capture ${r.captureId} does not exist`);
    // Idempotent: a capture is ingested once; re-running after a crash or retry changes nothing.
    if (state.parsed_at !== null) return { quotes: 0, observations: 0, quarantined: 0, skipped: 0 };
    prep(db, "UPDATE captures SET parse_error = ?, parsed_at = ? WHERE id = ?").run(r.parseError, r.parsedAt, r.captureId);
    const insertQuote = prep(db, "INSERT INTO quotes (capture_id, kind, provider, locator, body, quarantine_reason) VALUES (?, ?, ?, ?, ?, ?)");
    for (const q of r.quotes) {
      const info = insertQuote.run(r.captureId, q.quote.kind, q.quote.provider, q.quote.locator, JSON.stringify(q.quote), q.quarantineReason);
      counts.quotes++;
      if (q.quarantineReason) counts.quarantined++;
      counts.observations += insertObservationRows(db, q.observations, Number(info.lastInsertRowid));
    }
    const insertSkip = prep(db, "INSERT INTO parse_skips (capture_id, locator, reason) VALUES (?, ?, ?)");
    for (const s of r.skipped) insertSkip.run(r.captureId, s.locator, s.reason);
    return counts;
  });
  return run();
}
