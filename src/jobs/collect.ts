// One collection run of one source: fetch (conditional, paged, through a mirror), store raw bytes first, then ingest.
import type { Store, SourceRunResult } from "../db/index.ts";
import type { Fetcher } from "../collect/fetch-types.ts";
import { NO_MIRROR, type UrlMapper } from "../collect/mirror.ts";
import { redactUrl } from "../collect/redact.ts";
import type { SourceDef, SourceScope } from "../sources/types.ts";
import { sourceState } from "../sources/registry.ts";
import { ingestCapture } from "./ingest.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";
import { volumeModels } from "../index/token2/volume.ts";
import type { Logger } from "./logger.ts";

export interface CollectDeps {
  store: Store;
  fetcher: Fetcher;
  env: Record<string, string | undefined>;
  now: () => Date;
  log: Logger;
  /** Upper bound on pages followed for paged APIs (a runaway NextPageLink is an error, not a loop). */
  maxPages?: number;
  /** Source mirrors (CPI_SOURCE_MIRROR / CPI_SOURCE_MIRRORS); default: fetch the upstream URLs. */
  mirror?: UrlMapper;
  /** What the methodology asks of sources (models with volume weights); default: nothing beyond each source's own list. */
  scope?: SourceScope;
}

/** What one page yielded: its bytes for pagination, or why the request chain stops. */
type Page = { bytes: Uint8Array; contentType: string | null; captureId: number; parseError: string | null } | { stop: string | null };

export async function collectSource(source: SourceDef, deps: CollectDeps): Promise<SourceRunResult> {
  const state = sourceState(source, deps.env);
  const iso = () => deps.now().toISOString();
  const mirror = deps.mirror ?? NO_MIRROR;
  const result: SourceRunResult = { status: "ok", captures: 0, quotes: 0, observations: 0, skipped: 0, quarantined: 0, error: null };
  if (!state.enabled) return { ...result, status: "disabled", error: state.reason };
  const runId = await deps.store.startRun(source.id, iso());
  const errors: string[] = [];
  const drifts: string[] = [];
  const figures = { pages: 0, modified: 0, revalidated: 0, bytes: 0, fetchMs: 0 };

  /** One page: fetched (or revalidated by a 304), stored as a capture under its upstream URL, ingested. */
  async function page(url: string, headers: Record<string, string> | undefined): Promise<Page> {
    // Validators are keyed by the redacted upstream URL: keys in query strings never reach the database.
    const key = redactUrl(url);
    const cached = await deps.store.getHttpCache(key);
    const outcome = await deps.fetcher.fetch({ url: mirror.toMirror(source.id, url), headers, etag: cached?.etag ?? null, lastModified: cached?.lastModified ?? null });
    figures.fetchMs += outcome.elapsedMs;
    if (outcome.kind === "error") return { stop: `${key}: ${outcome.error}` };
    let bytes: Uint8Array;
    let contentType: string | null;
    if (outcome.kind === "not_modified") {
      // Unchanged upstream is still today's price: the stored bytes are observed again, as a new capture of
      // the same blob, so a series whose publisher sends ETags does not go stale at the next fixing.
      const previous = cached?.captureId ? await deps.store.getCapture(cached.captureId) : null;
      if (!previous) return { stop: null };
      figures.revalidated++;
      bytes = previous.bytes;
      contentType = previous.contentType;
    } else {
      figures.modified++;
      bytes = outcome.bytes;
      contentType = outcome.contentType;
    }
    figures.pages++;
    figures.bytes += bytes.byteLength;
    // The raw bytes are stored before anything tries to parse them.
    const status = outcome.kind === "not_modified" ? 304 : outcome.status;
    const meta = await deps.store.putCapture({ sourceId: source.id, url: key, fetchedAt: iso(), httpStatus: status, contentType, bytes });
    result.captures++;
    const ingested = await ingestCapture(deps.store, source, meta, bytes, iso);
    if (outcome.kind === "ok") await deps.store.setHttpCache(key, { etag: outcome.etag, lastModified: outcome.lastModified, captureId: meta.id, at: iso() });
    result.quotes += ingested.quotes;
    result.observations += ingested.observations;
    result.skipped += ingested.skipped;
    result.quarantined += ingested.quarantined;
    if (ingested.parseError) errors.push(`capture ${meta.id} (${key}): ${ingested.parseError}`);
    if (ingested.drift) drifts.push(`capture ${meta.id}: ${ingested.drift}`);
    return { bytes, contentType, captureId: meta.id, parseError: ingested.parseError };
  }

  try {
    for (const request of source.requests(state.key, deps.scope)) {
      let url: string | null = request.url;
      for (let n = 0; url !== null; n++) {
        if (n >= (deps.maxPages ?? 500)) {
          errors.push(`stopped after ${n} pages`);
          break;
        }
        const got = await page(url, request.headers);
        if ("stop" in got) {
          if (got.stop) errors.push(got.stop);
          break;
        }
        // nextPage sees the upstream request URL (keys intact); a link into the mirror is mapped back upstream.
        const next: string | null = !got.parseError && source.nextPage ? source.nextPage({ sourceId: source.id, url, fetchedAt: iso(), contentType: got.contentType, bytes: got.bytes }) : null;
        url = next === null ? null : mirror.fromMirror(source.id, next);
      }
    }
  } catch (error) {
    errors.push(`internal: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (errors.length > 0) {
    result.status = result.observations > 0 ? "degraded" : "error";
    result.error = errors.slice(0, 5).join("; ");
  } else if (drifts.length > 0) {
    result.status = "degraded";
    result.error = drifts.slice(0, 5).join("; ");
  } else if (figures.modified === 0) {
    result.status = "not_modified";
  }
  const line = { event: "collection", source: source.id, status: result.status, at: iso(), ...figures, captures: result.captures, quotes: result.quotes, observations: result.observations, skipped: result.skipped, quarantined: result.quarantined };
  if (result.status === "degraded" || result.status === "error") {
    await deps.store.addAnomaly({ sourceId: source.id, at: iso(), kind: drifts.length > 0 && errors.length === 0 ? "schema_drift" : "collection_error", message: result.error ?? "" });
    deps.log.warn({ ...line, error: result.error }, "collection problem");
  } else {
    deps.log.info(line, "collected");
  }
  await deps.store.finishRun(runId, iso(), result);
  return result;
}

/** The scope sources read from the methodology: the models whose traded volume the definitions weigh by. */
export function collectionScope(methodology: { indices: readonly IndexDefinition[] }): SourceScope {
  return { tokenVolumeModels: volumeModels(methodology.indices) };
}
