// The SQLite Store: binds the table modules to one connection behind the async Store interface.
import type { ElectionOptions, LeaderElection, ReadStore, Store } from "../types.ts";
import { openSqlite, type Db } from "./open.ts";
import * as captures from "./captures.ts";
import * as observations from "./observations.ts";
import * as fixings from "./fixings.ts";
import * as runs from "./runs.ts";
import * as settlements from "./settlements.ts";
import { dataVersion } from "./version.ts";

function readSide(db: Db): ReadStore {
  return {
    getCapture: async (id) => captures.getCapture(db, id),
    getCaptureMeta: async (id) => captures.getCaptureMeta(db, id),
    listCaptures: async (opts) => captures.listCaptures(db, opts),
    getHttpCache: async (url) => runs.getHttpCache(db, url),
    queryObservations: async (f) => observations.queryObservations(db, f),
    iterateObservations: (f) => observations.iterateObservations(db, f),
    iterateObservationRecords: (f) => observations.iterateObservationRecords(db, f),
    getObservations: async (ids) => observations.getObservations(db, ids),
    countObservations: async (f) => observations.countObservations(db, f),
    observationTimes: async (f) => observations.observationTimes(db, f),
    maxObservationId: async () => observations.maxObservationId(db),
    previousPrice: async (k) => observations.previousPrice(db, k),
    unmapped: async () => observations.unmapped(db),
    latestFixing: async (code, asOf) => fixings.latestFixing(db, code, asOf),
    fixingHistory: async (code, q) => fixings.fixingHistory(db, code, q),
    latestValuedFixing: async (code, asOf) => fixings.latestValuedFixing(db, code, asOf),
    getFixing: async (code, date, asOf) => fixings.getFixing(db, code, date, asOf),
    fixingRevisions: async (code, date) => fixings.fixingRevisions(db, code, date),
    iterateFixingChain: () => fixings.iterateFixingChain(db),
    lastChainHash: async () => fixings.lastChainHash(db),
    latestSettlement: async (contract, month, asOf) => settlements.latestSettlement(db, contract, month, asOf),
    listSettlements: async (q) => settlements.listSettlements(db, q),
    iterateSettlementChain: () => settlements.iterateSettlementChain(db),
    lastSettlementHash: async () => settlements.lastSettlementHash(db),
    listRestatements: async (q) => settlements.listRestatements(db, q),
    sourceHealth: async () => runs.sourceHealth(db),
    listAnomalies: async (limit) => runs.listAnomalies(db, limit),
    listAudit: async (limit) => runs.listAudit(db, limit),
    getMeta: async (key) => runs.getMeta(db, key),
    dataVersion: async () => dataVersion(db),
    close: async () => {
      if (db.open) db.close();
    },
  };
}

/** SQLite is a single-process store: its one writer is the leader from the start, until it stops. */
function alwaysLeader(opts: ElectionOptions): LeaderElection {
  let leader = true;
  const firstAttempt = Promise.resolve().then(() => {
    if (leader) opts.onElected();
    return leader;
  });
  return {
    isLeader: () => leader,
    firstAttempt,
    stop: async () => void (leader = false),
  };
}

/** A read-only connection for the serving path: it cannot write, by type and by SQLite flag. */
export function openReadStore(path: string): ReadStore {
  return readSide(openSqlite(path, { readonly: true }));
}

/** A writable connection (migrates on open) for jobs and the CLI. */
export function openStore(path: string): Store {
  const db = openSqlite(path);
  return {
    ...readSide(db),
    putCapture: async (c) => captures.putCapture(db, c),
    recordIngest: async (r) => captures.recordIngest(db, r),
    insertObservations: async (rows, progress) => observations.insertObservations(db, rows, progress),
    setHttpCache: async (url, e) => runs.setHttpCache(db, url, e),
    appendFixing: async (draft, publish) => fixings.appendFixing(db, draft, publish),
    appendSettlement: async (draft, publish) => settlements.appendSettlement(db, draft, publish),
    startRun: async (sourceId, at) => runs.startRun(db, sourceId, at),
    finishRun: async (runId, at, r) => runs.finishRun(db, runId, at, r),
    addAnomaly: async (a) => runs.addAnomaly(db, a),
    addAudit: async (e) => runs.addAudit(db, e),
    setMeta: async (key, value) => runs.setMeta(db, key, value),
    campaign: (opts) => alwaysLeader(opts),
  };
}
