// `cpi compare --peer <csv> [--index CODE --series NAME] [--threshold 0.1] [--json]`: our fixings beside a peer's daily index.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ReadStore } from "../db/index.ts";
import { compareSeries, parsePeerCsv, PEER_INDEX_MAP, type Comparison, type Point } from "../normalize/peer-comparison.ts";
import { withContext } from "./context.ts";
import { parseArgs, type CliIo } from "./io.ts";

export interface PairComparison extends Comparison {
  series: string;
  index: string;
  ourDays: number;
  peerDays: number;
}

/** Our published values (latest revision per date, any status with a value) as points. */
export async function ourPoints(store: ReadStore, code: string): Promise<Point[]> {
  const rows = await store.fixingHistory(code, {});
  return rows.filter((f) => f.value !== null).map((f) => ({ date: f.fixingDate, value: f.value as string }));
}

/** Which (peer series, our index) pairs to compare: one explicit pair, or every mapped series in the file. */
export function pairsFor(peer: Map<string, Point[]>, opts: { index?: string; series?: string }): { series: string; index: string }[] {
  if (opts.series !== undefined) {
    const index = opts.index ?? PEER_INDEX_MAP[opts.series];
    if (!index) throw new Error(`no index mapped to peer series "${opts.series}": pass --index CODE`);
    return [{ series: opts.series, index }];
  }
  const mapped = [...peer.keys()].filter((s) => PEER_INDEX_MAP[s] !== undefined).map((s) => ({ series: s, index: PEER_INDEX_MAP[s]! }));
  return opts.index ? mapped.filter((p) => p.index === opts.index) : mapped;
}

export async function comparePeer(store: ReadStore, csv: string, opts: { index?: string; series?: string; threshold?: string }): Promise<PairComparison[]> {
  const peer = parsePeerCsv(csv);
  const out: PairComparison[] = [];
  for (const { series, index } of pairsFor(peer, opts)) {
    const theirs = peer.get(series) ?? [];
    const ours = await ourPoints(store, index);
    out.push({ series, index, ourDays: ours.length, peerDays: theirs.length, ...compareSeries(ours, theirs, opts.threshold ? { threshold: opts.threshold } : {}) });
  }
  return out;
}

function table(rows: PairComparison[]): string[] {
  const head = ["peer series", "our index", "days", "from", "to", "mean diff", "mean |diff|", "mean diff %", "corr(dlog)", "pairs", "disagree"];
  const body = rows.map((r) => [r.series, r.index, String(r.commonDays), r.from ?? "-", r.to ?? "-", r.meanDiff ?? "-", r.meanAbsDiff ?? "-", r.meanDiffPct ?? "-", r.changeCorrelation ?? "-", String(r.changePairs), `${r.disagreements.length} (>${r.threshold})`]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  return [head, ...body].map((cells) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd());
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options } = parseArgs(args);
  const peerFile = options.peer;
  if (typeof peerFile !== "string") {
    io.err("usage: cpi compare --peer <csv> [--index CODE] [--series NAME] [--threshold 0.1] [--json]");
    return 2;
  }
  const threshold = typeof options.threshold === "string" ? options.threshold : undefined;
  if (threshold !== undefined && !/^\d+(\.\d+)?$/.test(threshold)) {
    io.err("cpi compare: --threshold must be a fraction such as 0.1");
    return 2;
  }
  const csv = readFileSync(resolve(io.cwd, peerFile), "utf8");
  return withContext(io, async ({ store }) => {
    const rows = await comparePeer(store, csv, {
      ...(typeof options.index === "string" ? { index: options.index } : {}),
      ...(typeof options.series === "string" ? { series: options.series } : {}),
      ...(threshold ? { threshold } : {}),
    });
    if (options.json === true) {
      io.out(JSON.stringify(rows));
      return 0;
    }
    if (rows.length === 0) {
      io.out(`no peer series of ${peerFile} maps to an index (mapped: ${Object.keys(PEER_INDEX_MAP).join(", ")}); use --series NAME --index CODE`);
      return 0;
    }
    for (const line of table(rows)) io.out(line);
    for (const r of rows) for (const d of r.disagreements.slice(0, 10)) io.out(`  ${r.index} ${d.date}: ours ${d.ours} vs ${r.series} ${d.peer} (${d.diffPct})`);
    return 0;
  });
}
