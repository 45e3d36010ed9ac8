// The measured parse path: the ingest job's safeParse (parser + quote re-validation), then normalizeQuote per quote.
import type { CaptureInput } from "../src/schemas/capture.ts";
import type { ParseResult } from "../src/schemas/quote.ts";
import type { SourceDef } from "../src/sources/types.ts";
import type { normalizeQuote as NormalizeQuote } from "../src/normalize/observe.ts";
import { tryImport } from "./harness.ts";

type SafeParse = (source: SourceDef, capture: CaptureInput) => { result: ParseResult | null; error: string | null };

let loaded: Promise<{ safeParse: SafeParse | null; normalize: typeof NormalizeQuote | string }> | null = null;

function modules() {
  loaded ??= (async () => {
    const ingest = await tryImport(() => import("../src/jobs/ingest.ts"));
    const observe = await tryImport(() => import("../src/normalize/observe.ts"));
    return {
      safeParse: typeof ingest === "string" ? null : (ingest.safeParse as SafeParse),
      normalize: typeof observe === "string" ? observe : observe.normalizeQuote,
    };
  })();
  return loaded;
}

export interface PipelineCounts {
  quotes: number;
  observations: number;
  skipped: number;
  /** Why normalization was not measured (module missing), or null. */
  normalizeError: string | null;
}

export async function parseAndNormalize(source: SourceDef, capture: CaptureInput): Promise<PipelineCounts> {
  const { safeParse, normalize } = await modules();
  let result: ParseResult;
  if (safeParse) {
    const parsed = safeParse(source, capture);
    if (!parsed.result) throw new Error(`${source.id}: ${parsed.error}`);
    result = parsed.result;
  } else {
    result = source.parse(capture);
  }
  let observations = 0;
  if (typeof normalize !== "string") {
    const ctx = { source: source.id, captureId: 1, fetchedAt: capture.fetchedAt };
    for (const q of result.quotes) observations += normalize(q, ctx).observations.length;
  }
  return { quotes: result.quotes.length, observations, skipped: result.skipped.length, normalizeError: typeof normalize === "string" ? normalize : null };
}
