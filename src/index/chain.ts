// Tamper evidence: each published fixing is hashed over its content and the previous record's hash.
import { createHash } from "node:crypto";
import type { Fixing } from "../schemas/fixing.ts";
import type { SettlementRecord } from "../schemas/settlement.ts";

/** The hash of the first record's predecessor. */
export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted at every level, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

/** What is hashed: every published field except the id, the hash and the signature themselves. */
export type ChainedContent = Omit<Fixing, "id" | "hash" | "signature">;

export function fixingHash(content: ChainedContent): string {
  return sha256Hex(canonicalJson(content));
}

/** A settlement record's hash: same canonical form, over everything but its id, hash and signature. */
export function settlementHash(content: Omit<SettlementRecord, "id" | "hash" | "signature">): string {
  return sha256Hex(canonicalJson(content));
}
