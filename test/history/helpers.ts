// Test helpers of the history importers: run one on a fixture file and index its output.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { importers, type ImportResult } from "../../src/sources/history/index.ts";

export function runImporter(format: string, path: string, captureDate?: string): ImportResult {
  const bytes = new Uint8Array(readFileSync(path));
  const importer = importers[format];
  if (!importer) throw new Error(`no importer ${format}`);
  return importer(bytes, { dataset: basename(path), fileSha256: createHash("sha256").update(bytes).digest("hex"), ...(captureDate ? { captureDate } : {}) });
}

/** Rejections as row -> reason. */
export function rejectedByRow(r: ImportResult): Map<string, string> {
  return new Map(r.rejected.map((x) => [x.row, x.reason]));
}
