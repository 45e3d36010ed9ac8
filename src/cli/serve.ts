// `cpi serve` (what `npm start` runs): start the publisher and stop it cleanly on SIGINT/SIGTERM.
import { loadConfig } from "../config.ts";
import { startPublisher } from "../main.ts";
import type { CliIo } from "./io.ts";

/** Longest a graceful stop may take before the process exits anyway. */
const STOP_TIMEOUT_MS = 10_000;

export async function run(_args: string[], io: CliIo): Promise<number> {
  const config = loadConfig(io.env, io.cwd);
  const publisher = await startPublisher(config, io.env);
  io.err(`cpi: serving ${publisher.url} (dashboard ${publisher.url}/, API ${publisher.url}/v1/indices); database ${config.dbPath}`);
  return await new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      io.err(`cpi: ${signal} received, stopping`);
      const timer = setTimeout(() => {
        io.err("cpi: graceful stop timed out");
        resolve(1);
      }, STOP_TIMEOUT_MS);
      timer.unref();
      publisher.close().then(
        () => {
          clearTimeout(timer);
          resolve(0);
        },
        () => resolve(1),
      );
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
}
