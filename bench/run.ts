// `npm run bench [-- --quick] [--only parse,ingest,...] [--seed N] [--keep] [--out DIR]`: the benchmark suite.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { BENCH_DIR, since, type Bench, type BenchContext, type BenchResult } from "./harness.ts";
import { hasTool } from "./proc.ts";
import { sizes } from "./sizes.ts";
import { markdownTable, missedTargets, textTable, writeResults } from "./report.ts";

export const BENCHES: Record<string, () => Promise<Bench>> = {
  parse: async () => (await import("./parse.ts")).runParse,
  ingest: async () => (await import("./ingest.ts")).runIngest,
  fixings: async () => (await import("./fixings.ts")).runFixings,
  api: async () => (await import("./api.ts")).runApi,
  export: async () => (await import("./export.ts")).runExport,
  startup: async () => (await import("./startup.ts")).runStartup,
  stores: async () => (await import("./stores.ts")).runStores,
};

export interface RunOptions {
  quick: boolean;
  /** Test-suite sizes (implies quick). */
  tiny: boolean;
  only: string[];
  seed: number;
  days?: number;
  keep: boolean;
  out: string;
  markdown: boolean;
}

export function parseRunArgs(argv: string[]): RunOptions {
  const opts: RunOptions = { quick: false, tiny: false, only: Object.keys(BENCHES), seed: 20261121, keep: false, out: join(BENCH_DIR, "results"), markdown: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === "--quick") opts.quick = true;
    else if (arg === "--tiny") opts.quick = opts.tiny = true;
    else if (arg === "--keep") opts.keep = true;
    else if (arg === "--markdown") opts.markdown = true;
    else if (arg === "--seed") opts.seed = Number(value());
    else if (arg === "--out") opts.out = value();
    else if (arg === "--days") opts.days = Number(value());
    else if (arg === "--only") opts.only = value().split(",").map((s) => s.trim()).filter(Boolean);
    else throw new Error(`unknown option ${arg} (options: --quick --tiny --only ${Object.keys(BENCHES).join(",")} --seed N --days N --keep --out DIR --markdown)`);
  }
  const unknown = opts.only.filter((b) => !(b in BENCHES));
  if (unknown.length) throw new Error(`unknown benchmark(s) ${unknown.join(", ")}; known: ${Object.keys(BENCHES).join(", ")}`);
  if (!Number.isInteger(opts.seed)) throw new Error("--seed must be an integer");
  if (opts.days !== undefined && !(Number.isInteger(opts.days) && opts.days > 0)) throw new Error("--days must be a positive integer");
  return opts;
}

function machine(): Record<string, string | number> {
  const sqlite = hasTool("sqlite3") ? execFileSync("sqlite3", ["--version"]).toString().split(" ")[0]! : "not installed";
  return { node: process.version, cpu: cpus()[0]?.model ?? "?", cores: cpus().length, memoryGB: Math.round(totalmem() / 1e9), sqlite3: sqlite, wrk: hasTool("wrk") ? "installed" : "not installed (undici load client used)" };
}

export async function runBench(opts: RunOptions, log: (line: string) => void = (l) => console.log(l)): Promise<{ results: BenchResult[]; path: string; missed: string[] }> {
  const startedAt = new Date().toISOString();
  const tmp = mkdtempSync(join(tmpdir(), "cpi-bench-"));
  const ctx: BenchContext = { quick: opts.quick, sizes: sizes(opts.tiny ? "tiny" : opts.quick ? "quick" : "full"), seed: opts.seed, ...(opts.days ? { historyDays: opts.days } : {}), tmp, log, state: new Map() };
  const results: BenchResult[] = [];
  log(`cpi bench (${opts.quick ? "quick: reduced sizes, no thresholds" : "full"}${opts.days ? `, history of ${opts.days} days` : ""}), seed ${opts.seed}, temp ${tmp}`);
  try {
    for (const id of opts.only) {
      log(`- ${id}`);
      const t0 = process.hrtime.bigint();
      try {
        const result = await (await BENCHES[id]!())(ctx);
        // --quick is a smoke check: its figures are reported but targets are not judged.
        // A figure over zero work stays an error in every mode.
        if (opts.quick) for (const f of result.figures) if (!f.error) f.met = null;
        results.push(result);
        log(`  done in ${result.seconds.toFixed(1)} s`);
        log(textTable([result]).replace(/^/gm, "  "));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`  FAILED: ${message}`);
        results.push({ id, title: id, data: "", figures: [], notes: [`failed: ${message}`], seconds: since(t0) });
      }
    }
  } finally {
    if (opts.keep) log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
  const missed = missedTargets(results);
  const path = writeResults(opts.out, { startedAt, mode: opts.quick ? "quick" : "full", seed: opts.seed, machine: machine(), results, missed });
  return { results, path, missed };
}

async function main(): Promise<void> {
  const opts = parseRunArgs(process.argv.slice(2));
  const { results, path, missed } = await runBench(opts);
  console.log("");
  for (const r of results) console.log(`${r.id}: ${r.title}. Data: ${r.data}\n${r.notes.map((n) => `    ${n}`).join("\n")}`);
  console.log("");
  console.log(opts.markdown ? markdownTable(results) : textTable(results));
  console.log("");
  if (missed.length) console.log(`Missed targets:\n${missed.map((m) => `  - ${m}`).join("\n")}`);
  else if (!opts.quick) console.log("All targets met.");
  console.log(`results: ${path}`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "\0")) await main();
