// Collects a history importer's output: quote -> observation with provenance, and rejections grouped by reason.
import { normalizeQuote } from "../../normalize/observe.ts";
import type { NewObservation } from "../../schemas/observation.ts";
import type { GpuQuote, TokenQuote } from "../../schemas/quote.ts";
import type { ImportContext, ImportResult, Rejection } from "./types.ts";

/** Observation source id of an importer format (also the capture source id of `cpi import`). */
export function importSource(format: string): string {
  return `import:${format}`;
}

/** Accumulates observations and rejections; every kept row carries dataset, file hash and row locator. */
export class ImportCollector {
  readonly result: ImportResult = { observations: [], rejected: [] };
  constructor(
    private readonly ctx: ImportContext,
    private readonly source: string,
  ) {}

  reject(row: string, reason: string): void {
    this.result.rejected.push({ row, reason });
  }

  /** Normalize one quote (classification + sanity rules of src/normalize) and stamp provenance. */
  quote(quote: GpuQuote | TokenQuote, row: string, extra: Record<string, unknown> = {}, patch: Partial<NewObservation> = {}): NewObservation[] {
    const norm = normalizeQuote(quote, { source: this.source, captureId: null, fetchedAt: quote.observedAt ?? "1970-01-01T00:00:00.000Z" });
    if (norm.quarantineReason !== null) {
      this.reject(row, norm.quarantineReason);
      return [];
    }
    const made = norm.observations.map((o) => ({
      ...o,
      ...patch,
      tier: "historical_import" as const,
      attrs: { ...o.attrs, ...extra, dataset: this.ctx.dataset, fileSha256: this.ctx.fileSha256, row },
    }));
    this.result.observations.push(...made);
    return made;
  }
}

/** A reason with its figures folded ("implausibly high: 43.92 ..." -> "implausibly high: N ..."), for grouping. */
export function reasonPattern(reason: string): string {
  return reason.replace(/\d+(\.\d+)?/g, "N");
}

/** Rejections grouped by reason pattern, most frequent first, with one example each. */
export function rejectionsByReason(rejected: Rejection[]): { reason: string; count: number; example: Rejection }[] {
  const groups = new Map<string, { reason: string; count: number; example: Rejection }>();
  for (const r of rejected) {
    const key = reasonPattern(r.reason);
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { reason: key, count: 1, example: r });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
}
