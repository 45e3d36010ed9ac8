// `cpi verify`: the hash chain, signatures, raw capture hashes, re-parsed observations, recomputed fixings.
import type { ReadStore } from "../db/index.ts";
import type { Fixing } from "../schemas/fixing.ts";
import type { Observation } from "../schemas/observation.ts";
import { fixingHash, GENESIS_HASH, sha256Hex } from "../index/chain.ts";
import type { Methodology } from "../index/index.ts";
import { findSource } from "../sources/registry.ts";
import { normalizeQuote } from "../normalize/observe.ts";
import { safeParse } from "./ingest.ts";
import { candidateObservations, isBackCalculated, priorFixing, priorHistory, recompute } from "./fix.ts";
import { historyDays } from "../index/engine.ts";
import { findVersion, singleVersionSet, type MethodologySet } from "../index/versions.ts";
import { RECOMPUTED_V2_FIELDS } from "../schemas/fixing.ts";
import { splitSignature, verifySignature } from "./signing.ts";
import { verifySettlements } from "./verify-settlements.ts";
import type { ContractBook } from "../schemas/contract.ts";

export interface VerifyProblem {
  /** The row at fault, e.g. "fixing #12 (GPU-H100SXM-OD 2026-05-01 rev 1)", "capture #3", "observation #9". */
  row: string;
  problem: string;
}

export interface VerifyReport {
  fixingsChecked: number;
  fixingsRecomputed: number;
  capturesChecked: number;
  observationsReparsed: number;
  settlementsChecked: number;
  settlementsRecomputed: number;
  problems: VerifyProblem[];
}

const label = (f: Fixing) => `fixing #${f.id} (${f.indexCode} ${f.fixingDate} rev ${f.revision})`;

/** Fields that must come out of a recomputation exactly as published. */
function compareRecomputed(f: Fixing, r: ReturnType<typeof recompute>): string | null {
  const published = { value: f.value, distribution: f.distribution, inputsDigest: f.inputsDigest, observationCount: f.observationCount, providerCount: f.providerCount, inputs: f.inputs, volume: f.volume, perMillionChars: f.perMillionChars ?? null };
  const again = { value: r.value, distribution: r.distribution, inputsDigest: r.inputsDigest, observationCount: r.observationCount, providerCount: r.providerCount, inputs: r.inputs, volume: r.volume, perMillionChars: r.perMillionChars ?? null };
  for (const key of Object.keys(published) as (keyof typeof published)[]) {
    if (JSON.stringify(published[key]) !== JSON.stringify(again[key])) return `recomputed ${key} differs: published ${JSON.stringify(published[key])}, recomputed ${JSON.stringify(again[key])}`;
  }
  // 2.0 body fields are absent on 1.x records: absent on both sides compares equal.
  for (const key of RECOMPUTED_V2_FIELDS) {
    const a = JSON.stringify(f[key] ?? null);
    const b = JSON.stringify(r[key] ?? null);
    if (a !== b) return `recomputed ${key} differs: published ${a.slice(0, 200)}, recomputed ${b.slice(0, 200)}`;
  }
  return null;
}

function observationKey(o: Pick<Observation, "provider" | "product" | "metric" | "term" | "region" | "price" | "observedAt">): string {
  return [o.provider, o.product, o.metric, o.term, o.region, o.price, o.observedAt].join("|");
}

export interface VerifyOptions {
  from?: string;
  to?: string;
  /**
   * Every archived methodology version: each fixing is recomputed under the version it is stamped with, and
   * an archive altered since publication (sha256 mismatch) is a problem. Absent: `methodology` alone, and
   * fixings stamped with another version are chain-checked only.
   */
  versions?: MethodologySet;
  /** The contract book: each final settlement under its terms version is recomputed; absent, chain-checked only. */
  contracts?: ContractBook;
}

export async function verify(store: ReadStore, methodology: Methodology, publicKeys: Map<string, string>, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const report: VerifyReport = { fixingsChecked: 0, fixingsRecomputed: 0, capturesChecked: 0, observationsReparsed: 0, settlementsChecked: 0, settlementsRecomputed: 0, problems: [] };
  const problem = (row: string, text: string) => report.problems.push({ row, problem: text });
  const set = opts.versions ?? singleVersionSet(methodology);
  for (const p of set.problems) problem(`methodology ${p.version}`, p.problem);
  const inRange = (f: Fixing) => (!opts.from || f.fixingDate >= opts.from) && (!opts.to || f.fixingDate <= opts.to);
  const observationIds = new Set<number>();
  let prevHash = GENESIS_HASH;
  for await (const f of store.iterateFixingChain()) {
    report.fixingsChecked++;
    const { id: _id, hash, signature, columnMismatch, ...content } = f;
    if (columnMismatch) problem(label(f), `stored columns disagree with the published record: ${columnMismatch.join(", ")} (the row was altered)`);
    if (f.prevHash !== prevHash) problem(label(f), `chain broken: prev_hash ${f.prevHash.slice(0, 12)}… but the previous record hashes to ${prevHash.slice(0, 12)}…`);
    if (fixingHash(content) !== hash) problem(label(f), "content does not match its hash (the record was altered)");
    const key = publicKeys.get(splitSignature(signature).keyId);
    if (!key) problem(label(f), `signed by unknown key ${splitSignature(signature).keyId}`);
    else if (!verifySignature(key, hash, signature)) problem(label(f), "signature does not verify");
    prevHash = hash;
    if (!inRange(f)) continue;
    const stamped = findVersion(set, f.methodologyVersion);
    if (!stamped) {
      // With the archive: an unknown or unusable version is a failure. Without it: chain-checked only.
      if (opts.versions) problem(label(f), `methodology ${f.methodologyVersion} is not available intact: cannot recompute under its own version`);
      else if (!methodology.indices.some((d) => d.code === f.indexCode)) problem(label(f), `index ${f.indexCode} is not in methodology ${methodology.version}`);
      continue;
    }
    const def = stamped.methodology.indices.find((d) => d.code === f.indexCode);
    if (!def) {
      problem(label(f), `index ${f.indexCode} is not in methodology ${f.methodologyVersion}`);
      continue;
    }
    const candidates = await candidateObservations(store, def, f.fixingDate, f.observationHorizon);
    const status = isBackCalculated(f) ? "back-calculated" : f.status === "provisional" ? "provisional" : "final";
    const prior = await priorFixing(store, def.code, f.fixingDate, def.fallback.carryPriorMaxDays, f.publishedAt, status !== "back-calculated");
    const history = await priorHistory(store, def.code, f.fixingDate, historyDays(def, f.methodologyVersion), f.publishedAt);
    const mismatch = compareRecomputed(f, recompute(def, candidates, f.fixingDate, status, f.methodologyVersion, prior, history));
    report.fixingsRecomputed++;
    if (mismatch) problem(label(f), mismatch);
    for (const input of f.inputs) for (const id of input.observationIds) observationIds.add(id);
  }
  await reparseObservations(store, [...observationIds], report, problem);
  Object.assign(report, await verifySettlements(store, opts.contracts, publicKeys, problem));
  return report;
}

/** Every observation a fixing used must come out of its raw capture again, byte for byte the same. */
async function reparseObservations(store: ReadStore, ids: number[], report: VerifyReport, problem: (row: string, text: string) => void) {
  const byCapture = new Map<number, Observation[]>();
  for (const o of await store.getObservations(ids)) {
    if (o.captureId === null) continue; // bundled derived rows: provenance in attrs, no bytes to re-parse
    byCapture.set(o.captureId, [...(byCapture.get(o.captureId) ?? []), o]);
  }
  for (const [captureId, observations] of byCapture) {
    const capture = await store.getCapture(captureId);
    report.capturesChecked++;
    if (!capture) {
      problem(`capture #${captureId}`, "missing");
      continue;
    }
    if (sha256Hex(capture.bytes) !== capture.sha256) {
      problem(`capture #${captureId}`, "stored bytes do not match their sha256 (the capture was altered)");
      continue;
    }
    const source = findSource(capture.sourceId);
    if (!source) continue; // imported history: verified by sha256 above
    const { result, error } = safeParse(source, capture);
    if (!result) {
      problem(`capture #${captureId}`, `no longer parses: ${error}`);
      continue;
    }
    const keys = new Set<string>();
    for (const q of result.quotes) for (const o of normalizeQuote(q, { source: source.id, captureId, fetchedAt: capture.fetchedAt }).observations) keys.add(observationKey(o));
    for (const o of observations) {
      report.observationsReparsed++;
      if (!keys.has(observationKey(o))) problem(`observation #${o.id}`, `does not match what capture #${captureId} parses to (price ${o.price} ${o.unit}, ${o.provider}, ${o.product})`);
    }
  }
}
