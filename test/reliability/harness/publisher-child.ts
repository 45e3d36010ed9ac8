// Child process of the crash and shutdown tests: the real publisher (startPublisher + the serve command's signal handling).
// Only the sources (pointed at a local fake provider) and the clock (shifted to a test date, still monotonic) differ.
import { appendFileSync } from "node:fs";
import { loadConfig } from "../../../src/config.ts";
import { startPublisher } from "../../../src/main.ts";
import { stopOnSignal } from "../../../src/cli/serve.ts";
import { processIo } from "../../../src/cli/io.ts";
import { harnessSources } from "./sources.ts";

const env = process.env;
const journal = env.CPI_JOURNAL!;
const note = (line: string) => appendFileSync(journal, `${line}\n`);
// The clock: CPI_FAKE_NOW at the parent's CPI_CLOCK_T0, advancing with real time (monotonic across restarts).
const fakeStart = Date.parse(env.CPI_FAKE_NOW ?? new Date().toISOString());
const t0 = Number(env.CPI_CLOCK_T0 ?? Date.now());
const now = () => new Date(fakeStart + (Date.now() - t0));

const config = loadConfig(env, process.cwd());
note(`start ${process.pid}`);
const publisher = await startPublisher(config, env, { now, sources: harnessSources(env.CPI_FAKE_ORIGIN!, (url) => note(`captured ${url}`)) });
note(`ready ${publisher.url}`);
process.stderr.write(`harness: ready ${publisher.url}\n`);
process.exitCode = await stopOnSignal(publisher, processIo, { timeoutMs: Number(env.CPI_STOP_TIMEOUT_MS ?? 10_000) });
note(`stopped ${process.exitCode}`);
