// Raw captures on PostgreSQL: bytes once per sha256 (gzip, bytea), one row per fetch; quotes, skips, ingest.
import { gunzipSync, gzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import type { Capture, CaptureMeta } from "../../schemas/capture.ts";
import type { IngestCounts, IngestRecord, NewCapture } from "../types.ts";
import { inTransaction, type Pool, type Queryable } from "./pool.ts";
import { insertObservationRows } from "./observations.ts";
import { CAPTURE_META_COLUMNS, captureMeta, type CaptureRow } from "../capture-rows.ts";

const META_COLUMNS = CAPTURE_META_COLUMNS;
const toMeta = captureMeta;

export async function putCapture(pool: Pool, c: NewCapture): Promise<CaptureMeta> {
  const sha256 = createHash("sha256").update(c.bytes).digest("hex");
  const id = await inTransaction(pool, async (tx) => {
    await tx.query("INSERT INTO blobs (sha256, size, encoding, data) VALUES ($1, $2, 'gzip', $3) ON CONFLICT (sha256) DO NOTHING", [sha256, c.bytes.byteLength, gzipSync(c.bytes)]);
    const { rows } = await tx.query<{ id: number }>(
      "INSERT INTO captures (source_id, url, fetched_at, http_status, content_type, sha256, size) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      [c.sourceId, c.url, c.fetchedAt, c.httpStatus, c.contentType, sha256, c.bytes.byteLength],
    );
    return rows[0]!.id;
  });
  return { id, sourceId: c.sourceId, url: c.url, fetchedAt: c.fetchedAt, httpStatus: c.httpStatus, contentType: c.contentType, sha256, size: c.bytes.byteLength, parseError: null };
}

export async function getCaptureMeta(db: Queryable, id: number): Promise<CaptureMeta | null> {
  const { rows } = await db.query<CaptureRow>(`SELECT ${META_COLUMNS} FROM captures WHERE id = $1`, [id]);
  return rows[0] ? toMeta(rows[0]) : null;
}

export async function getCapture(db: Queryable, id: number): Promise<Capture | null> {
  const meta = await getCaptureMeta(db, id);
  if (!meta) return null;
  const { rows } = await db.query<{ encoding: string; data: Buffer }>("SELECT encoding, data FROM blobs WHERE sha256 = $1", [meta.sha256]);
  const blob = rows[0];
  if (!blob) return null;
  const bytes = blob.encoding === "gzip" ? gunzipSync(blob.data) : blob.data;
  return { ...meta, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

export async function listCaptures(db: Queryable, opts: { sourceId?: string; limit?: number }): Promise<CaptureMeta[]> {
  const limit = opts.limit ?? 100;
  const { rows } = opts.sourceId
    ? await db.query<CaptureRow>(`SELECT ${META_COLUMNS} FROM captures WHERE source_id = $1 ORDER BY id DESC LIMIT $2`, [opts.sourceId, limit])
    : await db.query<CaptureRow>(`SELECT ${META_COLUMNS} FROM captures ORDER BY id DESC LIMIT $1`, [limit]);
  return rows.map(toMeta);
}

/** Quotes, skips and observations of one capture, written together or not at all. */
export async function recordIngest(pool: Pool, r: IngestRecord): Promise<IngestCounts> {
  return inTransaction(pool, async (tx): Promise<IngestCounts> => {
    const counts: IngestCounts = { quotes: 0, observations: 0, quarantined: 0, skipped: r.skipped.length };
    // FOR UPDATE: two workers ingesting the same capture at once queue here; the second finds it parsed.
    const { rows } = await tx.query<{ parsed_at: string | null }>("SELECT parsed_at FROM captures WHERE id = $1 FOR UPDATE", [r.captureId]);
    if (!rows[0]) throw new Error(`capture ${r.captureId} does not exist`);
    // Idempotent: a capture is ingested once; re-running after a crash or retry changes nothing.
    if (rows[0].parsed_at !== null) return { quotes: 0, observations: 0, quarantined: 0, skipped: 0 };
    await tx.query("UPDATE captures SET parse_error = $1, parsed_at = $2 WHERE id = $3", [r.parseError, r.parsedAt, r.captureId]);
    if (r.quotes.length > 0) {
      // Ids drawn first, so each quote's observations can name it without relying on RETURNING order.
      const ids = await tx.query<{ id: number }>("SELECT nextval(pg_get_serial_sequence('quotes', 'id')) AS id FROM generate_series(1, $1)", [r.quotes.length]);
      const quoteIds = ids.rows.map((x) => x.id);
      await tx.query(
        `INSERT INTO quotes (id, capture_id, kind, provider, locator, body, quarantine_reason)
          SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
        [quoteIds, r.quotes.map(() => r.captureId), r.quotes.map((q) => q.quote.kind), r.quotes.map((q) => q.quote.provider),
          r.quotes.map((q) => q.quote.locator), r.quotes.map((q) => JSON.stringify(q.quote)), r.quotes.map((q) => q.quarantineReason)],
      );
      for (const q of r.quotes) {
        counts.quotes++;
        if (q.quarantineReason) counts.quarantined++;
      }
      const observations = r.quotes.flatMap((q, i) => q.observations.map((o) => ({ ...o, quoteId: quoteIds[i]! })));
      counts.observations += await insertObservationRows(tx, observations);
    }
    if (r.skipped.length > 0) {
      await tx.query("INSERT INTO parse_skips (capture_id, locator, reason) SELECT $1, * FROM unnest($2::text[], $3::text[])",
        [r.captureId, r.skipped.map((s) => s.locator), r.skipped.map((s) => s.reason)]);
    }
    return counts;
  });
}
