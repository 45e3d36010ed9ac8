// What the HTTP app is built from: a read-only store, the methodology, a clock and the public keys.
import type { ReadStore } from "../db/index.ts";
import type { Methodology } from "../index/index.ts";
import type { SourceDef } from "../sources/types.ts";
import type { ContractBook } from "../schemas/contract.ts";
import type { ErrorLog } from "./errors.ts";

export interface PublicKey {
  keyId: string;
  algorithm: "ed25519";
  publicKeyPem: string;
  status: "active" | "retired";
}

export interface AppDeps {
  store: ReadStore;
  methodology: Methodology;
  sources: SourceDef[];
  env: Record<string, string | undefined>;
  /** CPI_OPERATOR_TOKEN from the validated config; absent means the operator routes do not exist. */
  operatorToken?: string;
  publicKeys: PublicKey[];
  /** The contract book (methodology/contracts.json); default loaded beside the methodology. */
  contracts?: ContractBook;
  now?: () => Date;
  /** This process's role and, for a scheduler, whether it holds the leader lease now (null: not campaigning). */
  node?: { role: "api" | "scheduler" | "all"; leader: () => boolean | null };
  /** Unexpected failures are logged here (default: dropped). */
  log?: ErrorLog;
}
