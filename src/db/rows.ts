// Row shapes shared by every SQL backend (same column names), and their mapping to domain records.
import type { Fixing } from "../schemas/fixing.ts";
import type { Observation } from "../schemas/observation.ts";
import type { ChainedFixing } from "./types.ts";

export interface ObservationRow {
  id: number;
  capture_id: number | null;
  source: string;
  provider: string;
  kind: "gpu" | "token";
  product: string;
  raw_name: string;
  metric: Observation["metric"];
  quantization: string | null;
  term: Observation["term"];
  region: string | null;
  provider_tier: Observation["providerTier"];
  unit: Observation["unit"];
  currency: Observation["currency"];
  price: string;
  observed_at: string;
  tier: Observation["tier"];
  volume: string | null;
  attrs: string;
}

/**
 * The observations table as exported (CSV downloads): these columns in this order, values as stored (attrs
 * the stored JSON text), so an export never builds, parses or re-serializes an Observation.
 */
export const OBSERVATION_EXPORT_COLUMNS = ["id", "observed_at", "source", "provider", "provider_tier", "kind", "product", "raw_name", "metric",
  "quantization", "term", "region", "unit", "currency", "price", "tier", "volume", "capture_id", "attrs"] as const;

/** One exported observation: the values of OBSERVATION_EXPORT_COLUMNS, in order. */
export type ObservationRecord = readonly (string | number | null)[];

export function toObservation(row: ObservationRow): Observation {
  return {
    id: row.id,
    captureId: row.capture_id,
    source: row.source,
    provider: row.provider,
    kind: row.kind,
    product: row.product,
    rawName: row.raw_name,
    metric: row.metric,
    quantization: row.quantization,
    term: row.term,
    region: row.region,
    providerTier: row.provider_tier,
    unit: row.unit,
    currency: row.currency,
    price: row.price,
    observedAt: row.observed_at,
    tier: row.tier,
    volume: row.volume,
    attrs: JSON.parse(row.attrs) as Record<string, unknown>,
  };
}

export interface FixingRow {
  id: number;
  body: string;
}

export function toFixing(row: FixingRow): Fixing {
  return { ...(JSON.parse(row.body) as Omit<Fixing, "id">), id: row.id };
}

export interface HashedFixingRow extends FixingRow {
  hash: string;
}

/**
 * Parsed fixings of the read path (both stores), by id and stored hash. A fixing row never changes
 * (append-only), so parsing its body again is pure cost; verification never reads through this cache.
 */
const parsed = new Map<string, Fixing>();
const PARSED_CACHE_SIZE = 4096;

export function readFixing(row: HashedFixingRow): Fixing {
  const key = `${row.id}:${row.hash}`;
  let f = parsed.get(key);
  if (!f) {
    f = Object.freeze(toFixing(row));
    parsed.set(key, f);
    if (parsed.size > PARSED_CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
  }
  return f;
}

export interface ChainRow extends FixingRow {
  index_code: string;
  fixing_date: string;
  revision: number;
  status: Fixing["status"];
  value: string | null;
  published_at: string;
  prev_hash: string;
  hash: string;
  signature: string;
}

/**
 * The body as published, plus the names of indexed columns that disagree with it: queries select by these
 * columns (latest revision, as-of, status), so a column edited without the body, or a body edited without
 * its columns, must both surface in verification.
 */
export function chainFixing(row: ChainRow): ChainedFixing {
  const body = toFixing(row);
  const columns: [string, unknown, unknown][] = [
    ["index_code", row.index_code, body.indexCode], ["fixing_date", row.fixing_date, body.fixingDate], ["revision", row.revision, body.revision],
    ["status", row.status, body.status], ["value", row.value, body.value], ["published_at", row.published_at, body.publishedAt],
    ["prev_hash", row.prev_hash, body.prevHash], ["hash", row.hash, body.hash], ["signature", row.signature, body.signature],
  ];
  const mismatch = columns.filter(([, column, inBody]) => column !== inBody).map(([name]) => name);
  return mismatch.length > 0 ? { ...body, columnMismatch: mismatch } : body;
}
