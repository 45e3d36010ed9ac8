// The figures table (terminal and Markdown) and the results JSON written under bench/results/.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchResult, Figure } from "./harness.ts";

export interface RunReport {
  startedAt: string;
  mode: "full" | "quick";
  seed: number;
  machine: Record<string, string | number>;
  results: BenchResult[];
  missed: string[];
}

function num(value: number | null, unit: string): string {
  if (value === null) return "n/a";
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

function row(r: BenchResult, f: Figure): string[] {
  const baseline = f.baseline === null ? (f.baselineLabel ? `${f.baselineLabel}: n/a` : "") : `${f.baselineLabel} ${num(f.baseline, f.unit.startsWith("ms") ? "ms" : f.unit)}`;
  const ratio = f.slowdown === null ? "" : `${f.slowdown.toFixed(2)}x`;
  const met = f.error ? "ERROR" : f.met === null ? "" : f.met ? "met" : "MISSED";
  return [r.id, f.measure, num(f.value, f.unit), baseline, ratio, f.target, met, [f.error, f.note].filter(Boolean).join("; ")];
}

const HEAD = ["bench", "measure", "value", "baseline (same run)", "vs base", "target", "", "note"];

/** Plain-text table for the terminal. */
export function textTable(results: BenchResult[]): string {
  const rows = [HEAD, ...results.flatMap((r) => r.figures.map((f) => row(r, f)))];
  const widths = HEAD.map((_, i) => Math.max(...rows.map((x) => (x[i] ?? "").length)));
  return rows.map((x) => x.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n");
}

/** Markdown table for bench/README.md. */
export function markdownTable(results: BenchResult[]): string {
  const rows = results.flatMap((r) => r.figures.map((f) => row(r, f)));
  const line = (cells: string[]) => `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(HEAD), line(HEAD.map(() => "---")), ...rows.map(line)].join("\n");
}

export function missedTargets(results: BenchResult[]): string[] {
  return results.flatMap((r) => r.figures.filter((f) => f.met === false || f.error).map((f) => f.error ? `${r.id}: ${f.measure}: ${f.error}` : `${r.id}: ${f.measure}: ${num(f.value, f.unit)} (target ${f.target}${f.slowdown !== null ? `, at ${f.slowdown.toFixed(2)}x` : ""})`));
}

/** Write <dir>/<timestamp>.json and <dir>/latest.json; returns the timestamped path. */
export function writeResults(dir: string, report: RunReport): string {
  mkdirSync(dir, { recursive: true });
  const name = `${report.startedAt.replace(/[:.]/g, "-")}${report.mode === "quick" ? "-quick" : ""}.json`;
  const json = JSON.stringify(report, null, 2) + "\n";
  writeFileSync(join(dir, name), json);
  writeFileSync(join(dir, report.mode === "quick" ? "latest-quick.json" : "latest.json"), json);
  return join(dir, name);
}
