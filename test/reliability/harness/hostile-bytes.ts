// Hostile capture bytes for parser properties: arbitrary bytes and mutations of the project's own source fixtures.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { SourceDef } from "../../../src/sources/types.ts";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "sources");

/** Every fixture under test/fixtures/sources/<kind>/, by kind folder. */
export function fixturesByKind(): Map<string, { name: string; bytes: Uint8Array }[]> {
  const out = new Map<string, { name: string; bytes: Uint8Array }[]>();
  for (const kind of readdirSync(FIXTURES)) {
    out.set(kind, readdirSync(join(FIXTURES, kind)).sort().map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(FIXTURES, kind, name))) })));
  }
  return out;
}

/** The fixtures a source parses to at least one quote; else every fixture of its kind (still hostile input). */
export function fixturesFor(source: SourceDef, all: Map<string, { name: string; bytes: Uint8Array }[]>, probe: (bytes: Uint8Array) => number): Uint8Array[] {
  const own = all.get(source.kind) ?? [];
  const parsing = own.filter((f) => probe(f.bytes) > 0);
  return (parsing.length > 0 ? parsing : own).map((f) => f.bytes);
}

const WEIRD_VALUES = ["null", "-1", "0", "1e309", "-0", "NaN", '"abc"', '""', "[]", "{}", "true", "99999999999999999999999", "0.0000000000000000001", '"1,5"', '"\u202e"', '"$(rm -rf /)"', '"\\u0000"'];
const WEIRD_CELLS = ["", "-1", "1e309", "NaN", "N/A", '"', '""', "\u0000", "9".repeat(400), "0x10", "１２"];

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const i = Math.min(at, bytes.length);
  const out = new Uint8Array(bytes.length - Math.min(remove, bytes.length - i) + insert.length);
  out.set(bytes.subarray(0, i), 0);
  out.set(insert, i);
  out.set(bytes.subarray(i + Math.min(remove, bytes.length - i)), i + insert.length);
  return out;
}

/** Replace the n-th JSON scalar (number, string, literal) of the text with a weird value. */
function replaceScalar(text: string, n: number, value: string): string {
  const re = /-?\d+(\.\d+)?([eE][+-]?\d+)?|"(?:[^"\\]|\\.)*"|true|false|null/g;
  const hits = [...text.matchAll(re)];
  if (hits.length === 0) return text;
  const hit = hits[n % hits.length]!;
  return text.slice(0, hit.index) + value + text.slice(hit.index + hit[0].length);
}

/** Replace the n-th CSV cell (split on commas of the n-th line) with a weird cell. */
function replaceCell(text: string, n: number, cell: string): string {
  const lines = text.split("\n");
  const li = n % lines.length;
  const cells = lines[li]!.split(",");
  cells[(n >> 4) % cells.length] = cell;
  lines[li] = cells.join(",");
  return lines.join("\n");
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** One mutation of `base`: byte flips, truncation, insertion, deletion, duplication, weird scalars and cells, BOM, line endings. */
export function mutated(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  const pos = fc.nat({ max: Math.max(0, base.length) });
  return fc.oneof(
    fc.tuple(pos, fc.integer({ min: 0, max: 255 })).map(([i, b]) => splice(base, i, 1, Uint8Array.of(b))),
    pos.map((i) => base.subarray(0, i)),
    fc.tuple(pos, fc.uint8Array({ maxLength: 64 })).map(([i, ins]) => splice(base, i, 0, ins)),
    fc.tuple(pos, fc.nat({ max: 4096 })).map(([i, n]) => splice(base, i, n, new Uint8Array())),
    fc.tuple(pos, fc.nat({ max: 2048 })).map(([i, n]) => splice(base, i, 0, base.subarray(i, i + n))),
    fc.tuple(fc.nat(), fc.constantFrom(...WEIRD_VALUES)).map(([n, v]) => enc.encode(replaceScalar(dec.decode(base), n, v))),
    fc.tuple(fc.nat(), fc.constantFrom(...WEIRD_CELLS)).map(([n, v]) => enc.encode(replaceCell(dec.decode(base), n, v))),
    fc.constant(splice(base, 0, 0, Uint8Array.of(0xef, 0xbb, 0xbf))),
    fc.constant(enc.encode(dec.decode(base).replace(/\r?\n/g, "\r\n"))),
    fc.constant(enc.encode(dec.decode(base).replace(/\r?\n/g, "\r"))),
    fc.tuple(fc.array(fc.tuple(pos, fc.integer({ min: 0, max: 255 })), { minLength: 2, maxLength: 20 })).map(([flips]) => {
      const copy = base.slice();
      for (const [i, b] of flips) if (i < copy.length) copy[i] = b;
      return copy;
    }),
  );
}

/** Arbitrary bytes, including text-like ones (JSON and CSV punctuation) so parsers get past their first check. */
export function arbitraryBytes(): fc.Arbitrary<Uint8Array> {
  const texty = fc.array(fc.constantFrom("{", "}", "[", "]", ",", ":", '"', "\n", "\r\n", "data", "price", "0.5", "-", "null", "<html>", "a", " ", "\\", "1e999"), { maxLength: 200 }).map((parts) => enc.encode(parts.join("")));
  return fc.oneof(fc.uint8Array({ maxLength: 2048 }), texty, fc.string({ unit: "binary", maxLength: 512 }).map((s) => enc.encode(s)));
}
