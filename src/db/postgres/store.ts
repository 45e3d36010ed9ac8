// The PostgreSQL Store: binds the table modules to a pool; writers migrate before their first query.
import type { ReadStore, Store } from "../types.ts";
import { createPool, type Pool } from "./pool.ts";
import { openMigratedPool } from "./migrations.ts";
import * as captures from "./captures.ts";
import * as observations from "./observations.ts";
import * as fixings from "./fixings.ts";
import * as runs from "./runs.ts";
import { campaignPg } from "./leader.ts";
import * as settlements from "./settlements.ts";

/** Every call waits on `ready` (the migration), so opening stays synchronous like SQLite's. */
function binder(pool: Pool, ready: Promise<unknown>) {
  return <A extends unknown[], R>(fn: (db: Pool, ...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    await ready;
    return fn(pool, ...args);
  };
}

function readSide(pool: Pool, ready: Promise<unknown>): ReadStore {
  const on = binder(pool, ready);
  const stream = <F, R>(fn: (db: Pool, f: F) => AsyncIterable<R>) => async function* (f: F): AsyncIterable<R> {
    await ready;
    yield* fn(pool, f);
  };
  let closed = false;
  return {
    getCapture: on(captures.getCapture),
    getCaptureMeta: on(captures.getCaptureMeta),
    listCaptures: on(captures.listCaptures),
    getHttpCache: on(runs.getHttpCache),
    queryObservations: on(observations.queryObservations),
    iterateObservations: stream(observations.iterateObservations),
    iterateObservationRecords: stream(observations.iterateObservationRecords),
    getObservations: on(observations.getObservations),
    countObservations: on(observations.countObservations),
    observationTimes: on(observations.observationTimes),
    maxObservationId: on(observations.maxObservationId),
    previousPrice: on(observations.previousPrice),
    unmapped: on(observations.unmapped),
    latestFixing: on(fixings.latestFixing),
    fixingHistory: on(fixings.fixingHistory),
    latestValuedFixing: on(fixings.latestValuedFixing),
    getFixing: on(fixings.getFixing),
    fixingRevisions: on(fixings.fixingRevisions),
    iterateFixingChain: async function* () {
      await ready;
      yield* fixings.iterateFixingChain(pool);
    },
    lastChainHash: on(fixings.lastChainHash),
    latestSettlement: on(settlements.latestSettlement),
    listSettlements: on(settlements.listSettlements),
    iterateSettlementChain: async function* () {
      await ready;
      yield* settlements.iterateSettlementChain(pool);
    },
    lastSettlementHash: on(settlements.lastSettlementHash),
    listRestatements: on(settlements.listRestatements),
    sourceHealth: on(runs.sourceHealth),
    listAnomalies: on(runs.listAnomalies),
    listAudit: on(runs.listAudit),
    getMeta: on(runs.getMeta),
    dataVersion: on(runs.publicationSeq),
    close: async () => {
      if (closed) return;
      closed = true;
      await ready.catch(() => undefined);
      await pool.end();
    },
  };
}

/**
 * A read-only pool for the serving path: sessions are read-only (default_transaction_read_only), and the
 * URL may name a replica or a role that can only SELECT. It never migrates: the writer owns the schema.
 */
export function openPgReadStore(url: string): ReadStore {
  return readSide(createPool(url, { readOnly: true }), Promise.resolve());
}

/** A writable pool (migrates on open) for jobs and the CLI. */
export function openPgStore(url: string): Store {
  // Awaited by every call; an unreachable server surfaces there, not as an unhandled rejection.
  const { pool, ready } = openMigratedPool(url);
  const on = binder(pool, ready);
  return {
    ...readSide(pool, ready),
    putCapture: on(captures.putCapture),
    recordIngest: on(captures.recordIngest),
    insertObservations: on(observations.insertObservations),
    setHttpCache: on(runs.setHttpCache),
    appendFixing: on(fixings.appendFixing),
    appendSettlement: on(settlements.appendSettlement),
    startRun: on(runs.startRun),
    finishRun: on(runs.finishRun),
    addAnomaly: on(runs.addAnomaly),
    addAudit: on(runs.addAudit),
    setMeta: on(runs.setMeta),
    // Campaigns once the schema exists (the lock is keyed by the schema's name).
    campaign: (opts) => campaignPg(url, opts, ready),
  };
}
