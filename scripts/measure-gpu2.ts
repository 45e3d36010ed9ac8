// Provenance of the GPU 2.0 figures (methodology/gpu.md, CHANGELOG 2.0.0 ### GPU): back-calculates every GPU index over
// data/bundle under the current definitions (1.x) and under them stamped 2.0.0, into temporary SQLite files, and
// prints per index the largest daily move and the mean level before and after, and the H100 SXM readings.
// Run: npx tsx scripts/measure-gpu2.ts [--codes A,B] [--json out.json]
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "../src/db/index.ts";
import type { Store } from "../src/db/index.ts";
import { loadMethodology } from "../src/index/index.ts";
import type { Methodology } from "../src/index/index.ts";
import { singleVersionSet } from "../src/index/versions.ts";
import { comparePeer } from "../src/cli/compare.ts";
import { loadBundle } from "../src/jobs/bundle.ts";
import { backfill } from "../src/jobs/history.ts";
import { silentLogger } from "../src/jobs/logger.ts";
import type { Fixing } from "../src/schemas/fixing.ts";
import type { IndexDefinition } from "../src/schemas/methodology.ts";

const signer = { keyId: "measure", publicKeyPem: "", sign: (hash: string) => `measure:${hash.slice(0, 16)}` };
const now = () => new Date("2026-09-01T00:00:00.000Z");

export interface SeriesStats {
  code: string;
  rows: number;
  valued: number;
  computed: number;
  first: string | null;
  last: string | null;
  mean: number | null;
  largestMove: { date: string; move: number } | null;
  largestMoveMayJun: { date: string; move: number } | null;
}

/** Moves between consecutive valued fixings on consecutive calendar days. */
export function stats(code: string, fixings: readonly Fixing[]): SeriesStats {
  const valued = fixings.filter((f) => f.value !== null);
  const computed = valued.filter((f) => f.status !== "fallback");
  let largest: SeriesStats["largestMove"] = null;
  let largestMj: SeriesStats["largestMoveMayJun"] = null;
  for (let i = 1; i < valued.length; i++) {
    const a = valued[i - 1]!;
    const b = valued[i]!;
    if (Date.parse(b.fixingDate) - Date.parse(a.fixingDate) !== 86_400_000) continue;
    const move = Number(b.value) / Number(a.value) - 1;
    if (!largest || Math.abs(move) > Math.abs(largest.move)) largest = { date: b.fixingDate, move };
    if (b.fixingDate >= "2026-05-01" && b.fixingDate <= "2026-06-30" && (!largestMj || Math.abs(move) > Math.abs(largestMj.move))) largestMj = { date: b.fixingDate, move };
  }
  const mean = computed.length ? computed.reduce((s, f) => s + Number(f.value), 0) / computed.length : null;
  return { code, rows: fixings.length, valued: valued.length, computed: computed.length, first: computed[0]?.fixingDate ?? null, last: computed.at(-1)?.fixingDate ?? null, mean, largestMove: largest, largestMoveMayJun: largestMj };
}

/**
 * Indices new in 2.0, added to methodology/indices.json when the 2.0.0 archive is cut: a 1.x run (the live
 * publisher, the crash and replay suites) must not publish a code its 1.2.0 archive does not define.
 */
export function newIndices2(m: Methodology): IndexDefinition[] {
  // Since the 2.0.0 cut they are in indices.json (introducedIn 2.0.0): nothing to add then.
  if (m.indices.some((d) => d.code === "GPU-A100PCIE80-OD")) return [];
  const template = m.indices.find((d) => d.code === "GPU-H100SXM-OD")!;
  if (template.product.kind !== "gpu") throw new Error("GPU-H100SXM-OD is not a GPU index");
  return [{ ...template, code: "GPU-A100PCIE80-OD", name: "NVIDIA A100 PCIe 80 GB, on-demand, USD per GPU-hour", product: { ...template.product, classIds: ["a100-pcie-80gb"] } }];
}

/** The current definitions stamped 2.0.0 (GPU entries carry their gpu2 rules), with the indices new in 2.0. */
export function methodology2(): Methodology {
  const m = loadMethodology();
  const extra = newIndices2(m).filter((d) => !m.indices.some((e) => e.code === d.code));
  const last = m.indices.findLastIndex((d) => d.family === "gpu");
  return { ...m, version: "2.0.0", indices: [...m.indices.slice(0, last + 1), ...extra, ...m.indices.slice(last + 1)] };
}

export async function backCalculate(methodology: Methodology, codes: string[], dir: string): Promise<Store> {
  mkdirSync(dir, { recursive: true });
  const store = openStore(join(dir, `${methodology.version}.sqlite`));
  await loadBundle(store, "data/bundle");
  await backfill(store, { methodology, versions: singleVersionSet(methodology), signer, now, log: silentLogger }, { codes });
  return store;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const m1 = loadMethodology();
  const m2 = methodology2();
  const codeArg = args.indexOf("--codes");
  const codes = codeArg >= 0 ? args[codeArg + 1]!.split(",") : m2.indices.filter((d) => d.family === "gpu").map((d) => d.code);
  const dir = mkdtempSync(join(tmpdir(), "cpi-gpu2-"));
  const report: Record<string, unknown> = {};
  try {
    const [s1, s2] = [await backCalculate(m1, codes.filter((c) => m1.indices.some((d) => d.code === c)), dir), await backCalculate(m2, codes, dir)];
    for (const code of codes) {
      const before = await s1.fixingHistory(code, {});
      const after = await s2.fixingHistory(code, {});
      const b = stats(code, before);
      const a = stats(code, after);
      const at = (list: Fixing[], date: string) => list.find((f) => f.fixingDate === date)?.value ?? null;
      const readings = Object.fromEntries(["2026-04-28", "2026-05-08", "2026-05-09", "2026-05-21", "2026-05-22", "2026-06-16"].map((d) => [d, { before: at(before, d), after: at(after, d) }]));
      const reasons = new Map<string, number>();
      for (const f of after) if (f.value === null || f.status === "fallback") reasons.set(f.panel?.gate.reason ?? f.note ?? "", (reasons.get(f.panel?.gate.reason ?? f.note ?? "") ?? 0) + 1);
      // The quality-adjusted companion (tpd) in the same bodies: its own largest move and readings.
      const companion = stats(`${code} tpd`, after.filter((f) => f.tpd?.level).map((f) => ({ ...f, value: f.tpd!.level, status: f.tpd!.status === "carried" ? "fallback" : f.status })));
      const tpdReadings = Object.fromEntries(Object.keys(readings).map((d) => [d, after.find((f) => f.fixingDate === d)?.tpd?.level?.slice(0, 6) ?? null]));
      report[code] = { before: b, after: a, companion, readings, tpdReadings, withheld: [...reasons.entries()].sort((x, y) => y[1] - x[1]).slice(0, 3) };
      console.log(`  2.0 tpd companion: ${companion.computed} spliced, mean ${companion.mean?.toFixed(4)}, largest move ${companion.largestMove ? `${(companion.largestMove.move * 100).toFixed(2)}% on ${companion.largestMove.date}` : "-"}; ${JSON.stringify(tpdReadings)}`);
      const fmt = (s: SeriesStats) => `${s.computed} computed ${s.first}..${s.last}, mean ${s.mean?.toFixed(4)}, largest move ${s.largestMove ? `${(s.largestMove.move * 100).toFixed(2)}% on ${s.largestMove.date}` : "-"}`;
      console.log(`${code}\n  1.x: ${fmt(b)}\n  2.0: ${fmt(a)}; May-June largest ${a.largestMoveMayJun ? `${(a.largestMoveMayJun.move * 100).toFixed(2)}% on ${a.largestMoveMayJun.date}` : "-"}`);
      console.log(`  readings ${JSON.stringify(readings)}`);
    }
    // The same comparison as `cpi compare --peer ../shared/fixtures/peers/ornn_gpu_index_to_2026-08-08.csv`.
    const peer = "../shared/fixtures/peers/ornn_gpu_index_to_2026-08-08.csv";
    if (existsSync(peer)) {
      const csv = readFileSync(peer, "utf8");
      for (const [label, store] of [["1.x", s1], ["2.0", s2]] as const) {
        for (const c of await comparePeer(store, csv, {})) {
          if (!codes.includes(c.index)) continue;
          const line = { commonDays: c.commonDays, from: c.from, to: c.to, meanDiff: c.meanDiff, meanDiffPct: c.meanDiffPct, changeCorrelation: c.changeCorrelation };
          console.log(`peer ornn ${c.series} vs ${c.index} ${label}: ${JSON.stringify(line)}`);
          (report[`peer ${c.index} ${label}`] = line);
        }
      }
    }
    await s1.close();
    await s2.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const jsonArg = args.indexOf("--json");
  if (jsonArg >= 0) writeFileSync(args[jsonArg + 1]!, `${JSON.stringify(report, null, 1)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
