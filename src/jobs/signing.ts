// The publisher's Ed25519 signing key: generated on first start (private file mode 0600), used to sign fixing hashes.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Signer {
  keyId: string;
  publicKeyPem: string;
  sign(hashHex: string): string;
}

/** A short stable id: "ed25519:" + the first 16 hex digits of the raw public key. */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: "spki", format: "der" });
  return `ed25519:${Buffer.from(der).subarray(-32).toString("hex").slice(0, 16)}`;
}

export function signerFromKey(privateKey: KeyObject): Signer {
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const keyId = keyIdOf(publicKey);
  return { keyId, publicKeyPem, sign: (hashHex) => `${keyId}:${sign(null, Buffer.from(hashHex, "utf8"), privateKey).toString("base64")}` };
}

/** Loads data/keys/signing-key.pem, creating it (0600) and the public key beside it on first use. */
export function loadOrCreateSigner(keysDir: string): Signer {
  const privatePath = join(keysDir, "signing-key.pem");
  if (!existsSync(privatePath)) {
    mkdirSync(keysDir, { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    writeFileSync(privatePath, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
    chmodSync(privatePath, 0o600);
    writeFileSync(join(keysDir, "signing-key.pub.pem"), publicKey.export({ type: "spki", format: "pem" }));
  }
  return signerFromKey(createPrivateKey(readFileSync(privatePath)));
}

/** Splits "<keyId>:<base64>" (the key id itself contains one colon). */
export function splitSignature(signature: string): { keyId: string; b64: string } {
  const at = signature.lastIndexOf(":");
  return { keyId: signature.slice(0, Math.max(0, at)), b64: signature.slice(at + 1) };
}

export function verifySignature(publicKeyPem: string, hashHex: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(hashHex, "utf8"), createPublicKey(publicKeyPem), Buffer.from(splitSignature(signature).b64, "base64"));
  } catch {
    return false;
  }
}

/** An in-memory key for tests. */
export function ephemeralSigner(): Signer {
  return signerFromKey(generateKeyPairSync("ed25519").privateKey);
}

/** Every public key the publisher has signed with: the active one and any retired ones (keys/retired/*.pub.pem). */
export function knownPublicKeys(keysDir: string, active: Signer): Map<string, string> {
  const keys = new Map<string, string>([[active.keyId, active.publicKeyPem]]);
  const retiredDir = join(keysDir, "retired");
  if (existsSync(retiredDir)) {
    for (const name of readdirSync(retiredDir).filter((n) => n.endsWith(".pub.pem")).sort()) {
      const pem = readFileSync(join(retiredDir, name), "utf8");
      keys.set(keyIdOf(createPublicKey(pem)), pem);
    }
  }
  return keys;
}
