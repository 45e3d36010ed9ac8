// Child-process entry for measurements that need their own process (peak RSS, servers, load): `child.ts <task> <json>`.
import { createReadStream, readFileSync } from "node:fs";

type Task = (args: Record<string, unknown>) => Promise<unknown>;

/**
 * This process's peak RSS in kB. VmHWM belongs to the address space exec created, whereas
 * getrusage's maxRSS survives fork + exec on Linux and would report the (larger) parent's RSS.
 */
function peakRssKB(): number {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

function emit(result: unknown): void {
  process.stdout.write(`@@result ${JSON.stringify({ result, maxRssKB: peakRssKB() })}\n`);
}

/** Serve until SIGTERM, then close and report. */
async function serveUntilStopped(url: string, close: () => Promise<void>): Promise<unknown> {
  process.stdout.write(`@@ready ${url}\n`);
  await new Promise<void>((resolve) => process.once("SIGTERM", () => resolve()));
  await close();
  return { url };
}

async function* counted(path: string, counter: { bytes: number }): AsyncIterable<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    counter.bytes += chunk.length;
    yield chunk;
  }
}

const tasks: Record<string, Task> = {
  /** The AWS collection path: stream filter over the file, then parse + normalize the kept rows. */
  "aws-stream": async (a) => {
    const { aws, filterAwsPriceListStream } = await import("../src/sources/gpu/aws.ts");
    const { parseAndNormalize } = await import("./pipeline.ts");
    const { AWS_URL } = await import("./generate/aws.ts");
    const t0 = process.hrtime.bigint();
    const counter = { bytes: 0 };
    // Kept rows become bytes as they arrive, as a collector storing the capture would: the filter yields
    // slices of its 1 MB decode buffer, and keeping those strings would keep every buffer alive.
    const encoder = new TextEncoder();
    const kept: Uint8Array[] = [];
    let keptBytes = 0;
    for await (const piece of filterAwsPriceListStream(counted(String(a.path), counter))) {
      const b = encoder.encode(piece);
      kept.push(b);
      keptBytes += b.length;
    }
    const streamPeakRssKB = peakRssKB();
    const bytes = new Uint8Array(keptBytes);
    let at = 0;
    for (const b of kept.splice(0)) {
      bytes.set(b, at);
      at += b.length;
    }
    const counts = await parseAndNormalize(aws, { sourceId: "aws", url: AWS_URL, fetchedAt: "2026-11-20T12:00:00.000Z", contentType: "text/csv", bytes });
    return { bytesIn: counter.bytes, keptBytes: bytes.length, streamPeakRssKB, ...counts, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
  },
  /** The limit for streaming CSV: decode chunks, split lines, split cells on commas. */
  "aws-baseline": async (a) => {
    const t0 = process.hrtime.bigint();
    const counter = { bytes: 0 };
    const decoder = new TextDecoder();
    let rest = "";
    let cells = 0;
    for await (const chunk of counted(String(a.path), counter)) {
      const lines = (rest + decoder.decode(chunk, { stream: true })).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) cells += line.split(",").length;
    }
    cells += rest.split(",").length;
    return { bytesIn: counter.bytes, cells, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
  },
  /** The publisher as `npm start` composes it (schedules and bundle off), on an existing database. */
  serve: async (a) => {
    const { loadConfig } = await import("../src/config.ts");
    const { startPublisher } = await import("../src/main.ts");
    const { silentLogger } = await import("../src/jobs/logger.ts");
    const env = { CPI_DB: String(a.db), CPI_KEYS_DIR: String(a.keysDir), PORT: "0", HOST: "127.0.0.1", CPI_SCHEDULE: "off", CPI_LOAD_BUNDLE: "off", LOG_LEVEL: "silent" };
    const publisher = await startPublisher(loadConfig(env, process.cwd()), env, { log: silentLogger, collectOnStart: false });
    return serveUntilStopped(publisher.url, () => publisher.close());
  },
  /** Hello world, served the same way (Hono on @hono/node-server). */
  hello: async () => {
    const { Hono } = await import("hono");
    const { serve } = await import("@hono/node-server");
    const app = new Hono();
    app.get("/hello", (c) => c.json({ hello: "world" }));
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    return serveUntilStopped(`http://127.0.0.1:${port}`, () => new Promise<void>((resolve) => server.close(() => resolve())));
  },
  load: async (a) => {
    const { undiciLoad } = await import("./load.ts");
    return undiciLoad(String(a.url), Number(a.connections), Number(a.seconds));
  },
};

const [name, json] = process.argv.slice(2);
const task = name ? tasks[name] : undefined;
if (!task) {
  process.stderr.write(`unknown bench child task "${name}"; known: ${Object.keys(tasks).join(", ")}\n`);
  process.exit(2);
}
emit(await task(JSON.parse(json ?? "{}") as Record<string, unknown>));
process.exit(0);
