// The captures table's row shape, shared by the SQLite and PostgreSQL stores (same columns in both schemas).
import type { CaptureMeta } from "../schemas/capture.ts";

export interface CaptureRow {
  id: number;
  source_id: string;
  url: string;
  fetched_at: string;
  http_status: number;
  content_type: string | null;
  sha256: string;
  size: number;
  parse_error: string | null;
}

export const CAPTURE_META_COLUMNS = "id, source_id, url, fetched_at, http_status, content_type, sha256, size, parse_error";

export function captureMeta(row: CaptureRow): CaptureMeta {
  return {
    id: row.id,
    sourceId: row.source_id,
    url: row.url,
    fetchedAt: row.fetched_at,
    httpStatus: row.http_status,
    contentType: row.content_type,
    sha256: row.sha256,
    size: row.size,
    parseError: row.parse_error,
  };
}
