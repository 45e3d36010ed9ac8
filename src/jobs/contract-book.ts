// Loads methodology/contracts.json (the contract book) when asked, checked against the methodology.
import { readFileSync } from "node:fs";
import type { Methodology } from "../index/index.ts";
import { parseContractBook } from "../index/contracts.ts";
import type { ContractBook } from "../schemas/contract.ts";

export const CONTRACTS_PATH = new URL("../../methodology/contracts.json", import.meta.url);

export function loadContractBook(methodology: Methodology, path: URL | string = CONTRACTS_PATH): ContractBook {
  return parseContractBook(JSON.parse(readFileSync(path, "utf8")), methodology);
}
