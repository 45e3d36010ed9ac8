// `cpi import <format> <file> [--capture-date YYYY-MM-DD] [--force] [--json]`: store a history file as a capture and import its observations.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Store } from "../db/index.ts";
import { importers, importFormats, importSource, rejectionsByReason, type ImportContext } from "../sources/history/index.ts";
import { withContext } from "./context.ts";
import { clockOf, parseArgs, type CliIo } from "./io.ts";

export interface ImportSummary {
  format: string;
  file: string;
  sha256: string;
  captureId: number | null;
  observations: number;
  products: number;
  unclassified: number;
  rejected: number;
  rejectedByReason: { reason: string; count: number; example: string }[];
  skipped: string | null;
}

/** Store the bytes as capture `import:<format>` and insert the observations pointing at it; refuses a file already imported. */
export async function importFile(store: Store, format: string, path: string, bytes: Uint8Array, opts: { captureDate?: string; force?: boolean; now: () => Date }): Promise<ImportSummary> {
  const importer = importers[format];
  if (!importer) throw new Error(`unknown format "${format}" (one of: ${importFormats.join(", ")})`);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const base: ImportSummary = { format, file: basename(path), sha256, captureId: null, observations: 0, products: 0, unclassified: 0, rejected: 0, rejectedByReason: [], skipped: null };
  const earlier = (await store.listCaptures({ sourceId: importSource(format), limit: 10_000 })).find((c) => c.sha256 === sha256);
  if (earlier && !opts.force) return { ...base, captureId: earlier.id, skipped: `already imported as capture ${earlier.id} (--force to import again)` };
  const ctx: ImportContext = { dataset: basename(path), fileSha256: sha256, ...(opts.captureDate ? { captureDate: opts.captureDate } : {}) };
  const result = importer(bytes, ctx);
  const now = opts.now();
  const meta = await store.putCapture({ sourceId: importSource(format), url: pathToFileURL(path).href, fetchedAt: now.toISOString(), httpStatus: 200, contentType: null, bytes });
  const rows = result.observations.map((o) => ({ ...o, captureId: meta.id }));
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 5000) inserted += await store.insertObservations(rows.slice(i, i + 5000));
  return {
    ...base,
    captureId: meta.id,
    observations: inserted,
    products: new Set(rows.map((o) => o.product)).size,
    unclassified: rows.filter((o) => o.product === "unclassified").length,
    rejected: result.rejected.length,
    rejectedByReason: rejectionsByReason(result.rejected).map((g) => ({ reason: g.reason, count: g.count, example: `${g.example.row}: ${g.example.reason}` })),
  };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args);
  const [format, file] = positional;
  if (!format || !file) {
    io.err(`usage: cpi import <format> <file> [--capture-date YYYY-MM-DD] [--force] [--json]\nformats: ${importFormats.join(", ")}`);
    return 2;
  }
  const captureDate = options["capture-date"];
  if (captureDate !== undefined && (typeof captureDate !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(captureDate))) {
    io.err("cpi import: --capture-date must be YYYY-MM-DD");
    return 2;
  }
  const path = resolve(io.cwd, file);
  const bytes = new Uint8Array(readFileSync(path));
  return withContext(io, async ({ store }) => {
    const s = await importFile(store, format, path, bytes, { ...(captureDate ? { captureDate } : {}), force: options.force === true, now: clockOf(io) });
    if (options.json === true) {
      io.out(JSON.stringify(s));
      return 0;
    }
    if (s.skipped) {
      io.out(`${s.file}: ${s.skipped}`);
      return 0;
    }
    io.out(`${s.file} (sha256 ${s.sha256.slice(0, 12)}): capture ${s.captureId}, ${s.observations} observations of ${s.products} products (${s.unclassified} unclassified), ${s.rejected} rows rejected`);
    for (const g of s.rejectedByReason) io.out(`  ${String(g.count).padStart(7)}  ${g.reason}   e.g. ${g.example}`);
    return 0;
  });
}
