// Every limit the API enforces, declared once (documented in docs/api.md "Limits"; a test checks that).
export const API_LIMITS = {
  /** Fixings per page of /v1/indices/:code/fixings (JSON and CSV). */
  fixingsPageDefault: 1000,
  fixingsPageMax: 5000,
  /** Observations per page of JSON /v1/observations (CSV streams every matching row, in constant memory). */
  observationsPageDefault: 500,
  observationsPageMax: 5000,
  /** Final settlements per page of /v1/contracts/:series/settlements (120 = ten years of months). */
  settlementsPageDefault: 120,
  settlementsPageMax: 1200,
  /** Entries per page of the restatement register /v1/restatements (JSON and CSV). */
  restatementsPageDefault: 500,
  restatementsPageMax: 5000,
  /** Longest date range (from..to) one request may ask for, in days. */
  maxRangeDays: 3700,
  /** Longest sparkline (days of history per index) /v1/indices may attach. */
  sparkMaxDays: 365,
  /** Longest accepted query string, in characters. */
  maxQueryLength: 2048,
  /** Responses smaller than this many bytes are sent uncompressed. */
  compressMinBytes: 1024,
  /** Rendered responses of published data kept in memory (entries, largest body, all bodies together). */
  responseCacheMaxEntries: 512,
  responseCacheMaxBodyBytes: 4 * 1024 * 1024,
  responseCacheMaxTotalBytes: 64 * 1024 * 1024,
  /** Largest accepted request body of an operator action, in bytes. */
  operatorBodyMaxBytes: 16 * 1024,
  /** Entries per page of the operator lists (audit log, anomalies). */
  operatorListDefault: 100,
  operatorListMax: 1000,
} as const;

/** Cache-Control per kind of response (every response carries one, and an ETag when it has a body). */
export const CACHE_POLICY = {
  /** Published data: may change at the next collection or fixing. */
  data: "public, max-age=60, stale-while-revalidate=300",
  /** Liveness, source health and metrics: always revalidate. */
  live: "no-cache",
  /** Bundled assets and documents: change only with a release. */
  asset: "public, max-age=3600",
  /** Operator data: never stored by shared caches. */
  private: "private, no-store",
  /** Errors are never cached. */
  error: "no-store",
} as const;
export type CachePolicy = keyof typeof CACHE_POLICY;
