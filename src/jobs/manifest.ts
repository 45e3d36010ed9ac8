// The signed release manifest: build it from the repository files and the store's chains; check a copy against them.
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { ReadStore, Store } from "../db/index.ts";
import { canonicalJson, fixingHash, GENESIS_HASH, sha256Hex } from "../index/chain.ts";
import { VersionRegistry } from "../index/versions.ts";
import { ManifestBody, SignedManifest, type ManifestFile } from "../schemas/manifest.ts";
import type { Fixing } from "../schemas/fixing.ts";
import { splitSignature, verifySignature, type Signer } from "./signing.ts";

/** Where the publisher keeps its latest manifest (served at GET /v1/manifest). */
export const MANIFEST_META_KEY = "manifest:latest";
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The settlement record chain, in chain order (its records' hashes). Optional: a store offers it once it keeps
 * settlement records; `settlementChainOf` adapts one that has `iterateSettlementChain()`.
 */
export type SettlementHashes = () => AsyncIterable<string>;

export function settlementChainOf(store: object): SettlementHashes | undefined {
  const s = store as { iterateSettlementChain?: () => AsyncIterable<{ hash: string }> };
  if (typeof s.iterateSettlementChain !== "function") return undefined;
  const iterate = s.iterateSettlementChain.bind(store);
  return async function* () {
    for await (const r of iterate()) yield r.hash;
  };
}

/** The published artefacts, by path from the repository root: definitions, every archived version, the contract book. */
export function publishedFiles(root: string = REPO_ROOT): string[] {
  const registry = VersionRegistry.parse(JSON.parse(readFileSync(join(root, "methodology/versions/registry.json"), "utf8")));
  return ["methodology/indices.json", "methodology/contracts.json", "methodology/versions/registry.json", ...registry.versions.map((v) => `methodology/versions/${v.file}`)];
}

const digest = (root: string, path: string): string => sha256Hex(readFileSync(join(root, path)));

interface ChainSummary {
  count: number;
  head: string;
  perIndex: Map<string, { count: number; latest: Pick<Fixing, "fixingDate" | "revision" | "hash"> }>;
}

function addToSummary(summary: ChainSummary, f: Pick<Fixing, "indexCode" | "fixingDate" | "revision" | "hash">): void {
  summary.count++;
  summary.head = f.hash;
  const entry = summary.perIndex.get(f.indexCode) ?? { count: 0, latest: f };
  summary.perIndex.set(f.indexCode, { count: entry.count + 1, latest: { fixingDate: f.fixingDate, revision: f.revision, hash: f.hash } });
}

const emptySummary = (): ChainSummary => ({ count: 0, head: GENESIS_HASH, perIndex: new Map() });

async function settlementSummary(hashes: SettlementHashes): Promise<{ count: number; head: string }> {
  let count = 0;
  let head = GENESIS_HASH;
  for await (const h of hashes()) [count, head] = [count + 1, h];
  return { count, head };
}

export const manifestHash = (body: ManifestBody): string => sha256Hex(canonicalJson(body));

export interface BuildOptions {
  now: () => Date;
  methodologyVersion: string;
  root?: string;
  settlements?: SettlementHashes;
}

/** A manifest of what is published now, signed like a fixing (the signature covers the hash of the canonical body). */
export async function buildManifest(store: ReadStore, signer: Signer, o: BuildOptions): Promise<SignedManifest> {
  const root = o.root ?? REPO_ROOT;
  const files: ManifestFile[] = publishedFiles(root).map((path) => ({ path, sha256: digest(root, path) }));
  const chain = emptySummary();
  for await (const f of store.iterateFixingChain()) addToSummary(chain, f);
  const body: ManifestBody = {
    manifestVersion: 1,
    createdAt: o.now().toISOString(),
    methodologyVersion: o.methodologyVersion,
    files,
    fixings: { count: chain.count, head: chain.head, perIndex: [...chain.perIndex].sort(([a], [b]) => (a < b ? -1 : 1)).map(([index, v]) => ({ index, ...v })) },
    settlements: o.settlements ? await settlementSummary(o.settlements) : null,
    keyId: signer.keyId,
  };
  const hash = manifestHash(body);
  return { ...body, hash, signature: signer.sign(hash) };
}

export interface ManifestProblem {
  /** What is at fault, e.g. "signature", "methodology/contracts.json", "fixing chain", "index GPU-H100SXM-OD". */
  row: string;
  problem: string;
}

export interface ManifestReport {
  problems: ManifestProblem[];
  filesChecked: number;
  fixingsChecked: number;
  /** Records appended after the manifest was made (an append-only chain grows; that is no problem). */
  fixingsSince: number;
  manifest: SignedManifest | null;
}

/** A path from the manifest names a file under the repository, never outside it. */
function safePath(path: string): boolean {
  return !isAbsolute(path) && !normalize(path).startsWith("..");
}

export interface CheckOptions {
  root?: string;
  settlements?: SettlementHashes;
}

/** Check a manifest (any JSON) against the repository and the store: signature, every file digest, both chains. */
export async function checkManifest(input: unknown, store: ReadStore, publicKeys: Map<string, string>, o: CheckOptions = {}): Promise<ManifestReport> {
  const report: ManifestReport = { problems: [], filesChecked: 0, fixingsChecked: 0, fixingsSince: 0, manifest: null };
  const problem = (row: string, text: string) => report.problems.push({ row, problem: text });
  const parsed = SignedManifest.safeParse(input);
  if (!parsed.success) {
    problem("manifest", `not a cpi manifest: ${z.prettifyError(parsed.error)}`);
    return report;
  }
  const m = (report.manifest = parsed.data);
  const { hash, signature, ...body } = m;
  if (manifestHash(ManifestBody.parse(body)) !== hash) problem("manifest", "content does not match its hash (the manifest was altered)");
  const { keyId } = splitSignature(signature);
  const key = publicKeys.get(keyId);
  if (!key) problem("signature", `signed by unknown key ${keyId}`);
  else if (keyId !== m.keyId) problem("signature", `signed by ${keyId} but names ${m.keyId}`);
  else if (!verifySignature(key, hash, signature)) problem("signature", "does not verify");
  const root = o.root ?? REPO_ROOT;
  for (const f of m.files) {
    report.filesChecked++;
    if (!safePath(f.path)) problem(f.path, "path outside the repository");
    else if (!existsSync(join(root, f.path))) problem(f.path, "missing");
    else if (digest(root, f.path) !== f.sha256) problem(f.path, `sha256 ${digest(root, f.path).slice(0, 12)}… but the manifest pins ${f.sha256.slice(0, 12)}…`);
  }
  await checkFixingChain(m, store, report, problem);
  await checkSettlementChain(m, o.settlements, problem);
  return report;
}

async function checkFixingChain(m: SignedManifest, store: ReadStore, report: ManifestReport, problem: (row: string, text: string) => void): Promise<void> {
  const prefix = emptySummary();
  let prevHash = GENESIS_HASH;
  for await (const f of store.iterateFixingChain()) {
    if (prefix.count >= m.fixings.count) {
      report.fixingsSince++;
      continue;
    }
    report.fixingsChecked++;
    const { id, hash, signature: _s, columnMismatch, ...content } = f;
    const label = `fixing #${id} (${f.indexCode} ${f.fixingDate} rev ${f.revision})`;
    if (fixingHash(content) !== hash) problem(label, "rewritten: its content does not match its hash");
    if (columnMismatch) problem(label, `rewritten: stored columns disagree with the record (${columnMismatch.join(", ")})`);
    if (f.prevHash !== prevHash) problem(label, "chain broken: it does not follow the record before it (a record was removed or inserted)");
    prevHash = hash;
    addToSummary(prefix, f);
  }
  if (prefix.count < m.fixings.count) {
    problem("fixing chain", `${m.fixings.count - prefix.count} of the ${m.fixings.count} records the manifest of ${m.createdAt} lists are missing (the newest records were removed)`);
  } else if (prefix.head !== m.fixings.head) {
    problem("fixing chain", `record ${m.fixings.count} hashes to ${prefix.head.slice(0, 12)}… but the manifest's head is ${m.fixings.head.slice(0, 12)}… (the chain was rewritten or forked)`);
  }
  for (const want of m.fixings.perIndex) {
    const have = prefix.perIndex.get(want.index);
    const latest = `${want.latest.fixingDate} rev ${want.latest.revision}`;
    if (!have) problem(`index ${want.index}`, `none of its ${want.count} records is in the chain (latest listed: ${latest})`);
    else if (have.count < want.count) problem(`index ${want.index}`, `${want.count - have.count} of its ${want.count} records are missing (latest listed: ${latest}; newest in the chain: ${have.latest.fixingDate} rev ${have.latest.revision})`);
    else if (have.latest.hash !== want.latest.hash) problem(`index ${want.index}`, `its latest record ${latest} differs from the one the manifest lists (hash ${have.latest.hash.slice(0, 12)}… vs ${want.latest.hash.slice(0, 12)}…)`);
  }
  for (const index of prefix.perIndex.keys()) if (!m.fixings.perIndex.some((p) => p.index === index)) problem(`index ${index}`, "has records the manifest does not list (records were inserted)");
}

async function checkSettlementChain(m: SignedManifest, hashes: SettlementHashes | undefined, problem: (row: string, text: string) => void): Promise<void> {
  if (m.settlements === null) return;
  if (!hashes) {
    problem("settlement chain", "the manifest lists settlement records but this store keeps none");
    return;
  }
  let count = 0;
  let atCount = GENESIS_HASH;
  for await (const h of hashes()) if (++count === m.settlements.count) atCount = h;
  if (count < m.settlements.count) problem("settlement chain", `${m.settlements.count - count} of the ${m.settlements.count} settlement records the manifest lists are missing`);
  else if (atCount !== m.settlements.head) problem("settlement chain", `record ${m.settlements.count} hashes to ${atCount.slice(0, 12)}… but the manifest's head is ${m.settlements.head.slice(0, 12)}…`);
}

/** Sign a manifest of what is published now and keep it where GET /v1/manifest serves it from. */
export async function publishManifest(store: Store, signer: Signer, o: BuildOptions): Promise<SignedManifest> {
  const manifest = await buildManifest(store, signer, { ...o, settlements: o.settlements ?? settlementChainOf(store) });
  await store.setMeta(MANIFEST_META_KEY, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * `publishManifest` for the scheduler: runs one at a time, and a call made while one runs asks for one more run
 * after it (so the fixings of one minute, published together, cost two chain walks, not one each).
 */
export function manifestPublisher(publish: () => Promise<unknown>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const loop = async () => {
    try {
      do {
        again = false;
        await publish();
      } while (again);
    } finally {
      running = null;
    }
  };
  return () => {
    if (running) again = true;
    else running = loop();
    return running;
  };
}
