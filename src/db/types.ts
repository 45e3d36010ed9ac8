// The storage interface every backend implements (SQLite and PostgreSQL). All calls are async.
import type { Capture, CaptureMeta } from "../schemas/capture.ts";
import type { Fixing, FixingDraft, FixingStatus } from "../schemas/fixing.ts";
import type { NewObservation, Observation } from "../schemas/observation.ts";
import type { Quote, Skipped } from "../schemas/quote.ts";
import type { ObservationRecord } from "./rows.ts";
import type { Restatement, SettlementDraft, SettlementRecord } from "../schemas/settlement.ts";

export interface NewCapture {
  sourceId: string;
  url: string;
  fetchedAt: string;
  httpStatus: number;
  contentType: string | null;
  bytes: Uint8Array;
}

export interface ParsedQuote {
  quote: Quote;
  /** Set when the quote failed a sanity check; it is kept but produces no observation. */
  quarantineReason: string | null;
  /** The observations this quote normalizes to (empty when quarantined). */
  observations: NewObservation[];
}

export interface IngestRecord {
  captureId: number;
  parsedAt: string;
  /** Set when the capture could not be parsed at all; then quotes and skipped are empty. */
  parseError: string | null;
  quotes: ParsedQuote[];
  skipped: Skipped[];
}

export interface IngestCounts {
  quotes: number;
  observations: number;
  quarantined: number;
  skipped: number;
}

export interface ObservationFilter {
  kind?: "gpu" | "token";
  products?: string[];
  metric?: string;
  provider?: string;
  source?: string;
  term?: string;
  region?: string;
  providerTier?: string;
  /** Input tier (list_price, ...). */
  tier?: string;
  /** observed_at >= from (ISO). */
  from?: string;
  /** observed_at < to (ISO). */
  to?: string;
  /** Keyset pagination: id > afterId, ordered by id. */
  afterId?: number;
  /** Only observations with id <= maxId (what existed at some earlier moment). */
  maxId?: number;
  limit?: number;
}

export interface FixingQuery {
  from?: string;
  to?: string;
  /** What had been published at this ISO time (latest revision per date with published_at <= asOf). */
  asOf?: string;
  status?: FixingStatus[];
  /** Keyset pagination on fixing_date (dates strictly after this one). */
  afterDate?: string;
  limit?: number;
}

export interface SourceRunResult {
  status: "ok" | "error" | "degraded" | "not_modified" | "disabled";
  captures: number;
  quotes: number;
  observations: number;
  skipped: number;
  quarantined: number;
  error: string | null;
}

export interface SourceHealth {
  sourceId: string;
  lastRunAt: string | null;
  lastStatus: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  lastQuotes: number | null;
  lastObservations: number | null;
  runs: number;
}

export interface UnmappedName {
  source: string;
  kind: string;
  rawName: string;
  count: number;
  lastSeen: string;
  reason: string | null;
}

export interface Anomaly {
  id: number;
  sourceId: string;
  at: string;
  kind: string;
  message: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  reason: string;
}

/** How a process campaigns for the single scheduler role (see docs/deployment.md for the takeover bound). */
export interface ElectionOptions {
  /** How often a standby retries the lock, and how often the leader checks its connection (ms). */
  retryMs: number;
  /** Called once each time this process becomes the leader. */
  onElected(): void;
  /** Called as soon as the lease is lost (connection dropped, heartbeat failed); stop scheduling at once. */
  onLost(reason: string): void;
}

export interface LeaderElection {
  /** True while this process holds the lease. */
  isLeader(): boolean;
  /** Settles after the first attempt: true when this process was elected by it (`onElected` has run). */
  firstAttempt: Promise<boolean>;
  /** Stop campaigning and release the lease if held (the next standby takes over within its retry interval). */
  stop(): Promise<void>;
}

export interface SettlementQuery {
  contract?: string;
  /** Contract months strictly after this one (keyset pagination, ordered by month). */
  afterMonth?: string;
  limit?: number;
}

export interface RestatementQuery {
  indexCode?: string;
  /** Fixing dates from..to, inclusive. */
  from?: string;
  to?: string;
  /** Only restatements published after this ISO time (e.g. a settlement's freeze). */
  restatedAfter?: string;
  /** Keyset pagination on the restating revision's id. */
  afterId?: number;
  limit?: number;
}

export interface SettlementPublish {
  publishedAt: string;
  sign: (hash: string) => string;
  /** A contract month that already has a final gets nothing new; the stored record is returned (exactly once). */
  ifAbsent?: boolean;
}

/** A settlement as stored, with the names of indexed columns that disagree with its published body, if any. */
export type ChainedSettlement = SettlementRecord & { columnMismatch?: string[] };

/** A fixing as stored, with the names of indexed columns that disagree with its published body, if any. */
export type ChainedFixing = Fixing & { columnMismatch?: string[] };

/** Read side: everything the API needs. A read-only connection implements only this. */
export interface ReadStore {
  getCapture(id: number): Promise<Capture | null>;
  getCaptureMeta(id: number): Promise<CaptureMeta | null>;
  listCaptures(opts: { sourceId?: string; limit?: number }): Promise<CaptureMeta[]>;
  getHttpCache(url: string): Promise<{ etag: string | null; lastModified: string | null; captureId: number | null } | null>;
  queryObservations(filter: ObservationFilter): Promise<Observation[]>;
  iterateObservations(filter: ObservationFilter): AsyncIterable<Observation>;
  /** The matching rows as stored (OBSERVATION_EXPORT_COLUMNS), in id-ordered pages: the export path, memory flat. */
  iterateObservationRecords(filter: ObservationFilter): AsyncIterable<readonly ObservationRecord[]>;
  getObservations(ids: number[]): Promise<Observation[]>;
  countObservations(filter?: ObservationFilter): Promise<number>;
  maxObservationId(): Promise<number>;
  /** Distinct observed_at values of the matching observations, ascending. */
  observationTimes(filter: ObservationFilter): Promise<string[]>;
  previousPrice(key: { source: string; provider: string; rawName: string; metric: string; term: string | null; region: string | null; before: string }): Promise<string | null>;
  unmapped(): Promise<UnmappedName[]>;
  latestFixing(indexCode: string, asOf?: string): Promise<Fixing | null>;
  /** The most recent fixing (latest revision) that has a value: the last number the index published. */
  latestValuedFixing(indexCode: string, asOf?: string): Promise<Fixing | null>;
  fixingHistory(indexCode: string, query: FixingQuery): Promise<Fixing[]>;
  getFixing(indexCode: string, fixingDate: string, asOf?: string): Promise<Fixing | null>;
  fixingRevisions(indexCode: string, fixingDate: string): Promise<Fixing[]>;
  iterateFixingChain(): AsyncIterable<ChainedFixing>;
  lastChainHash(): Promise<string>;
  /** The latest revision of a contract month's final settlement (published by `asOf` when given). */
  latestSettlement(contract: string, month: string, asOf?: string): Promise<SettlementRecord | null>;
  /** Final settlements (latest revision per contract month), ordered by contract and month. */
  listSettlements(query: SettlementQuery): Promise<SettlementRecord[]>;
  iterateSettlementChain(): AsyncIterable<ChainedSettlement>;
  lastSettlementHash(): Promise<string>;
  /** Fixing revisions that replaced an earlier revision, with the value they replaced, in publication order. */
  listRestatements(query: RestatementQuery): Promise<Restatement[]>;
  sourceHealth(): Promise<SourceHealth[]>;
  listAnomalies(limit?: number): Promise<Anomaly[]>;
  listAudit(limit?: number): Promise<AuditEntry[]>;
  getMeta(key: string): Promise<string | null>;
  /** Changes whenever committed data may have changed; valid for this connection's lifetime (HTTP ETags). */
  dataVersion(): Promise<string>;
  close(): Promise<void>;
}

/** Write side, used by jobs and the CLI only; never handed to the HTTP app. */
export interface Store extends ReadStore {
  putCapture(capture: NewCapture): Promise<CaptureMeta>;
  recordIngest(record: IngestRecord): Promise<IngestCounts>;
  /** One transaction; `progress`, when given, is written to meta in that same transaction (resumable loads). */
  insertObservations(observations: NewObservation[], progress?: { key: string; value: string }): Promise<number>;
  setHttpCache(url: string, entry: { etag: string | null; lastModified: string | null; captureId: number | null; at: string }): Promise<void>;
  /**
   * Append a fixing as the next revision of its date; hash-chained and signed in one transaction. With
   * `ifAbsent`, a date that already has a publication gets nothing new and its latest revision is returned
   * (decided inside the transaction, so concurrent publishers of one date publish it once).
   */
  appendFixing(draft: FixingDraft, publish: { publishedAt: string; sign: (hash: string) => string; ifAbsent?: boolean }): Promise<Fixing>;
  /** Append a final settlement as the next revision of its contract month; its own hash chain, signed, one transaction. */
  appendSettlement(draft: SettlementDraft, publish: SettlementPublish): Promise<SettlementRecord>;
  startRun(sourceId: string, at: string): Promise<number>;
  finishRun(runId: number, at: string, result: SourceRunResult): Promise<void>;
  addAnomaly(anomaly: Omit<Anomaly, "id">): Promise<void>;
  addAudit(entry: Omit<AuditEntry, "id">): Promise<void>;
  setMeta(key: string, value: string): Promise<void>;
  /**
   * Campaign for the scheduler lease of this install. PostgreSQL: a session advisory lock held on a dedicated
   * connection (any number of processes campaign, one leads). SQLite: a single-process store, always the leader.
   */
  campaign(opts: ElectionOptions): LeaderElection;
}
