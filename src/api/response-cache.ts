// Rendered responses of published data, reused until the store's data version moves (any commit).
import type { MiddlewareHandler } from "hono";
import type { ReadStore } from "../db/index.ts";

interface Entry {
  version: string;
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
export function responseCache(store: ReadStore, opts: ResponseCacheOptions): MiddlewareHandler {
  const entries = new Map<string, Entry>();
  let total = 0;
  const evictOldest = () => {
    const [oldestKey, oldest] = entries.entries().next().value!;
    entries.delete(oldestKey);
    total -= oldest.body.byteLength;
  };
  return async (c, next) => {
    const path = c.req.path;
    if (c.req.method !== "GET" || c.req.header("if-none-match") || !opts.prefixes.some((p) => path.startsWith(p))) return next();
    const key = `${c.req.url}\n${c.req.header("accept") ?? ""}\n${c.req.header("accept-encoding") ?? ""}\n${c.req.header("authorization") ? "auth" : ""}`;
    const version = await store.dataVersion();
    const hit = entries.get(key);
    if (hit && hit.version === version) {
      entries.delete(key);
      entries.set(key, hit);
      return new Response(hit.body.slice(), { status: hit.status, headers: hit.headers });
    }
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
    entries.set(key, { version, status: res.status, headers: [...res.headers.entries()], body });
    total += body.byteLength;
    while (entries.size > opts.maxEntries || total > opts.maxTotalBytes) evictOldest();
  };
}
