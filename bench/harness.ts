// Bench plumbing: result shapes, figures against baselines, timing helpers, tolerant imports.
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
  /** How much work the figure measured (fixings, rows, requests, bytes): a figure over no work is an error. */
  work: Work;
  /** Set when the figure cannot be judged at all (zero work): an error, never "met", also under --quick. */
  error?: string;
  note?: string;
}

/** The amount of work behind a figure, stated with its unit ("fixings", "rows", "requests", "bytes"). */
export interface Work {
  count: number;
  unit: string;
}

/** The error of a figure measured over `work`, or null when there was work to measure. */
export function zeroWorkError(work: Work): string | null {
  return Number.isFinite(work.count) && work.count > 0 ? null : `error: measured over ${work.count} ${work.unit} (no work)`;
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
  /** Shared between benchmarks of one run: generated inputs only (each bench works on its own copy, never on another bench's output). */
  state: Map<string, unknown>;
}

export type Bench = (ctx: BenchContext) => Promise<BenchResult>;

/** A figure comparing `value` to `baseline`; `higherIsBetter` decides the slowdown's direction. */
export function figure(f: { measure: string; value: number | null; unit: string; baseline: number | null; baselineLabel: string; higherIsBetter: boolean; maxSlowdown?: number; target?: string; note?: string; work: Work }): Figure {
  const error = zeroWorkError(f.work);
  const usable = error === null && f.value !== null && f.baseline !== null && f.value > 0 && f.baseline > 0;
  const slowdown = usable ? (f.higherIsBetter ? f.baseline! / f.value! : f.value! / f.baseline!) : null;
  const met = error !== null ? false : f.maxSlowdown === undefined || slowdown === null ? null : slowdown <= f.maxSlowdown;
  return {
    measure: f.measure, value: f.value, unit: f.unit, baseline: f.baseline, baselineLabel: f.baselineLabel, slowdown,
    target: f.target ?? (f.maxSlowdown !== undefined ? `<= ${f.maxSlowdown}x baseline` : ""), met, work: f.work,
    ...(error ? { error } : {}), ...(f.note ? { note: f.note } : {}),
  };
}

/** A figure with an absolute target (e.g. p99 under 20 ms) and no ratio to a baseline. */
export function absolute(f: { measure: string; value: number | null; unit: string; max?: number; min?: number; target?: string; note?: string; baseline?: number | null; baselineLabel?: string; work: Work }): Figure {
  const error = zeroWorkError(f.work);
  const met = error !== null ? false : f.value === null ? null : f.max !== undefined ? f.value <= f.max : f.min !== undefined ? f.value >= f.min : null;
  return {
    measure: f.measure, value: f.value, unit: f.unit, baseline: f.baseline ?? null, baselineLabel: f.baselineLabel ?? "", slowdown: null, target: f.target ?? "", met, work: f.work,
    ...(error ? { error } : {}), ...(f.note ? { note: f.note } : {}),
  };
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

/** Import a project module that another part of the project may not have finished; the error as text. */
export async function tryImport<T>(load: () => Promise<T>): Promise<T | string> {
  try {
    return await load();
  } catch (error) {
    return error instanceof Error ? error.message.split("\n")[0]! : String(error);
  }
}
