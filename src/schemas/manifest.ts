// The signed release manifest: digests of the published methodology artefacts and the heads of the record chains.
import { z } from "zod";
import { IsoDate, IsoTime } from "./decimal.ts";

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "must be a sha256 hex digest");

/** A published file, by its path from the repository root. */
export const ManifestFile = z.object({ path: z.string().min(1), sha256: Sha256 });
export type ManifestFile = z.infer<typeof ManifestFile>;

/** The newest record of one index in the fixing chain at manifest time. */
export const ManifestIndexHead = z.object({
  index: z.string(),
  count: z.number().int().positive().describe("records of this index in the chain (every revision)"),
  latest: z.object({ fixingDate: IsoDate, revision: z.number().int(), hash: Sha256 }),
});

export const ManifestChain = z.object({
  count: z.number().int().nonnegative().describe("records in the chain"),
  head: Sha256.describe("hash of the newest record (the genesis hash when empty)"),
});

export const ManifestBody = z.object({
  manifestVersion: z.literal(1),
  createdAt: IsoTime,
  methodologyVersion: z.string(),
  files: z.array(ManifestFile).describe("methodology definitions, archived versions, the version registry, the contract book"),
  fixings: ManifestChain.extend({ perIndex: z.array(ManifestIndexHead) }),
  settlements: ManifestChain.extend({
    latest: z.array(z.object({ contract: z.string(), month: z.string(), revision: z.number().int(), hash: Sha256 })).describe("per contract, its newest settlement record"),
  })
    .nullable()
    .describe("the settlement record chain (null only in manifests written before the store kept settlement records)"),
  audit: ManifestChain.describe("the audit log (operator actions, complaints): head = rolling sha256 over its entries in id order"),
  keyId: z.string().describe("the key that signed this manifest (see /v1/keys)"),
});
export type ManifestBody = z.infer<typeof ManifestBody>;

export const SignedManifest = ManifestBody.extend({
  hash: Sha256.describe("sha256 of the canonical JSON of every other field"),
  signature: z.string().describe("<keyId>:<base64 Ed25519 signature of hash>, as on fixings"),
});
export type SignedManifest = z.infer<typeof SignedManifest>;
