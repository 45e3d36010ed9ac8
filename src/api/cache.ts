// HTTP caching: a weak ETag on every 200 (hash of the body, or set by a streaming handler), 304 on If-None-Match.
import { createHash } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { CACHE_POLICY } from "./limits.ts";

export function weakEtag(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha1");
  for (const p of parts) hash.update(p);
  return `W/"${hash.digest("base64url")}"`;
}

/** Weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored; "*" matches anything. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || opaque(t) === opaque(etag));
}

function notModified(res: Response): Response {
  const headers = new Headers();
  for (const name of ["etag", "cache-control", "vary", "content-location", "expires", "last-modified"]) {
    const value = res.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(null, { status: 304, headers });
}

/** For streaming handlers: answer 304 before doing the work when the client holds `etag`. */
export function notModifiedFor(c: Context, etag: string, cacheControl: string): Response | null {
  if (!etagMatches(c.req.header("if-none-match"), etag)) return null;
  return new Response(null, { status: 304, headers: { etag, "cache-control": cacheControl } });
}

export function conditionalGet(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (!res.headers.has("cache-control")) res.headers.set("cache-control", res.status >= 400 ? CACHE_POLICY.error : CACHE_POLICY.data);
    if (res.status !== 200 || (c.req.method !== "GET" && c.req.method !== "HEAD")) return;
    let etag = res.headers.get("etag");
    if (!etag) {
      // Buffered bodies only (streaming handlers set their own ETag): read once, hash, re-wrap without a tee.
      const bytes = new Uint8Array(await res.arrayBuffer());
      etag = weakEtag(bytes);
      const headers = new Headers(res.headers);
      headers.set("etag", etag);
      headers.set("content-length", String(bytes.byteLength));
      c.res = undefined;
      c.res = new Response(bytes, { status: res.status, headers });
    }
    if (etagMatches(c.req.header("if-none-match"), etag)) {
      const current = c.res;
      await current.body?.cancel();
      c.res = undefined;
      c.res = notModified(current);
    }
  };
}
