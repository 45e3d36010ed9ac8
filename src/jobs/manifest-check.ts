// `cpi verify --manifest`: a manifest copy against the repository and the store (signature, files, chains, audit log).
import { existsSync } from "node:fs";
import { isAbsolute, join, normalize } from "node:path";
import { z } from "zod";
import type { ReadStore } from "../db/index.ts";
import { fixingHash, GENESIS_HASH } from "../index/chain.ts";
import { ManifestBody, SignedManifest } from "../schemas/manifest.ts";
import { addFixing, auditDigests, emptyFixingSummary, settlementChainOf, summarizeSettlements, type SettlementChain } from "./manifest-chains.ts";
import { fileDigest, manifestHash, REPO_ROOT } from "./manifest-files.ts";
import { splitSignature, verifySignature } from "./signing.ts";

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

export interface CheckOptions {
  root?: string;
  /** Default: the store's settlement chain. */
  settlements?: SettlementChain;
}

export type Report = (row: string, text: string) => void;

/** A path from the manifest names a file under the repository, never outside it. */
const safePath = (path: string) => !isAbsolute(path) && !normalize(path).startsWith("..");
const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** The manifest's own hash and its signature by a known key. */
export function checkSignature(m: SignedManifest, publicKeys: Map<string, string>, problem: Report): void {
  const { hash, signature, ...body } = m;
  if (manifestHash(ManifestBody.parse(body)) !== hash) problem("manifest", "content does not match its hash (the manifest was altered)");
  const { keyId } = splitSignature(signature);
  const key = publicKeys.get(keyId);
  if (!key) problem("signature", `signed by unknown key ${keyId}`);
  else if (keyId !== m.keyId) problem("signature", `signed by ${keyId} but names ${m.keyId}`);
  else if (!verifySignature(key, hash, signature)) problem("signature", "does not verify");
}

/** Check a manifest (any JSON) against the repository and the store: signature, every file digest, the chains, the audit log. */
export async function checkManifest(input: unknown, store: ReadStore, publicKeys: Map<string, string>, o: CheckOptions = {}): Promise<ManifestReport> {
  const report: ManifestReport = { problems: [], filesChecked: 0, fixingsChecked: 0, fixingsSince: 0, manifest: null };
  const problem: Report = (row, text) => report.problems.push({ row, problem: text });
  const parsed = SignedManifest.safeParse(input);
  if (!parsed.success) {
    problem("manifest", `not a cpi manifest: ${z.prettifyError(parsed.error)}`);
    return report;
  }
  const m = (report.manifest = parsed.data);
  checkSignature(m, publicKeys, problem);
  const root = o.root ?? REPO_ROOT;
  for (const f of m.files) {
    report.filesChecked++;
    if (!safePath(f.path)) problem(f.path, "path outside the repository");
    else if (!existsSync(join(root, f.path))) problem(f.path, "missing");
    else if (fileDigest(root, f.path) !== f.sha256) problem(f.path, `sha256 ${short(fileDigest(root, f.path))} but the manifest pins ${short(f.sha256)}`);
  }
  await checkFixingChain(m, store, report, problem);
  await checkSettlementChain(m, o.settlements ?? settlementChainOf(store), problem);
  const audit = await auditDigests(store);
  if (audit.length < m.audit.count) problem("audit log", `${m.audit.count - audit.length} of the ${m.audit.count} entries the manifest lists are missing`);
  else if ((audit[m.audit.count - 1] ?? GENESIS_HASH) !== m.audit.head) problem("audit log", `its first ${m.audit.count} entries do not digest to the manifest's head (an entry was altered or removed)`);
  return report;
}

/** The first `count` records must be intact, linked, and end at the manifest's head; per index, its newest record must be there. */
async function checkFixingChain(m: SignedManifest, store: ReadStore, report: ManifestReport, problem: Report): Promise<void> {
  const prefix = emptyFixingSummary();
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
    addFixing(prefix, f);
  }
  if (prefix.count < m.fixings.count) {
    problem("fixing chain", `${m.fixings.count - prefix.count} of the ${m.fixings.count} records the manifest of ${m.createdAt} lists are missing (the newest records were removed)`);
  } else if (prefix.head !== m.fixings.head) {
    problem("fixing chain", `record ${m.fixings.count} hashes to ${short(prefix.head)} but the manifest's head is ${short(m.fixings.head)} (the chain was rewritten or forked)`);
  }
  for (const want of m.fixings.perIndex) {
    const have = prefix.perIndex.get(want.index);
    const latest = `${want.latest.fixingDate} rev ${want.latest.revision}`;
    if (!have) problem(`index ${want.index}`, `none of its ${want.count} records is in the chain (latest listed: ${latest})`);
    else if (have.count < want.count) problem(`index ${want.index}`, `${want.count - have.count} of its ${want.count} records are missing (latest listed: ${latest}; newest in the chain: ${have.latest.fixingDate} rev ${have.latest.revision})`);
    else if (have.latest.hash !== want.latest.hash) problem(`index ${want.index}`, `its latest record ${latest} differs from the one the manifest lists (hash ${short(have.latest.hash)} vs ${short(want.latest.hash)})`);
  }
  for (const index of prefix.perIndex.keys()) if (!m.fixings.perIndex.some((p) => p.index === index)) problem(`index ${index}`, "has records the manifest does not list (records were inserted)");
}

async function checkSettlementChain(m: SignedManifest, chain: SettlementChain, problem: Report): Promise<void> {
  if (m.settlements === null) return;
  const want = m.settlements;
  const have = await summarizeSettlements(chain, want.count);
  if (have.count < want.count) problem("settlement chain", `${want.count - have.count} of the ${want.count} settlement records the manifest lists are missing`);
  else if (have.head !== want.head) problem("settlement chain", `record ${want.count} hashes to ${short(have.head)} but the manifest's head is ${short(want.head)} (the chain was rewritten or forked)`);
  for (const w of want.latest) {
    const h = have.latest.get(w.contract);
    if (!h || h.hash !== w.hash) problem(`contract ${w.contract}`, `its final of ${w.month} (rev ${w.revision}) listed by the manifest is ${h ? `replaced by ${h.month} rev ${h.revision}` : "missing"}`);
  }
}
