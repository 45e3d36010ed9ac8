// Signing-key rotation: the old public key is kept under keys/retired/ (old signatures still verify), a new key signs from now on.
import { generateKeyPairSync } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Store } from "../db/index.ts";
import { loadOrCreateSigner, signerFromKey, type Signer } from "./signing.ts";

export interface RotationOutcome {
  retiredKeyId: string;
  keyId: string;
  /** Where the retired public key was written. */
  retiredPath: string;
}

/** A signer whose key can be swapped while the process runs (HTTP key rotation takes effect at once). */
export interface SwappableSigner extends Signer {
  swap(next: Signer): void;
}

export function swappableSigner(initial: Signer): SwappableSigner {
  let current = initial;
  return {
    get keyId() {
      return current.keyId;
    },
    get publicKeyPem() {
      return current.publicKeyPem;
    },
    sign: (hashHex) => current.sign(hashHex),
    swap: (next) => void (current = next),
  };
}

/** Write through a temporary file and rename: a crash leaves the old file or the new one, never half of one. */
function writeAtomic(path: string, data: string, mode: number): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data, { mode, flag: "w" });
  chmodSync(tmp, mode);
  renameSync(tmp, path);
}

/**
 * Retire the active key and create a new one. Order matters for crash safety: the old public key is saved
 * under retired/ first (signatures made with it keep verifying whatever happens next), then the new private
 * key replaces the old one atomically (mode 0600), then its public half, then the audit entry.
 */
export async function rotateSigningKey(keysDir: string, who: { actor: string; reason: string }, deps: { store: Store; now: () => Date }): Promise<RotationOutcome & { signer: Signer }> {
  if (who.reason.trim().length === 0) throw new Error("a key rotation needs a reason");
  const old = loadOrCreateSigner(keysDir);
  const retiredDir = join(keysDir, "retired");
  mkdirSync(retiredDir, { recursive: true, mode: 0o700 });
  const retiredPath = join(retiredDir, `${old.keyId.replace(/[^\w.-]/g, "_")}.pub.pem`);
  if (!existsSync(retiredPath) || readFileSync(retiredPath, "utf8") !== old.publicKeyPem) writeAtomic(retiredPath, old.publicKeyPem, 0o644);
  const { privateKey } = generateKeyPairSync("ed25519");
  writeAtomic(join(keysDir, "signing-key.pem"), privateKey.export({ type: "pkcs8", format: "pem" }).toString(), 0o600);
  const signer = signerFromKey(privateKey);
  writeAtomic(join(keysDir, "signing-key.pub.pem"), signer.publicKeyPem, 0o644);
  await deps.store.addAudit({ at: deps.now().toISOString(), actor: who.actor, action: "rotate-key", target: `${old.keyId} -> ${signer.keyId}`, reason: who.reason });
  return { retiredKeyId: old.keyId, keyId: signer.keyId, retiredPath, signer };
}
