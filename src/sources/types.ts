// The shape every source module has: identity, where and when to fetch, and a pure parser.
import type { CaptureInput } from "../schemas/capture.ts";
import type { InputTier, ParseResult } from "../schemas/quote.ts";

export interface SourceRequest {
  url: string;
  headers?: Record<string, string>;
}

/** What a collection run knows of the methodology: sources whose requests follow from the index definitions read it. */
export interface SourceScope {
  /** Token models whose traded volume the index definitions use as weights (src/index/token2/volume.ts volumeModels). */
  tokenVolumeModels?: readonly string[];
}

export interface SourceDef {
  /** Stable id used in the store and the API (e.g. "openrouter", "skypilot-lambda"). */
  id: string;
  title: string;
  kind: "gpu" | "token" | "fx";
  /** Where the documentation or page of the source lives, for humans. */
  homepage: string;
  /** cron expression (node-cron syntax, UTC). */
  schedule: string;
  /** Strongest input tier the source's quotes can claim. */
  tier: InputTier;
  /** Env variable holding an API key; without it the source is disabled with `reason`. */
  requiresKey?: { env: string; reason: string };
  /** The requests one collection makes; `key` is the configured key when requiresKey is set. */
  requests(key: string | null, scope?: SourceScope): SourceRequest[];
  /** The requests follow from the scope (the methodology): no requests without one does not make it a manual source. */
  scoped?: boolean;
  /** For paged APIs: the next page's URL given a page's capture, or null at the end. */
  nextPage?(capture: CaptureInput): string | null;
  /** Pure: bytes in, quotes and reasoned skips out. Throws SourceParseError when the whole capture is unusable. */
  parse(capture: CaptureInput): ParseResult;
  /** Schema-drift guard: fewer quotes than this from a capture marks the source degraded. */
  minQuotes?: number;
}

/** The whole capture could not be parsed: wrong shape, truncated, HTML instead of JSON... */
export class SourceParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SourceParseError";
  }
}
