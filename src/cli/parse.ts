// `cpi parse <source> <file>`: normalized observations of a capture file as JSON lines; skips on stderr.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { findSource } from "../sources/registry.ts";
import { safeParse } from "../jobs/ingest.ts";
import { normalizeQuote } from "../normalize/observe.ts";
import { clockOf, parseArgs, type CliIo } from "./io.ts";

export function summarize(reasons: string[]): string[] {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${String(n).padStart(6)}  ${r}`);
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args);
  const [sourceId, file] = positional;
  if (!sourceId || !file) {
    io.err("usage: cpi parse <source> <file> [--observed-at ISO]");
    return 2;
  }
  const source = findSource(sourceId);
  if (!source) {
    io.err(`cpi parse: unknown source "${sourceId}"`);
    return 2;
  }
  const path = resolve(io.cwd, file);
  const bytes = new Uint8Array(readFileSync(path));
  const fetchedAt = typeof options["observed-at"] === "string" ? new Date(options["observed-at"]).toISOString() : clockOf(io)().toISOString();
  const { result, error } = safeParse(source, { url: pathToFileURL(path).href, fetchedAt, contentType: null, bytes });
  if (!result) {
    io.err(`cpi parse: ${file} could not be parsed: ${error}`);
    return 1;
  }
  const reasons = result.skipped.map((s) => s.reason);
  let count = 0;
  for (const quote of result.quotes) {
    const n = normalizeQuote(quote, { source: source.id, captureId: null, fetchedAt });
    if (n.quarantineReason) reasons.push(`quarantined: ${n.quarantineReason}`);
    for (const o of n.observations) {
      count++;
      io.out(JSON.stringify({
        source: o.source, provider: o.provider, product: o.product, classified: o.product !== "unclassified", rawName: o.rawName,
        metric: o.metric, quantization: o.quantization, term: o.term, region: o.region, unit: o.unit, currency: o.currency,
        price: o.price, observed_at: o.observedAt, tier: o.tier, attrs: o.attrs,
      }));
    }
  }
  io.err(`cpi parse: ${result.quotes.length} quotes -> ${count} observations; ${reasons.length} rows skipped or quarantined`);
  for (const line of summarize(reasons)) io.err(line);
  return 0;
}
