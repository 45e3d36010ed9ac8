// One validation per quote: the collector validates and marks; the ingest wall re-checks only unmarked quotes.
import { describe, expect, it } from "vitest";
import { isValidatedQuote, QuoteCollector } from "../../src/sources/quote-collector.ts";
import { safeParse } from "../../src/jobs/ingest.ts";
import type { SourceDef } from "../../src/sources/types.ts";

const token = { kind: "token", provider: "p", model: "m", currency: "USD", perTokens: 1, input: "0.1", output: "0.2", tier: "list_price", locator: "[0]" } as const;

describe("QuoteCollector", () => {
  it("marks the quotes it validated and skips an invalid one with the schema's reason", () => {
    const out = new QuoteCollector();
    expect(out.token(token)).toBe(true);
    expect(out.token({ ...token, input: "1e-7", locator: "[1]" })).toBe(false);
    expect(isValidatedQuote(out.result.quotes[0])).toBe(true);
    expect(out.skipped[0]).toMatchObject({ locator: "[1]", reason: expect.stringMatching(/^invalid quote: /) });
  });

  it("the ingest wall still re-validates quotes of a parser that bypassed the collector", () => {
    const source = { id: "x", parse: () => ({ quotes: [{ ...token, input: "bad" }], skipped: [] }) } as unknown as SourceDef;
    const { result } = safeParse(source, { url: "u", fetchedAt: "2026-01-01T00:00:00.000Z", contentType: null, bytes: new Uint8Array() });
    expect(result?.quotes).toHaveLength(0);
    expect(result?.skipped[0]?.reason).toMatch(/^invalid quote/);
  });
});
