// One collection run of one source: fetch (conditional, paged), store raw bytes first, then ingest.
import type { Store, SourceRunResult } from "../db/index.ts";
import type { Fetcher } from "../collect/fetch-types.ts";
import { redactUrl } from "../collect/redact.ts";
import type { SourceDef } from "../sources/types.ts";
import { sourceState } from "../sources/registry.ts";
import { ingestCapture } from "./ingest.ts";
import type { Logger } from "./logger.ts";

export interface CollectDeps {
  store: Store;
  fetcher: Fetcher;
  env: Record<string, string | undefined>;
  now: () => Date;
  log: Logger;
  /** Upper bound on pages followed for paged APIs (a runaway NextPageLink is an error, not a loop). */
  maxPages?: number;
}

export async function collectSource(source: SourceDef, deps: CollectDeps): Promise<SourceRunResult> {
  const state = sourceState(source, deps.env);
  const iso = () => deps.now().toISOString();
  const result: SourceRunResult = { status: "ok", captures: 0, quotes: 0, observations: 0, skipped: 0, quarantined: 0, error: null };
  if (!state.enabled) return { ...result, status: "disabled", error: state.reason };
  const runId = await deps.store.startRun(source.id, iso());
  const errors: string[] = [];
  const drifts: string[] = [];
  let modified = 0;
  try {
    for (const request of source.requests(state.key)) {
      let url: string | null = request.url;
      for (let page = 0; url !== null; page++) {
        if (page >= (deps.maxPages ?? 500)) {
          errors.push(`stopped after ${page} pages`);
          break;
        }
        // Validators are keyed by the redacted URL: keys in query strings never reach the database.
        const cached = await deps.store.getHttpCache(redactUrl(url));
        const outcome = await deps.fetcher.fetch({ url, headers: request.headers, etag: cached?.etag ?? null, lastModified: cached?.lastModified ?? null });
        if (outcome.kind === "error") {
          errors.push(`${outcome.url}: ${outcome.error}`);
          break;
        }
        if (outcome.kind === "not_modified") break;
        modified++;
        // The raw bytes are stored before anything tries to parse them.
        const meta = await deps.store.putCapture({ sourceId: source.id, url: outcome.url, fetchedAt: iso(), httpStatus: outcome.status, contentType: outcome.contentType, bytes: outcome.bytes });
        result.captures++;
        const ingested = await ingestCapture(deps.store, source, meta, outcome.bytes, iso);
        await deps.store.setHttpCache(redactUrl(url), { etag: outcome.etag, lastModified: outcome.lastModified, captureId: meta.id, at: iso() });
        result.quotes += ingested.quotes;
        result.observations += ingested.observations;
        result.skipped += ingested.skipped;
        result.quarantined += ingested.quarantined;
        if (ingested.parseError) errors.push(`capture ${meta.id} (${outcome.url}): ${ingested.parseError}`);
        if (ingested.drift) drifts.push(`capture ${meta.id}: ${ingested.drift}`);
        // nextPage sees the request URL (keys intact); the stored capture URL is the redacted one.
        url = !ingested.parseError && source.nextPage ? source.nextPage({ sourceId: source.id, url, fetchedAt: meta.fetchedAt, contentType: meta.contentType, bytes: outcome.bytes }) : null;
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
  } else if (modified === 0) {
    result.status = "not_modified";
  }
  if (result.status === "degraded" || result.status === "error") {
    await deps.store.addAnomaly({ sourceId: source.id, at: iso(), kind: drifts.length > 0 && errors.length === 0 ? "schema_drift" : "collection_error", message: result.error ?? "" });
    deps.log.warn({ source: source.id, status: result.status, error: result.error }, "collection problem");
  } else {
    deps.log.info({ source: source.id, status: result.status, captures: result.captures, observations: result.observations }, "collected");
  }
  await deps.store.finishRun(runId, iso(), result);
  return result;
}
