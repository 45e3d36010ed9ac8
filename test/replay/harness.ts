// A replay run: the replayed internet, a proxy, a small bundled history, then `cpi serve` (a child process) on a simulated clock.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { addDays } from "../../src/jobs/fix.ts";
import { dailyRows, makeWorld, writeBundle, type World } from "../reliability/harness/world.ts";
import { startProxyServer, type ProxyServer } from "../helpers/proxy-server.ts";
import { startReplayServer, type ReplayServer } from "./server.ts";
import type { Faults } from "./world.ts";

const ROOT = join(import.meta.dirname, "..", "..");
export const OPERATOR_TOKEN = "replay-operator-token-0123456789";
/** The host only the proxy resolves: the proxied source's mirror. */
export const PROXIED_HOST = "vastai.replay.test";
export const PROXIED_SOURCE = "vastai";

export interface ReplayRun {
  world: World;
  internet: ReplayServer;
  proxy: ProxyServer;
  /** The running publisher's base URL (of the latest `serve`). */
  url: string;
  /** Every JSON log line of the publisher processes so far. */
  logs: Record<string, unknown>[];
  /** The latest simulated clock's last log line (jobs fired, wall time). */
  finished: Record<string, unknown>;
  /** Start `cpi serve` again on the same database with the simulated clock over [start, end]; waits for the end. */
  serve(start: string, end: string): Promise<void>;
  /** Stop the publisher (SIGTERM) and wait for its exit code. */
  stop(): Promise<number | null>;
  /** `cpi <args>` on the run's database (after stop): exit code and stdout. */
  cli(args: string[]): Promise<{ code: number | null; out: string }>;
  cleanup(): Promise<void>;
}

export interface ReplayOptions {
  start: string;
  end: string;
  faults: Faults;
  /** Days of bundled GPU history before the start (back-calculated on first start). */
  historyDays?: number;
  /** Give up waiting for the simulated clock after this long (ms). */
  timeoutMs?: number;
  /** Real captures answering some paths (see startReplayServer). */
  recorded?: Record<string, { file: string; contentType: string }>;
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [join(ROOT, "bin", "cpi.js"), ...args], { env, cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
  return exited(child).then((code) => ({ code, out }));
}

/** Spawns `cpi serve` and resolves once its simulated clock reached the end (its log line). */
function spawnServe(env: Record<string, string>, logs: Record<string, unknown>[], timeoutMs: number): { child: ChildProcess; ready: Promise<{ url: string; finished: Record<string, unknown> }> } {
  const child = spawn(process.execPath, [join(ROOT, "bin", "cpi.js"), "serve"], { env, cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let url = "";
  let rest = "";
  const ready = new Promise<{ url: string; finished: Record<string, unknown> }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulated clock did not finish in ${timeoutMs} ms (last: ${JSON.stringify(logs.at(-1))})`)), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`cpi serve exited (${code}) before the simulated clock finished: ${rest}${JSON.stringify(logs.slice(-3))}`));
    });
    const onData = (b: Buffer) => {
      rest += b.toString();
      let nl: number;
      while ((nl = rest.indexOf("\n")) >= 0) {
        const line = rest.slice(0, nl);
        rest = rest.slice(nl + 1);
        const serving = /cpi: serving (http:\/\/\S+)/.exec(line);
        if (serving) url = serving[1]!;
        if (!line.startsWith("{")) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.event === "simulation" && entry.reached) {
          clearTimeout(timer);
          // The serving line is printed once startPublisher returned; the clock may finish first.
          const waitUrl = () => (url ? resolve({ url, finished: entry }) : setTimeout(waitUrl, 20));
          waitUrl();
        }
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
  });
  return { child, ready };
}

export async function startReplayRun(o: ReplayOptions): Promise<ReplayRun> {
  const world = makeWorld("cpi-replay-");
  const historyDays = o.historyDays ?? 10;
  writeBundle(world.bundleDir, dailyRows(addDays(o.start.slice(0, 10), -historyDays), historyDays, "historical_import", "history"));
  const internet = await startReplayServer(new Date(o.start), o.faults, o.recorded);
  const proxy = await startProxyServer((host, port) => (host === PROXIED_HOST && port === 80 ? { host: "127.0.0.1", port: internet.port } : null));
  const env = (start: string, end: string) =>
    world.env({
      LOG_LEVEL: "info",
      CPI_SIM_CLOCK: `${start}/${end}`,
      CPI_SOURCE_MIRROR: internet.origin,
      // One source through the proxy: its mirror host exists only for the proxy; everything else goes direct.
      CPI_SOURCE_MIRRORS: `${PROXIED_SOURCE}=http://${PROXIED_HOST}`,
      HTTP_PROXY: proxy.url,
      NO_PROXY: "127.0.0.1,localhost",
      CPI_OPERATOR_TOKEN: OPERATOR_TOKEN,
    });
  let child: ChildProcess | null = null;
  const stop = async () => {
    if (!child) return null;
    if (child.exitCode === null) child.kill("SIGTERM");
    return exited(child);
  };
  const cleanup = async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await proxy.close();
    await internet.close();
    world.cleanup();
  };
  const run: ReplayRun = {
    world,
    internet,
    proxy,
    url: "",
    logs: [],
    finished: {},
    async serve(start, end) {
      await stop();
      const spawned = spawnServe(env(start, end), run.logs, o.timeoutMs ?? 600_000);
      child = spawned.child;
      const { url, finished } = await spawned.ready;
      run.url = url;
      run.finished = finished;
    },
    stop,
    cli: (args) => runCli(args, world.env({ LOG_LEVEL: "warn", CPI_SCHEDULE: "off" })),
    cleanup,
  };
  try {
    await run.serve(o.start, o.end);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return run;
}
