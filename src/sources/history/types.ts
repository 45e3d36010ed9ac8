// The contract of a history importer: a whole dataset file in, normalized observations and reasoned rejections out.
import type { NewObservation } from "../../schemas/observation.ts";

export interface ImportContext {
  /** File name of the dataset (dates in it, e.g. endpoints_2026-08-08.csv, are read as the capture date). */
  dataset: string;
  /** sha256 (hex) of the exact bytes, stamped on every observation for the audit trail. */
  fileSha256: string;
  /** The day the file was captured (YYYY-MM-DD) when its name does not say; bounds open-ended price intervals. */
  captureDate?: string;
}

export interface Rejection {
  /** Where in the file: row number, key, snapshot. */
  row: string;
  reason: string;
}

export interface ImportResult {
  observations: NewObservation[];
  rejected: Rejection[];
}

/** Pure: bytes and context only; never reads the clock, filesystem or network. */
export type Importer = (bytes: Uint8Array, ctx: ImportContext) => ImportResult;
