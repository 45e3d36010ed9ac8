// Response compression: brotli or gzip when the client accepts it; streams stay streams (constant memory).
import { Duplex } from "node:stream";
import zlib from "node:zlib";
import type { MiddlewareHandler } from "hono";

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)|image\/svg)/i;

/** The best accepted encoding we offer (br, then gzip), honouring q=0. */
export function pickEncoding(acceptEncoding: string | undefined): "br" | "gzip" | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    q.set(name, qParam ? Number(qParam.slice(2)) || 0 : 1);
  }
  const accepted = (name: string) => (q.get(name) ?? q.get("*") ?? 0) > 0;
  if (accepted("br")) return "br";
  if (accepted("gzip")) return "gzip";
  return null;
}

function encoder(encoding: "br" | "gzip"): Duplex {
  // Brotli at quality 4 costs about what gzip does; the default (11) is far too slow for large streams.
  return encoding === "br" ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }) : zlib.createGzip();
}

export function compress(minBytes: number): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (!res.body || res.status === 204 || res.status === 304 || res.headers.has("content-encoding")) return;
    if (!COMPRESSIBLE.test(res.headers.get("content-type") ?? "")) return;
    const vary = res.headers.get("vary");
    if (!vary || !/accept-encoding/i.test(vary)) res.headers.set("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    const length = res.headers.get("content-length");
    if (length !== null && Number(length) < minBytes) return;
    const encoding = pickEncoding(c.req.header("accept-encoding"));
    if (!encoding || c.req.method === "HEAD") return;
    const headers = new Headers(res.headers);
    headers.delete("content-length");
    headers.set("content-encoding", encoding);
    const body = res.body.pipeThrough(Duplex.toWeb(encoder(encoding)) as unknown as TransformStream<Uint8Array, Uint8Array>);
    c.res = undefined;
    c.res = new Response(body, { status: res.status, headers });
  };
}
