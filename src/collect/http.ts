// The fetcher: GET over undici with timeouts, manual redirects, size caps, decoding, retries and per-host limits.
//
// Why undici `request` (not `fetch`): it hands back the raw, still-encoded body stream, so the byte cap applies
// to what really crosses the wire and decoding runs under our own decompressed-size cap (fetch decodes
// internally, unbounded); it never follows redirects by itself, so loops and limits are ours; and it takes
// headersTimeout/bodyTimeout per request, which give precise "no headers" / "body stalled" errors.
import { setTimeout as delay } from "node:timers/promises";
import { request, type Dispatcher } from "undici";
import { decodeBody, readCapped } from "./body.ts";
import { FetchFailure, toFailure } from "./errors.ts";
import { DEFAULT_FETCH_OPTIONS } from "./fetch-types.ts";
import type { FetchDeps, FetchOptions, FetchOutcome, FetchRequest, Fetcher } from "./fetch-types.ts";
import { KeyedSemaphore } from "./limits.ts";
import { outboundDispatcher } from "./proxy.ts";
import { redactUrl, scrub, secretsOf } from "./redact.ts";
import { backoffMs, isRetryableStatus, parseRetryAfter } from "./retry.ts";

export { expectContentType, mediaType } from "./content-type.ts";
export { DEFAULT_FETCH_OPTIONS, USER_AGENT } from "./fetch-types.ts";
export type { FetchDeps, FetchOptions, FetchOutcome, FetchRequest, Fetcher } from "./fetch-types.ts";

type Headers = Record<string, string>;
type Success =
  | { kind: "ok"; finalUrl: string; status: number; contentType: string | null; bytes: Uint8Array; etag: string | null; lastModified: string | null }
  | { kind: "not_modified" };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Credentials never follow a redirect to another origin.
const CREDENTIAL_HEADERS = new Set(["authorization", "cookie", "proxy-authorization"]);

export function createFetcher(options: Partial<FetchOptions> = {}, deps: FetchDeps = {}): Fetcher {
  const opts: FetchOptions = { ...DEFAULT_FETCH_OPTIONS, ...options };
  const ownAgent = deps.dispatcher
    ? null
    : outboundDispatcher(opts.proxy, { connect: { timeout: opts.connectTimeoutMs }, headersTimeout: opts.headersTimeoutMs, bodyTimeout: opts.bodyTimeoutMs });
  const dispatcher: Dispatcher = deps.dispatcher ?? ownAgent!;
  const sleep = deps.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const random = deps.random ?? Math.random;
  const now = deps.now ?? Date.now;
  const hosts = new KeyedSemaphore(opts.perHostConcurrency);
  let closed = false;

  async function run(req: FetchRequest): Promise<FetchOutcome> {
    const started = now();
    const url = redactUrl(req.url);
    const secrets = secretsOf(req.url, req.headers ?? {});
    const elapsedMs = () => Math.max(0, now() - started);
    const fail = (f: FetchFailure, attempts: number): FetchOutcome => {
      const suffix = attempts > 1 ? ` after ${attempts} attempts` : "";
      const error = scrub(f.message + suffix, secrets);
      return { kind: "error", url, status: f.status, error, retryable: f.retryable, attempts, elapsedMs: elapsedMs() };
    };
    if (closed) return fail(new FetchFailure("fetcher is closed", false), 0);
    const target = parseTarget(req.url);
    if (target instanceof FetchFailure) return fail(target, 0);
    const headers = requestHeaders(opts, req);

    for (let attempt = 1; ; attempt++) {
      const result = await attemptOnce(target, headers);
      if (!(result instanceof FetchFailure)) {
        if (result.kind === "not_modified") return { kind: "not_modified", url, status: 304, attempts: attempt, elapsedMs: elapsedMs() };
        return { ...result, url, finalUrl: redactUrl(result.finalUrl), attempts: attempt, elapsedMs: elapsedMs() };
      }
      if (!result.retryable || attempt > opts.retries || closed) return fail(result, attempt);
      await sleep(result.retryAfterMs ?? backoffMs(attempt, opts.backoffBaseMs, opts.backoffMaxMs, random));
      if (closed) return fail(result, attempt);
    }
  }

  /** One attempt: the whole redirect chain under the total timeout, holding a slot on the requested host. */
  async function attemptOnce(target: URL, headers: Headers): Promise<Success | FetchFailure> {
    const release = await hosts.acquire(target.host);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), opts.totalTimeoutMs);
    try {
      return await followRedirects(target, headers, controller.signal);
    } catch (err) {
      if (!(err instanceof FetchFailure) && controller.signal.aborted) {
        return new FetchFailure(`total timeout: attempt took longer than ${opts.totalTimeoutMs} ms`, true);
      }
      return toFailure(err, opts);
    } finally {
      clearTimeout(timer);
      release();
    }
  }

  async function followRedirects(start: URL, headers: Headers, signal: AbortSignal): Promise<Success> {
    const seen = new Set([start.href]);
    let current = start;
    let hopHeaders = headers;
    for (let hop = 0; ; hop++) {
      const res = await request(current, {
        dispatcher, method: "GET", headers: hopHeaders, signal,
        headersTimeout: opts.headersTimeoutMs, bodyTimeout: opts.bodyTimeoutMs,
      });
      // Bodies we drop are destroyed, which makes undici emit "Request aborted": nobody must hear that as a crash.
      res.body.on("error", () => undefined);
      const status = res.statusCode;
      const location = header(res.headers, "location");
      if (REDIRECTS.has(status) && location !== null) {
        res.body.destroy();
        if (hop >= opts.maxRedirects) throw new FetchFailure(`too many redirects (more than ${opts.maxRedirects})`, false, status);
        const next = parseTarget(location, current);
        if (next instanceof FetchFailure) throw new FetchFailure(`bad redirect: ${next.message}`, false, status);
        if (seen.has(next.href)) throw new FetchFailure(`redirect loop at ${redactUrl(next.href)}`, false, status);
        seen.add(next.href);
        if (next.origin !== current.origin) hopHeaders = withoutCredentials(hopHeaders);
        current = next;
        continue;
      }
      if (status === 304) {
        res.body.destroy();
        return { kind: "not_modified" };
      }
      if (status < 200 || status >= 300) {
        res.body.destroy();
        const retryAfter = parseRetryAfter(header(res.headers, "retry-after"), now(), opts.maxRetryAfterMs);
        const what = status < 300 || status >= 400 ? `HTTP ${status}` : `HTTP ${status} (${location === null ? "no Location" : "redirect not followed"})`;
        throw new FetchFailure(what, isRetryableStatus(status), status, retryAfter);
      }
      const declared = Number(header(res.headers, "content-length") ?? NaN);
      if (declared > opts.maxBytes) {
        res.body.destroy();
        throw new FetchFailure(`response exceeds ${opts.maxBytes} bytes (Content-Length ${declared})`, false, status);
      }
      const raw = await readCapped(res.body, opts.maxBytes);
      const bytes = await decodeBody(raw, header(res.headers, "content-encoding"), opts.maxDecompressedBytes);
      return {
        kind: "ok", finalUrl: current.href, status, bytes: ownBytes(bytes),
        contentType: header(res.headers, "content-type"), etag: header(res.headers, "etag"), lastModified: header(res.headers, "last-modified"),
      };
    }
  }

  return {
    async fetch(req) {
      try {
        return await run(req);
      } catch (err) {
        // Last resort: the contract is "never throws", even if something above has a bug.
        const f = toFailure(err, opts);
        return { kind: "error", url: redactUrl(String(req?.url)), status: null, error: scrub(f.message, secretsOf(String(req?.url), req?.headers ?? {})), retryable: false, attempts: 0, elapsedMs: 0 };
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await ownAgent?.close().catch(() => undefined);
    },
  };
}

function parseTarget(raw: string, base?: URL): URL | FetchFailure {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return new FetchFailure(`invalid URL: ${redactUrl(raw).slice(0, 200)}`, false);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return new FetchFailure(`unsupported protocol ${url.protocol}`, false);
  url.hash = "";
  return url;
}

function requestHeaders(opts: FetchOptions, req: FetchRequest): Headers {
  const headers: Headers = { "user-agent": opts.userAgent, accept: "*/*", "accept-encoding": "gzip, br" };
  for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
  if (req.etag) headers["if-none-match"] = req.etag;
  if (req.lastModified) headers["if-modified-since"] = req.lastModified;
  return headers;
}

function withoutCredentials(headers: Headers): Headers {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name)));
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

/** A Uint8Array that owns its whole ArrayBuffer (small Buffers are views into a shared pool). */
function ownBytes(buf: Buffer): Uint8Array {
  if (buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength) return new Uint8Array(buf.buffer, 0, buf.byteLength);
  return new Uint8Array(buf);
}
