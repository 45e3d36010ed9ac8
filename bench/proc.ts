// Processes for the benches: bench/child.ts tasks (peak RSS, servers), external tools (sqlite3, wrk) timed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { BENCH_DIR, ROOT, since } from "./harness.ts";

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
