// A real HTTP server on 127.0.0.1 for fault tests: a route table whose handlers can delay, stall, trickle and cut.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface HandlerContext {
  /** 1 for the first request to this path, 2 for the second... */
  hit: number;
  /** Resolves after `ms`, or early (false) once the server closes or the client goes away. */
  wait(ms: number): Promise<boolean>;
}
export type Handler = (req: IncomingMessage, res: ServerResponse, ctx: HandlerContext) => void | Promise<void>;

export interface RecordedRequest {
  path: string;
  url: string;
  headers: IncomingMessage["headers"];
}

export interface FakeServer {
  origin: string;
  url(path: string): string;
  /** Adds or replaces a route (path without query). */
  route(path: string, handler: Handler): void;
  requests: RecordedRequest[];
  hits(path: string): number;
  /** Most handlers ever running at once. */
  readonly maxConcurrent: number;
  close(): Promise<void>;
}

export async function startFakeServer(routes: Record<string, Handler> = {}): Promise<FakeServer> {
  const table = new Map(Object.entries(routes));
  const hitCount = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const closing = new AbortController();
  let active = 0;
  let maxConcurrent = 0;

  const server = createServer((req, res) => {
    res.on("error", () => undefined); // writes after the client left must not crash the test run
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const hit = (hitCount.get(path) ?? 0) + 1;
    hitCount.set(path, hit);
    requests.push({ path, url: req.url ?? "/", headers: req.headers });
    active++;
    maxConcurrent = Math.max(maxConcurrent, active);
    res.on("close", () => active--);
    const wait = (ms: number) => waitUnless(ms, closing.signal, res);
    const handler = table.get(path) ?? ((_q, r) => void r.writeHead(404).end("not found"));
    Promise.resolve(handler(req, res, { hit, wait })).catch(() => res.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    url: (path) => origin + path,
    route: (path, handler) => void table.set(path, handler),
    requests,
    hits: (path) => hitCount.get(path) ?? 0,
    get maxConcurrent() {
      return maxConcurrent;
    },
    async close() {
      closing.abort();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function waitUnless(ms: number, signal: AbortSignal, res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted || res.destroyed) return resolve(false);
    const done = (value: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", stop);
      res.off("close", stop);
      resolve(value);
    };
    const stop = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener("abort", stop);
    res.on("close", stop);
  });
}

// ---- handler builders ----

type Body = string | Buffer;
interface Reply {
  status?: number;
  headers?: Record<string, string | number>;
}

/** A complete response with an honest Content-Length. */
export function send(body: Body, { status = 200, headers = {} }: Reply = {}): Handler {
  return (_req, res) => {
    const bytes = Buffer.from(body);
    res.writeHead(status, { "content-length": bytes.length, ...headers }).end(bytes);
  };
}

export function json(value: unknown, reply: Reply = {}): Handler {
  return send(JSON.stringify(value), { ...reply, headers: { "content-type": "application/json", ...reply.headers } });
}

export function redirect(location: string, status = 302): Handler {
  return (_req, res) => void res.writeHead(status, { location, "content-length": 0 }).end();
}

/** The nth request gets the nth handler; the last one repeats. */
export function sequence(...handlers: Handler[]): Handler {
  return (req, res, ctx) => handlers[Math.min(ctx.hit, handlers.length) - 1]!(req, res, ctx);
}

/** Waits before answering at all (slow headers). */
export function delayed(ms: number, then: Handler): Handler {
  return async (req, res, ctx) => {
    if (await ctx.wait(ms)) await then(req, res, ctx);
  };
}

/** Chunked body, optionally with a pause between parts; `stallAfter` stops sending (never ends) after that many parts. */
export function chunks(parts: Body[], opts: Reply & { gapMs?: number; stallAfter?: number } = {}): Handler {
  return async (_req, res, ctx) => {
    res.writeHead(opts.status ?? 200, { "content-type": "application/octet-stream", ...opts.headers });
    res.flushHeaders();
    for (const [i, part] of parts.entries()) {
      if (opts.stallAfter !== undefined && i >= opts.stallAfter) return; // hold the connection open, silently
      if (i > 0 && opts.gapMs && !(await ctx.wait(opts.gapMs))) return;
      if (res.destroyed) return;
      res.write(part);
    }
    res.end();
  };
}

/** Declares `declared` bytes, sends `body`, then drops the connection (a truncated transfer). */
export function cutShort(body: Body, declared: number, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(200, { "content-length": declared, ...headers });
    res.write(Buffer.from(body), () => res.socket?.destroy());
  };
}

/** Writes a raw HTTP/1.1 response on the socket and closes it: for close-delimited bodies and odd framing. */
export function raw(text: Body): Handler {
  return (req) => {
    req.socket.end(Buffer.from(text));
  };
}

/** Drops the connection without any response (the client sees a reset / "other side closed"). */
export function hangUp(): Handler {
  return (req) => void req.socket.destroy();
}
