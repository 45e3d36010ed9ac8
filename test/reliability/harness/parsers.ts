// Hostile input properties of every source parser: schema-valid quotes, reasoned skips, or SourceParseError.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { allSources } from "../../../src/sources/registry.ts";
import { SourceParseError, type SourceDef } from "../../../src/sources/types.ts";
import { Quote } from "../../../src/schemas/quote.ts";
import { arbitraryBytes, fixturesByKind, fixturesFor, mutated } from "./hostile-bytes.ts";

function capture(source: SourceDef, bytes: Uint8Array) {
  const url = source.requests("test-key-0000")[0]?.url ?? `file:///captures/${source.id}`;
  return { sourceId: source.id, url, fetchedAt: "2026-05-01T12:00:00.000Z", contentType: null, bytes };
}

/** The parser boundary's contract; returns a description of the first breach, or null. */
export function breach(source: SourceDef, bytes: Uint8Array): string | null {
  let result;
  try {
    result = source.parse(capture(source, bytes));
  } catch (error) {
    if (!(error instanceof SourceParseError)) return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} instead of SourceParseError`;
    return error.message.trim() === "" ? "SourceParseError without a message" : null;
  }
  for (const q of result.quotes) {
    const checked = Quote.safeParse(q);
    if (!checked.success) return `quote fails the schema: ${checked.error.issues[0]?.path.join(".")}: ${checked.error.issues[0]?.message} in ${JSON.stringify(q).slice(0, 300)}`;
  }
  for (const s of result.skipped) if (typeof s.reason !== "string" || s.reason.trim() === "") return `skip without a reason at ${s.locator}`;
  if (source.nextPage) {
    try {
      const next = source.nextPage(capture(source, bytes));
      if (next !== null && typeof next !== "string") return "nextPage returned neither a URL nor null";
    } catch (error) {
      if (!(error instanceof SourceParseError)) return `nextPage threw ${error instanceof Error ? error.name : String(error)}`;
    }
  }
  return null;
}

/** Declares the parser properties for every registered source with `runs` cases per input family (x3 for mutations). */
export function parserSuite(runs: number, seed = 20261121): void {
  const all = fixturesByKind();
  describe.each(allSources.map((s) => [s.id, s] as const))("parser %s", (_id, source) => {
    const probe = (bytes: Uint8Array) => {
      try {
        return source.parse(capture(source, bytes)).quotes.length;
      } catch {
        return 0;
      }
    };
    const bases = fixturesFor(source, all, probe);

    it("arbitrary bytes: quotes pass the schema, skips have reasons, failures are SourceParseError", () => {
      fc.assert(fc.property(arbitraryBytes(), (bytes) => {
        expect(breach(source, bytes)).toBeNull();
      }), { numRuns: runs, seed });
    });

    it("mutated fixtures: the same contract", () => {
      expect(bases.length).toBeGreaterThan(0);
      const cases = fc.nat({ max: bases.length - 1 }).chain((i) => mutated(bases[i]!));
      fc.assert(fc.property(cases, (bytes) => {
        expect(breach(source, bytes)).toBeNull();
      }), { numRuns: runs * 3, seed: seed + 1 });
    });
  });
}
