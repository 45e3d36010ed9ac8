// Importers of dated token-price snapshots (OpenRouter endpoints/models, LiteLLM): the live parsers, re-stamped as history.
import type { CaptureInput } from "../../schemas/capture.ts";
import type { ParseResult } from "../../schemas/quote.ts";
import { parseLiteLlm } from "../token/litellm.ts";
import { parseOpenRouterModels } from "../token/openrouter.ts";
import { parseOpenRouterEndpoints } from "../token/openrouter-endpoints.ts";
import { dateInName, dayNoon } from "./days.ts";
import { importSource, ImportCollector } from "./import-collector.ts";
import type { ImportContext, ImportResult, Importer } from "./types.ts";

/**
 * Wrap a live parser: the snapshot's day comes from ctx.captureDate (or the file name); a quote
 * without its own time (models, LiteLLM) is observed at `timeOf(day)`, noon UTC unless the format says
 * otherwise, one with a time (endpoints' scraped_at) keeps it. Parser skips become rejections with the
 * parser's reason.
 */
export function snapshotImporter(format: string, parse: (capture: CaptureInput) => ParseResult, timeOf: (day: string) => string = dayNoon): Importer {
  return (bytes: Uint8Array, ctx: ImportContext): ImportResult => {
    const out = new ImportCollector(ctx, importSource(format));
    const day = ctx.captureDate ?? dateInName(ctx.dataset);
    if (day === null) {
      out.reject("file", "no snapshot date: name the file <name>_YYYY-MM-DD.<ext> or pass ctx.captureDate");
      return out.result;
    }
    const fetchedAt = timeOf(day);
    const parsed = parse({ sourceId: importSource(format), url: `file:${ctx.dataset}`, fetchedAt, contentType: null, bytes });
    for (const s of parsed.skipped) out.reject(s.locator, s.reason);
    for (const q of parsed.quotes) {
      if (q.kind === "fx") continue;
      out.quote({ ...q, observedAt: q.observedAt ?? fetchedAt }, q.locator, { snapshotDate: day, sourceTier: q.tier });
    }
    return out.result;
  };
}

export const importOpenRouterEndpoints = snapshotImporter("openrouter-endpoints", parseOpenRouterEndpoints);
export const importOpenRouterModels = snapshotImporter("openrouter-models", parseOpenRouterModels);
export const importLiteLlm = snapshotImporter("litellm", parseLiteLlm);
