// The RFC 4180 reader agrees with csv-parse on generated and real CSV, and rejects truncation.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { parse as parseCsv } from "csv-parse/sync";
import { readCsv } from "../../src/sources/csv.ts";
import { SourceParseError } from "../../src/sources/types.ts";
import { describeShared, sharedFiles } from "../helpers/shared.ts";

const reference = (text: string) => parseCsv(text, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];

function serialize(rows: string[][], eol: string): string {
  return rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) || c === "" ? `"${c.replaceAll('"', '""')}"` : c)).join(",")).join(eol) + eol;
}

describe("readCsv", () => {
  it("reads quoted commas, escaped quotes, embedded line breaks, CRLF and a BOM", () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",\r\n\r\n';
    expect(readCsv(text)).toEqual([["a", "b", "c"], ["1", "x, y", 'say "hi"'], ["2", "two\nlines", ""]]);
  });

  it("throws a SourceParseError on an unterminated quote", () => {
    expect(() => readCsv('a,b\n1,"unfinished')).toThrow(SourceParseError);
  });

  it("agrees with csv-parse on any table of cells, LF or CRLF", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "1", ",", '"', "\n", " ", "é", "x") , maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 }), fc.constantFrom("\n", "\r\n"), (rows, eol) => {
        const text = serialize(rows, eol);
        expect(readCsv(text)).toEqual(reference(text));
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describeShared("readCsv over the real CSV captures", () => {
  const files = [...sharedFiles("skypilot", /\.csv$/), ...sharedFiles("gpu-history", /\.csv$/), ...sharedFiles("openrouter", /\.csv$/)];
  it.each(files)("%s reads as csv-parse reads it", (file) => {
    const text = readFileSync(file, "utf8");
    expect(readCsv(text)).toEqual(reference(text));
  });
});
