// The replayed internet on 127.0.0.1: mirror-layout paths (/<host>/<path>) answered as of the simulated time each request carries.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { SIMULATED_TIME_HEADER } from "../../src/collect/simulated-time.ts";
import { respond, type Faults, type Response } from "./world.ts";

const DAY_MS = 86_400_000;

export interface ReplayRequest {
  /** Upstream host and path as the mirror lays it out (`openrouter.ai/api/v1/models`). */
  key: string;
  /** The Host header: a proxied request names the proxy-only host. */
  host: string;
  simulatedTime: string | null;
  day: number;
  status: number;
}

export interface ReplayServer {
  /** Mirror base for CPI_SOURCE_MIRROR. */
  origin: string;
  port: number;
  requests: ReplayRequest[];
  close(): Promise<void>;
}

/** Days since `start` of the request's simulated time (or of the real time when the header is absent). */
function dayOf(req: IncomingMessage, start: Date): { day: number; date: string; at: string | null } {
  const stamped = req.headers[SIMULATED_TIME_HEADER];
  const at = typeof stamped === "string" ? stamped : null;
  const t = at ? Date.parse(at) : Date.now();
  const day = Math.floor((t - Date.parse(start.toISOString().slice(0, 10))) / DAY_MS);
  return { day, date: new Date(t).toISOString().slice(0, 10), at };
}

/**
 * `recorded` maps an upstream key (`host/path`) to a real capture on disk (../shared/fixtures, read in place, never
 * copied): those paths answer with the capture's bytes every day, the rest with the rendered world.
 */
export async function startReplayServer(start: Date, faults: Faults = {}, recorded: Record<string, { file: string; contentType: string }> = {}): Promise<ReplayServer> {
  const requests: ReplayRequest[] = [];
  const captures = new Map<string, Response>(Object.entries(recorded).map(([key, r]) => [key, { status: 200, contentType: r.contentType, body: readFileSync(r.file, "utf8") }]));
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const key = (req.url ?? "/").slice(1);
    const { day, date, at } = dayOf(req, start);
    const answer: Response = captures.get(key) ?? respond(key, day, date, faults) ?? { status: 404, contentType: "text/plain", body: `replay: nothing recorded for ${key}` };
    const etag = `"${createHash("sha1").update(answer.body).digest("hex").slice(0, 16)}"`;
    const revalidated = answer.status === 200 && req.headers["if-none-match"] === etag;
    const status = revalidated ? 304 : answer.status;
    requests.push({ key, host: req.headers.host ?? "", simulatedTime: at, day, status });
    if (revalidated) return void res.writeHead(304, { etag }).end();
    res.writeHead(status, { "content-type": answer.contentType, ...(status === 200 ? { etag } : {}), ...answer.headers }).end(answer.body);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
