// The one place a parser's candidate quotes are validated: zod on every quote, a failure becomes a reasoned skip.
import { z } from "zod";
import { FxQuote, GpuQuote, TokenQuote } from "../schemas/quote.ts";
import type { ParseResult, Quote, Skipped } from "../schemas/quote.ts";
import { checkGpuQuote, checkTokenQuote } from "./quote-check.ts";

/** Quote fields a parser fills; the schemas add the defaults. */
export type GpuQuoteInput = z.input<typeof GpuQuote>;
export type TokenQuoteInput = z.input<typeof TokenQuote>;
export type FxQuoteInput = z.input<typeof FxQuote>;

/**
 * Quotes that passed their schema here. The ingest wall re-validates only quotes not in this set (a
 * parser that bypassed the collector), so each quote is validated once, not twice.
 */
const validated = new WeakSet<object>();

export function isValidatedQuote(quote: unknown): boolean {
  return typeof quote === "object" && quote !== null && validated.has(quote);
}

/** A schema error on one line, for a skip reason. */
export function schemaReason(error: z.ZodError): string {
  return z.prettifyError(error).replace(/\s+/g, " ").trim();
}

/** Collects quotes and skips of one capture; nothing is dropped without a reason. */
export class QuoteCollector {
  readonly result: ParseResult = { quotes: [], skipped: [] };

  skip(locator: string, reason: string): void {
    this.result.skipped.push({ locator, reason });
  }

  get skipped(): Skipped[] {
    return this.result.skipped;
  }

  /** Validate and add; on failure record a skip with the schema's message. Returns whether it was added. */
  gpu(candidate: GpuQuoteInput): boolean {
    // The compiled check passes the common shape; zod decides (and words) everything else.
    const checked = checkGpuQuote(candidate);
    return checked ? this.accept(checked) : this.add(GpuQuote.safeParse(candidate), candidate.locator);
  }

  token(candidate: TokenQuoteInput): boolean {
    const checked = checkTokenQuote(candidate);
    return checked ? this.accept(checked) : this.add(TokenQuote.safeParse(candidate), candidate.locator);
  }

  fx(candidate: FxQuoteInput): boolean {
    return this.add(FxQuote.safeParse(candidate), candidate.locator);
  }

  private add(parsed: { success: true; data: Quote } | { success: false; error: z.ZodError }, locator: string): boolean {
    if (!parsed.success) {
      this.skip(locator, `invalid quote: ${schemaReason(parsed.error)}`);
      return false;
    }
    return this.accept(parsed.data);
  }

  private accept(quote: Quote): boolean {
    validated.add(quote);
    this.result.quotes.push(quote);
    return true;
  }
}
