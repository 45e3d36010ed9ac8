// Load generation in a separate process: wrk (Debian package) when installed, else a small undici closed-loop client.
import { spawn } from "node:child_process";
import { percentile } from "./harness.ts";
import { hasTool, runChild } from "./proc.ts";

export interface LoadResult {
  tool: string;
  requests: number;
  rps: number;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Responses outside 2xx/3xx, and socket errors. */
  errors: number;
}

/** "1.23ms" / "850.00us" / "1.02s" -> milliseconds. */
export function wrkDuration(text: string): number | null {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] === "us" ? n / 1000 : m[2] === "ms" ? n : m[2] === "s" ? n * 1000 : n * 60_000;
}

export function parseWrk(out: string): Omit<LoadResult, "tool"> {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN);
  const pct = (p: string) => {
    const m = new RegExp(`^\\s+${p}%\\s+(\\S+)`, "m").exec(out);
    return m ? wrkDuration(m[1]!) : null;
  };
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((n, x) => n + Number(x), 0) : 0;
  return { requests, rps, p50Ms: pct("50"), p99Ms: pct("99"), errors: non2xx + socketErrors };
}

async function wrk(url: string, connections: number, seconds: number): Promise<LoadResult> {
  const child = spawn("wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", url], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`wrk exited ${code}: ${out.slice(-300)}`);
  return { tool: "wrk 1 thread", ...parseWrk(out) };
}

/** Closed loop: `connections` workers each sending the next request when the last one finished. */
export async function undiciLoad(url: string, connections: number, seconds: number): Promise<LoadResult> {
  const { Pool } = await import("undici");
  const u = new URL(url);
  const pool = new Pool(u.origin, { connections, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (Date.now() < end) {
      const start = process.hrtime.bigint();
      try {
        const res = await pool.request({ path: u.pathname + u.search, method: "GET" });
        await res.body.dump({ limit: Number.MAX_SAFE_INTEGER });
        if (res.statusCode >= 400) errors++;
      } catch {
        errors++;
      }
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }));
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  await pool.close();
  return { tool: "undici closed-loop client (wrk not installed)", requests: latencies.length, rps: latencies.length / elapsed, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), errors };
}

/** Drive `url` from a separate process: wrk if installed, else bench/child.ts load (undici). */
export async function loadTest(url: string, connections: number, seconds: number): Promise<LoadResult> {
  if (hasTool("wrk")) return wrk(url, connections, seconds);
  return (await runChild<LoadResult>("load", { url, connections, seconds })).result;
}
