// Bench plumbing: result shapes, timing, child processes with peak RSS, external tools, the figures table.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Sizes } from "./sizes.ts";

export const BENCH_DIR = fileURLToPath(new URL(".", import.meta.url));
export const ROOT = join(BENCH_DIR, "..");

/** A figure and its baseline. `slowdown` > 1 means slower (or bigger) than the baseline. */
export interface Figure {
  measure: string;
  value: number | null;
  unit: string;
  baseline: number | null;
  baselineLabel: string;
  /** baseline/value for "higher is better" units, value/baseline for "lower is better"; null without a baseline. */
  slowdown: number | null;
  target: string;
  /** Whether the target was met; null when it does not apply or could not be measured. */
  met: boolean | null;
  note?: string;
}

export interface BenchResult {
  id: string;
  title: string;
  /** Data size and shape, stated. */
  data: string;
  figures: Figure[];
  notes: string[];
  seconds: number;
}

export interface BenchContext {
  /** --quick (or --tiny): a smoke check; targets are reported, not judged. */
  quick: boolean;
  /** Data sizes of this run's mode. */
  sizes: Sizes;
  seed: number;
  /** --days: history length override for the fixings, API and export benches (full density over fewer days). */
  historyDays?: number;
  /** Temporary folder for this run (deleted at the end unless --keep). */
  tmp: string;
  log: (line: string) => void;
  /** Shared between benchmarks of one run (e.g. the fixings database reused by the API and export benches). */
  state: Map<string, unknown>;
}

export type Bench = (ctx: BenchContext) => Promise<BenchResult>;

/** A figure comparing `value` to `baseline`; `higherIsBetter` decides the slowdown's direction. */
export function figure(f: { measure: string; value: number | null; unit: string; baseline: number | null; baselineLabel: string; higherIsBetter: boolean; maxSlowdown?: number; target?: string; note?: string }): Figure {
  const usable = f.value !== null && f.baseline !== null && f.value > 0 && f.baseline > 0;
  const slowdown = usable ? (f.higherIsBetter ? f.baseline! / f.value! : f.value! / f.baseline!) : null;
  const met = f.maxSlowdown === undefined || slowdown === null ? null : slowdown <= f.maxSlowdown;
  return {
    measure: f.measure, value: f.value, unit: f.unit, baseline: f.baseline, baselineLabel: f.baselineLabel, slowdown,
    target: f.target ?? (f.maxSlowdown !== undefined ? `<= ${f.maxSlowdown}x baseline` : ""), met, ...(f.note ? { note: f.note } : {}),
  };
}

/** A figure with an absolute target (e.g. p99 under 20 ms) and no ratio to a baseline. */
export function absolute(f: { measure: string; value: number | null; unit: string; max?: number; min?: number; target?: string; note?: string; baseline?: number | null; baselineLabel?: string }): Figure {
  const met = f.value === null ? null : f.max !== undefined ? f.value <= f.max : f.min !== undefined ? f.value >= f.min : null;
  return { measure: f.measure, value: f.value, unit: f.unit, baseline: f.baseline ?? null, baselineLabel: f.baselineLabel ?? "", slowdown: null, target: f.target ?? "", met, ...(f.note ? { note: f.note } : {}) };
}

export function mb(bytes: number): number {
  return bytes / 1_000_000;
}

/** Run `fn` repeatedly (at least `minReps` and `minSeconds` total) and return the median seconds per run. */
export async function medianSeconds(fn: () => unknown | Promise<unknown>, opts: { minReps?: number; minSeconds?: number; maxReps?: number } = {}): Promise<number> {
  const minReps = opts.minReps ?? 3;
  const minSeconds = opts.minSeconds ?? 1;
  const maxReps = opts.maxReps ?? 50;
  const times: number[] = [];
  let total = 0;
  while (times.length < maxReps && (times.length < minReps || total < minSeconds)) {
    const t0 = process.hrtime.bigint();
    await fn();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    times.push(s);
    total += s;
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function since(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** The p-th percentile (0..100) of unsorted numbers. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface ChildOutcome<T> {
  result: T;
  /** Peak resident set size of the child, in MB (process.resourceUsage().maxRSS). */
  peakRssMB: number;
  seconds: number;
}

/** Node flags for bench children: BENCH_CPU_PROF=<dir> writes a .cpuprofile per child there. */
function childArgs(task: string, args: unknown): string[] {
  const prof = process.env.BENCH_CPU_PROF;
  return [...(prof ? ["--cpu-prof", `--cpu-prof-dir=${prof}`] : []), "--import", "tsx", join(BENCH_DIR, "child.ts"), task, JSON.stringify(args)];
}

/** Run one task of bench/child.ts in a fresh Node process; it prints `@@result <json>` as its last act. */
export async function runChild<T>(task: string, args: unknown, opts: { env?: Record<string, string> } = {}): Promise<ChildOutcome<T>> {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, childArgs(task, args), {
    cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const line = out.split("\n").find((l) => l.startsWith("@@result "));
  if (code !== 0 || !line) throw new Error(`bench child "${task}" failed (exit ${code}): ${err.trim().split("\n").slice(-8).join("\n")}`);
  const parsed = JSON.parse(line.slice("@@result ".length)) as { result: T; maxRssKB: number };
  return { result: parsed.result, peakRssMB: parsed.maxRssKB / 1024, seconds: since(t0) };
}

/** Whether an external command exists (it can be spawned; `wrk --version` exits 1, so the status is ignored). */
export function hasTool(cmd: string): boolean {
  return spawnSync(cmd, ["--version"], { stdio: "ignore" }).error === undefined;
}

export function toolLine(cmd: string, pkg: string): string {
  return `baseline unavailable: install ${cmd} (Debian package ${pkg}: apt-get install -y ${pkg})`;
}

/**
 * Run an external command to completion, timed; peak RSS through GNU time when /usr/bin/time exists.
 * stdout goes to `stdoutPath` (or is discarded).
 */
export async function runTimed(cmd: string, args: string[], opts: { stdoutPath?: string; input?: string; cwd?: string } = {}): Promise<{ seconds: number; peakRssMB: number | null; stderr: string }> {
  const timeFile = join(process.env.TMPDIR ?? "/tmp", `cpi-bench-time-${process.pid}-${Date.now()}`);
  const useTime = existsSync("/usr/bin/time");
  const argv = useTime ? ["-f", "%M", "-o", timeFile, cmd, ...args] : args;
  const { openSync, closeSync } = await import("node:fs");
  const fd = opts.stdoutPath ? openSync(opts.stdoutPath, "w") : "ignore";
  const t0 = process.hrtime.bigint();
  const child = spawn(useTime ? "/usr/bin/time" : cmd, argv, { cwd: opts.cwd, stdio: [opts.input !== undefined ? "pipe" : "ignore", fd, "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  if (opts.input !== undefined) child.stdin!.end(opts.input);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const seconds = since(t0);
  if (typeof fd === "number") closeSync(fd);
  let peakRssMB: number | null = null;
  if (useTime && existsSync(timeFile)) {
    const kb = Number(readFileSync(timeFile, "utf8").trim().split("\n").pop());
    peakRssMB = Number.isFinite(kb) ? kb / 1024 : null;
    rmSync(timeFile, { force: true });
  }
  if (code !== 0) throw new Error(`${cmd} exited ${code}: ${stderr.trim().slice(-500)}`);
  return { seconds, peakRssMB, stderr };
}

/** Import a project module that another part of the project may not have finished; the error as text. */
export async function tryImport<T>(load: () => Promise<T>): Promise<T | string> {
  try {
    return await load();
  } catch (error) {
    return error instanceof Error ? error.message.split("\n")[0]! : String(error);
  }
}

export interface RunningChild {
  url: string;
  pid: number;
  /** SIGTERM, wait for exit; returns the child's peak RSS (MB) when it reported one. */
  stop(): Promise<{ peakRssMB: number | null }>;
}

/** Start a serving task of bench/child.ts and wait for its `@@ready <url>` line. */
export async function startChild(task: string, args: unknown, timeoutMs = 120_000): Promise<RunningChild> {
  const child = spawn(process.execPath, childArgs(task, args), { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench child "${task}" not ready after ${timeoutMs} ms: ${err.slice(-500)}`)), timeoutMs);
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /@@ready (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void closed.then((code) => {
      clearTimeout(timer);
      reject(new Error(`bench child "${task}" exited (${code}) before ready: ${err.trim().split("\n").slice(-8).join("\n")}`));
    });
  });
  return {
    url,
    pid: child.pid ?? 0,
    async stop() {
      child.kill("SIGTERM");
      await closed;
      const line = out.split("\n").find((l) => l.startsWith("@@result "));
      const kb = line ? (JSON.parse(line.slice(9)) as { maxRssKB: number }).maxRssKB : null;
      return { peakRssMB: kb === null ? null : kb / 1024 };
    },
  };
}
