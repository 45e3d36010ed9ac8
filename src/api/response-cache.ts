// Rendered responses of published data, reused until the store's data version moves (any commit); hits can skip routing.
import type { MiddlewareHandler } from "hono";
import type { ReadStore } from "../db/index.ts";

interface Entry {
  version: string;
  /** The route pattern that rendered it (for the request counters of a hit answered before routing). */
  route: string;
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

export interface ResponseCacheOptions {
  /** Path prefixes whose GET responses are cached (published data only; nothing clock-dependent). */
  prefixes: readonly string[];
  maxEntries: number;
  maxBodyBytes: number;
  /** Bound on the bytes held by all entries together. */
  maxTotalBytes: number;
}

/**
 * Fixings are append-only, so a rendered answer stays right until something is committed; the data
 * version (cheap: a pragma and a few primary-key lookups) says when. Requests with If-None-Match go
 * through, so revalidation still answers 304 from the inner middleware.
 */
/** A hit answered ahead of routing and the middleware chain: the stored bytes and the route that made them. */
export interface CacheHit {
  response: Response;
  route: string;
}

export interface ResponseCache {
  /** Stores rendered answers (mounted early in the chain, so it keeps what the inner middleware produced). */
  middleware: MiddlewareHandler;
  /** The stored answer to `req` when it is still current, else null (then the request goes through the app). */
  lookup(req: Request): Promise<CacheHit | null>;
}

type HeaderOf = (name: string) => string | undefined;

function cacheable(method: string, path: string, header: HeaderOf, prefixes: readonly string[]): boolean {
  return method === "GET" && !header("if-none-match") && prefixes.some((p) => path.startsWith(p));
}

function keyOf(url: string, header: HeaderOf): string {
  return `${url}\n${header("accept") ?? ""}\n${header("accept-encoding") ?? ""}\n${header("authorization") ? "auth" : ""}`;
}

export function responseCache(store: ReadStore, opts: ResponseCacheOptions): ResponseCache {
  const entries = new Map<string, Entry>();
  let total = 0;
  const evictOldest = () => {
    const [oldestKey, oldest] = entries.entries().next().value!;
    entries.delete(oldestKey);
    total -= oldest.body.byteLength;
  };
  /** The current entry under `key` (moved to the young end), or undefined. */
  const current = (key: string, version: string): Entry | undefined => {
    const hit = entries.get(key);
    if (!hit || hit.version !== version) return undefined;
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  };
  const answer = (hit: Entry) => new Response(hit.body.slice(), { status: hit.status, headers: hit.headers });

  async function lookup(req: Request): Promise<CacheHit | null> {
    const header: HeaderOf = (name) => req.headers.get(name) ?? undefined;
    const url = req.url;
    const start = url.indexOf("/", url.indexOf("//") + 2);
    const q = url.indexOf("?", start);
    const path = start < 0 ? "/" : url.slice(start, q < 0 ? undefined : q);
    if (entries.size === 0 || !cacheable(req.method, path, header, opts.prefixes)) return null;
    const hit = current(keyOf(url, header), await store.dataVersion());
    return hit ? { response: answer(hit), route: hit.route } : null;
  }

  const middleware: MiddlewareHandler = async (c, next) => {
    const header: HeaderOf = (name) => c.req.header(name);
    if (!cacheable(c.req.method, c.req.path, header, opts.prefixes)) return next();
    const key = keyOf(c.req.url, header);
    const version = await store.dataVersion();
    const hit = current(key, version);
    if (hit) return answer(hit);
    await next();
    const res = c.res;
    const length = Number(res.headers.get("content-length") ?? Number.NaN);
    if (res.status !== 200 || !Number.isFinite(length) || length > opts.maxBodyBytes) return;
    const body = new Uint8Array(await res.arrayBuffer());
    c.res = undefined;
    c.res = new Response(body, { status: res.status, headers: res.headers });
    const previous = entries.get(key);
    if (previous) {
      entries.delete(key);
      total -= previous.body.byteLength;
    }
    entries.set(key, { version, route: (c.get("route") as string | undefined) ?? "unmatched", status: res.status, headers: [...res.headers.entries()], body });
    total += body.byteLength;
    while (entries.size > opts.maxEntries || total > opts.maxTotalBytes) evictOldest();
  };
  return { middleware, lookup };
}
