// `cpi serve` (what `npm start` runs): start the publisher and stop it cleanly on SIGINT/SIGTERM.
import { ConfigError, loadConfig } from "../config.ts";
import { startPublisher, type PublisherOverrides } from "../main.ts";
import { describeTarget } from "../db/index.ts";
import { parseArgs, type CliIo } from "./io.ts";

/** Longest a graceful stop may take before the process exits anyway. */
export const STOP_TIMEOUT_MS = 10_000;

export interface StopOptions {
  timeoutMs?: number;
  /** Ends the process when the graceful stop overruns or a second signal arrives (default process.exit). */
  exit?: (code: number) => void;
}

/**
 * Resolves with the exit code once SIGINT or SIGTERM has stopped `publisher` (schedules stopped, running jobs
 * finished, server and database closed). Every database write is one synchronous SQLite transaction, so an
 * exit forced by the timeout or by a second signal lands between transactions, never inside one.
 */
export function stopOnSignal(publisher: { close(): Promise<void> }, io: CliIo, opts: StopOptions = {}): Promise<number> {
  const timeoutMs = opts.timeoutMs ?? STOP_TIMEOUT_MS;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        io.err(`cpi: second ${signal}, exiting now`);
        exit(1);
        return;
      }
      stopping = true;
      io.err(`cpi: ${signal} received, stopping`);
      const timer = setTimeout(() => {
        io.err(`cpi: graceful stop took longer than ${timeoutMs} ms, exiting`);
        exit(1);
      }, timeoutMs);
      timer.unref();
      publisher.close().then(
        () => {
          clearTimeout(timer);
          io.err("cpi: stopped");
          resolve(0);
        },
        (error: unknown) => {
          clearTimeout(timer);
          io.err(`cpi: error while stopping: ${error instanceof Error ? error.message : String(error)}`);
          resolve(1);
        },
      );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/**
 * `cpi serve [--role api|scheduler|all]`: --role wins over CPI_ROLE (validated with the rest of the config).
 * `overrides` is the publisher's clock and sources seam, for harnesses that run this command in a child process.
 */
export async function run(args: string[], io: CliIo, overrides: PublisherOverrides = {}): Promise<number> {
  const { options } = parseArgs(args);
  if (options.role === true) throw new ConfigError("invalid configuration:\n✖ --role needs a value: api, scheduler or all");
  const env = typeof options.role === "string" ? { ...io.env, CPI_ROLE: options.role } : io.env;
  const config = loadConfig(env, io.cwd);
  const publisher = await startPublisher(config, env, overrides);
  io.err(`cpi: serving ${publisher.url} (dashboard ${publisher.url}/, API ${publisher.url}/v1/indices); role ${config.CPI_ROLE}; database ${describeTarget(config.dbPath)}`);
  if (config.simClock) io.err(`cpi: simulated clock from ${config.simClock.start.toISOString()} to ${config.simClock.end.toISOString()} (CPI_SIM_CLOCK), then serving with the clock stopped`);
  return stopOnSignal(publisher, io);
}
