// The signed release manifest: what is published now (repository files, chain heads), signed with the fixing key.
import type { ReadStore, Store } from "../db/index.ts";
import { GENESIS_HASH } from "../index/chain.ts";
import type { ManifestBody, ManifestFile, SignedManifest } from "../schemas/manifest.ts";
import { addFixing, auditDigests, emptyFixingSummary, settlementChainOf, sortedEntries, summarizeSettlements, type SettlementChain } from "./manifest-chains.ts";
import { fileDigest, MANIFEST_META_KEY, manifestHash, publishedFiles, REPO_ROOT } from "./manifest-files.ts";
import type { Signer } from "./signing.ts";

// The manifest's public surface is this module: building and publishing here, checking and the chain adapter beside it.
export { checkManifest, type ManifestProblem, type ManifestReport } from "./manifest-check.ts";
export { settlementChainOf, type SettlementChain, type SettlementLink } from "./manifest-chains.ts";
export { MANIFEST_META_KEY, manifestHash, publishedFiles, REPO_ROOT } from "./manifest-files.ts";

export interface BuildOptions {
  now: () => Date;
  methodologyVersion: string;
  root?: string;
  /** Default: the store's settlement chain. */
  settlements?: SettlementChain;
}

async function settlementsOf(chain: SettlementChain): Promise<ManifestBody["settlements"]> {
  const s = await summarizeSettlements(chain);
  return { count: s.count, head: s.head, latest: sortedEntries(s.latest).map(([contract, r]) => ({ contract, ...r })) };
}

/** A manifest of what is published now, signed like a fixing (the signature covers the hash of the canonical body). */
export async function buildManifest(store: ReadStore, signer: Signer, o: BuildOptions): Promise<SignedManifest> {
  const root = o.root ?? REPO_ROOT;
  const files: ManifestFile[] = publishedFiles(root).map((path) => ({ path, sha256: fileDigest(root, path) }));
  const chain = emptyFixingSummary();
  for await (const f of store.iterateFixingChain()) addFixing(chain, f);
  const audit = await auditDigests(store);
  const body: ManifestBody = {
    manifestVersion: 1,
    createdAt: o.now().toISOString(),
    methodologyVersion: o.methodologyVersion,
    files,
    fixings: { count: chain.count, head: chain.head, perIndex: sortedEntries(chain.perIndex).map(([index, v]) => ({ index, ...v })) },
    settlements: await settlementsOf(o.settlements ?? settlementChainOf(store)),
    audit: { count: audit.length, head: audit.at(-1) ?? GENESIS_HASH },
    keyId: signer.keyId,
  };
  const hash = manifestHash(body);
  return { ...body, hash, signature: signer.sign(hash) };
}

/** Sign a manifest of what is published now and keep it where GET /v1/manifest serves it from. */
export async function publishManifest(store: Store, signer: Signer, o: BuildOptions): Promise<SignedManifest> {
  const manifest = await buildManifest(store, signer, o);
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
