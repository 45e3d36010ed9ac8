// Bench 6: `npm start` to the first successful API response, first run (database built from data/bundle) and warm.
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { absolute, ROOT, since, type BenchContext, type BenchResult, type Figure } from "./harness.ts";
import { startChild } from "./proc.ts";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 0;
}

async function untilOk(url: string, deadline: number, exited: () => string | null): Promise<void> {
  for (;;) {
    const gone = exited();
    if (gone !== null) throw new Error(`npm start exited before answering: ${gone}`);
    if (Date.now() > deadline) throw new Error(`no successful response from ${url} before the deadline`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** `npm start` in its own process group; seconds until GET /v1/health answers 200, then stopped. */
async function npmStart(dir: string, timeoutMs: number, bundle: boolean): Promise<{ seconds: number; log: string }> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: "127.0.0.1", CPI_DB: join(dir, "cpi.db"), CPI_KEYS_DIR: join(dir, "keys"), CPI_SCHEDULE: "off", CPI_LOAD_BUNDLE: bundle ? "on" : "off", LOG_LEVEL: "info" };
  const t0 = process.hrtime.bigint();
  const child = spawn("npm", ["start", "--silent"], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  let exit: string | null = null;
  child.stdout.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr.on("data", (d: Buffer) => (log += d.toString()));
  const closed = new Promise<void>((resolve) => child.on("close", (code) => {
    exit = `exit ${code}: ${log.trim().split("\n").slice(-5).join(" | ")}`;
    resolve();
  }));
  try {
    await untilOk(`http://127.0.0.1:${port}/v1/health`, Date.now() + timeoutMs, () => exit);
    return { seconds: since(t0), log };
  } finally {
    // The group we started (npm and the node process under it), by its id.
    if (exit === null && child.pid) process.kill(-child.pid, "SIGTERM");
    await closed;
  }
}

/** The publisher's own log line about the first-run build, if it wrote one. */
function buildLine(log: string): Record<string, unknown> | null {
  for (const line of log.split("\n")) {
    if (!line.includes("bundled history")) continue;
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      // not JSON
    }
  }
  return null;
}

export async function runStartup(ctx: BenchContext): Promise<BenchResult> {
  const t0 = process.hrtime.bigint();
  const bundleDir = join(ROOT, "data", "bundle");
  const figures: Figure[] = [];
  const notes: string[] = [];
  let data = "data/bundle is missing";
  if (!existsSync(join(bundleDir, "manifest.json"))) {
    notes.push("bundle unavailable: data/bundle/manifest.json missing; start-up not measured");
  } else {
    const manifest = JSON.parse(readFileSync(join(bundleDir, "manifest.json"), "utf8")) as { files?: { observations?: number }[] };
    const bundled = (manifest.files ?? []).reduce((n, f) => n + (f.observations ?? 0), 0);
    const dir = join(ctx.tmp, "startup");
    const timeout = (ctx.quick ? 5 : 20) * 60_000;
    // --quick keeps the plumbing but skips the bundle: building it alone takes longer than the whole smoke run.
    const bundle = !ctx.quick;
    const first = await npmStart(dir, timeout, bundle);
    const built = new Database(join(dir, "cpi.db"), { readonly: true });
    const counts = built.prepare("SELECT (SELECT COUNT(*) FROM observations) AS observations, (SELECT COUNT(*) FROM fixings) AS fixings").get() as { observations: number; fixings: number };
    built.close();
    const warm = await npmStart(dir, timeout, bundle);
    const h0 = process.hrtime.bigint();
    const hello = await startChild("hello", {});
    await (await fetch(`${hello.url}/hello`)).arrayBuffer();
    const helloSeconds = since(h0);
    await hello.stop();
    const line = buildLine(first.log);
    data = bundle
      ? `data/bundle: ${bundled} observations in ${(manifest.files ?? []).length} files; first run builds ${counts.observations} observations and ${counts.fixings} back-calculated fixings`
      : `--quick: empty database, CPI_LOAD_BUNDLE=off (the bundle of ${bundled} observations is loaded in full mode only)`;
    figures.push(absolute({ measure: bundle ? "first run: npm start -> first API response (builds the database)" : "first run: npm start -> first API response (empty database)", value: first.seconds, unit: "s", baseline: helloSeconds, baselineLabel: "hello-world process start", work: { count: 1, unit: "process starts" } }));
    figures.push(absolute({ measure: "warm start: npm start -> first API response", value: warm.seconds, unit: "s", baseline: helloSeconds, baselineLabel: "hello-world process start", work: { count: 1, unit: "process starts" } }));
    if (line && typeof line.ms === "number") figures.push(absolute({ measure: "first-run database build (publisher's own log)", value: line.ms / 1000, unit: "s", work: { count: Number(line.fixings ?? 0) + Number(line.observations ?? 0), unit: "observations + fixings built" }, note: `${String(line.observations ?? "?")} observations, ${String(line.fixings ?? "?")} fixings` }));
    notes.push("polls GET /v1/health every 25 ms; npm start with CPI_SCHEDULE=off (no network), CPI_LOAD_BUNDLE=on; baseline: a hello-world Hono process (node + tsx) to its first response");
  }
  return { id: "startup", title: "Start-up", data, figures, notes, seconds: since(t0) };
}
