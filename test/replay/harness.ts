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
  /** The publisher's base URL. */
  url: string;
  /** Every JSON log line of the publisher. */
  logs: Record<string, unknown>[];
  /** The simulated clock's last log line (jobs fired, wall time). */
  finished: Record<string, unknown>;
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

export async function startReplayRun(o: ReplayOptions): Promise<ReplayRun> {
  const world = makeWorld("cpi-replay-");
  const start = new Date(o.start);
  const historyDays = o.historyDays ?? 10;
  writeBundle(world.bundleDir, dailyRows(addDays(o.start.slice(0, 10), -historyDays), historyDays, "historical_import", "history"));
  const internet = await startReplayServer(start, o.faults);
  const proxy = await startProxyServer((host, port) => (host === PROXIED_HOST && port === 80 ? { host: "127.0.0.1", port: internet.port } : null));
  const env = world.env({
    LOG_LEVEL: "info",
    CPI_SIM_CLOCK: `${o.start}/${o.end}`,
    CPI_SOURCE_MIRROR: internet.origin,
    // One source through the proxy: its mirror host exists only for the proxy; everything else goes direct.
    CPI_SOURCE_MIRRORS: `${PROXIED_SOURCE}=http://${PROXIED_HOST}`,
    HTTP_PROXY: proxy.url,
    NO_PROXY: "127.0.0.1,localhost",
    CPI_OPERATOR_TOKEN: OPERATOR_TOKEN,
  });
  const child = spawn(process.execPath, [join(ROOT, "bin", "cpi.js"), "serve"], { env, cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const logs: Record<string, unknown>[] = [];
  let url = "";
  let rest = "";
  const finished = new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulated clock did not finish in ${o.timeoutMs ?? 600_000} ms (last: ${JSON.stringify(logs.at(-1))})`)), o.timeoutMs ?? 600_000);
    child.once("exit", (code) => reject(new Error(`cpi serve exited (${code}) before the simulated clock finished: ${rest}${JSON.stringify(logs.slice(-3))}`)));
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
          resolve(entry);
        }
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
  });
  const cleanup = async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await proxy.close();
    await internet.close();
    world.cleanup();
  };
  let done: Record<string, unknown>;
  try {
    done = await finished;
  } catch (error) {
    await cleanup();
    throw error;
  }
  return {
    world,
    internet,
    proxy,
    url,
    logs,
    finished: done,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited(child);
    },
    cli: (args) => runCli(args, world.env({ LOG_LEVEL: "warn", CPI_SCHEDULE: "off" })),
    cleanup,
  };
}
