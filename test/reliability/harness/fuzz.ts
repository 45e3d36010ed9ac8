// Generated hostile HTTP requests and the checks every response must pass (no 5xx, JSON errors, no leaks).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import fc from "fast-check";
import { ErrorBody } from "../../../src/api/errors.ts";
import { TOKEN, type Published } from "./published.ts";

export const HOSTILE = [
  "' OR 1=1 --", "1; DROP TABLE fixings; --", "\" OR \"\"=\"", "<script>alert(1)</script>", "${jndi:ldap://x}", "{{7*7}}", "$(id)", "`id`",
  "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fpackage.json", "....//....//etc/passwd", "/etc/passwd", "C:\\Windows\\win.ini",
  "%00", "\u0000", "%ff%fe", "\uFFFD", "😀", "\u202e", "%c0%ae%c0%ae/", "NaN", "Infinity", "-1", "0", "1e309", "-0", "9".repeat(400),
  "2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31", "2026-04-12T25:00:00Z", "true", "null", "[]", "{}", "a".repeat(3000), " ", "",
  "GPU-H100SXM-OD", "gpu-h100sxm-od", "2026-04-12", "2026-04-01", "1", "100", "5000", "5001", "csv", "json", "final,back-calculated", "style.css", "README.md",
];
export const PARAM_NAMES = ["from", "to", "limit", "format", "status", "asOf", "as_of", "after", "cursor", "product", "provider", "metric", "index", "kind", "source", "term", "region", "tier", "spark", "month", "indicative", "fields", "q", "id", "__proto__", "constructor"];
const METHODS = ["GET", "GET", "GET", "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Requests sent first in every run: regressions found by earlier fuzzing, traversal and limit probes. */
export const KNOWN_CASES: string[] = [
  "/v1/observations?from=x&to=y",
  "/v1/indices/GPU-H100SXM-OD/fixings?from=x&to=y",
  "/v1/indices/GPU-H100SXM-OD/fixings?from=2026-04-12&to=x",
  "/v1/indices/GPU-H100SXM-OD/fixings?from=0001-01-01&to=9999-12-31",
  "/v1/indices/GPU-H100SXM-OD/fixings?limit=100000000",
  "/v1/observations?limit=-1",
  `/v1/observations?q=${"a".repeat(5000)}`,
  "/assets/..%2f..%2fpackage.json",
  "/methodology/..%2f..%2fsrc%2fconfig.ts",
  "/methodology/%2e%2e%2f%2e%2e%2fdata%2fkeys%2fsigning-key.pem",
  "/v1/captures/1%20OR%201=1",
  "/v1/captures/99999999999999999999999",
  "/v1/indices/GPU-H100SXM-OD%00/latest",
];

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

/** encodeURIComponent that never throws: lone surrogates become U+FFFD first. */
const enc = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));
const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }));
/** Raw (already-encoded) or encoded: both spellings reach the router. */
const segment = fc.tuple(hostile, fc.boolean()).map(([v, raw]) => (raw ? v.replace(/[\s#?/\\"<>^`{|}\u0000-\u001f\u007f-\uffff]/g, (ch) => enc(ch)) : enc(v)));

export function requests(templates: string[], token: string): fc.Arbitrary<FuzzRequest> {
  const fromTemplate = fc.tuple(fc.constantFrom(...templates), fc.array(segment, { minLength: 4, maxLength: 4 })).map(([t, values]) => {
    let i = 0;
    return t.replace(/:[A-Za-z_]+/g, () => values[i++ % values.length]!);
  });
  const traversal = fc.tuple(fc.constantFrom("/assets/", "/methodology/", "/v1/captures/", "/", "/v1/indices/", "//"), fc.constantFrom("..%2f..%2fpackage.json", "../../src/config.ts", "%2e%2e/%2e%2e/etc/passwd", "..\\..\\package.json", ".env", "%00.css", "....//data/cpi.db", "../data/keys/signing-key.pem")).map(([a, b]) => a + b);
  const randomPath = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => `/${parts.join("/")}`);
  const path = fc.oneof({ weight: 6, arbitrary: fromTemplate }, { weight: 2, arbitrary: traversal }, { weight: 2, arbitrary: randomPath });
  const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PARAM_NAMES), hostile), hostile, fc.boolean()), { maxLength: 5 }).map((pairs) =>
    pairs.length === 0 ? "" : `?${pairs.map(([k, v, raw]) => `${enc(k)}=${raw ? v.replace(/[^\w.%:-]/g, (c) => enc(c)) : enc(v)}`).join("&")}`,
  );
  const headers = fc.record(
    {
      accept: fc.constantFrom("application/json", "text/csv", "*/*", "text/html", "application/xml", "garbage/\u0001", ""),
      "if-none-match": fc.constantFrom("*", 'W/"x"', "garbage", '"', ""),
      authorization: fc.constantFrom(`Bearer ${token}`, "Bearer wrong", `Basic ${token}`, "", "Bearer " + "x".repeat(2000)),
      "accept-encoding": fc.constantFrom("gzip", "br", "deflate", "identity;q=0", "*", "gzip;q=abc"),
      "content-type": fc.constantFrom("application/json", "text/plain", "multipart/form-data; boundary=x", "application/json; charset=utf-7"),
      range: fc.constantFrom("bytes=0-10", "bytes=-1", "bytes=99999999999-", "garbage"),
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(
    fc.constant(null),
    fc.json({ maxDepth: 3 }),
    fc.record({ index: fc.constantFrom("GPU-H100SXM-OD", "NOPE"), date: fc.constantFrom("2026-04-12", "2026-02-30"), reason: hostile, actor: hostile }).map((o) => JSON.stringify(o)),
    fc.nat({ max: 40_000 }).map((n) => "x".repeat(n)),
  );
  return fc.record({ method: fc.constantFrom(...METHODS), path, query, headers, body }).map((r) => ({
    method: r.method,
    url: `http://localhost${r.path}${r.query}`,
    headers: Object.fromEntries(Object.entries(r.headers).filter(([, v]) => v !== "")) as Record<string, string>,
    body: r.method === "GET" || r.method === "HEAD" ? null : r.body,
  }));
}

/** The body as a client sees it (Content-Encoding removed). */
function decode(bytes: Uint8Array, encoding: string | null): string {
  const raw = encoding === "gzip" ? gunzipSync(bytes) : encoding === "br" ? brotliDecompressSync(bytes) : encoding === "deflate" ? inflateSync(bytes) : bytes;
  return new TextDecoder().decode(raw);
}

/** What no response may contain: stack frames, source or system paths, secrets. */
export function leakIn(text: string, secrets: string[], paths: string[]): string | null {
  if (/\bat [\w$.<>]+ \(|\bat (file:\/\/|\/)|\.(ts|js|mjs):\d+:\d+|node:internal|node_modules/.test(text)) return "a stack trace or module path";
  for (const p of paths) if (p.length > 4 && text.includes(p)) return `the path ${p}`;
  for (const s of secrets) if (text.includes(s)) return "a secret";
  if (text.includes("PRIVATE KEY")) return "a private key";
  return null;
}

/** The response contract: no 5xx; every 4xx a JSON error whose status matches; nothing leaked. Null when fine. */
export async function responseProblem(req: FuzzRequest, res: Response, secrets: string[], paths: string[]): Promise<string | null> {
  if (res.status >= 500) return `status ${res.status}`;
  const text = req.method === "HEAD" ? "" : decode(new Uint8Array(await res.arrayBuffer()), res.headers.get("content-encoding"));
  if (res.status >= 400 && req.method !== "HEAD") {
    if (!/^application\/json/.test(res.headers.get("content-type") ?? "")) return `${res.status} with content-type ${res.headers.get("content-type")}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return `${res.status} body is not JSON: ${text.slice(0, 80)}`;
    }
    const shape = ErrorBody.safeParse(parsed);
    if (!shape.success) return `${res.status} body is not the error shape: ${text.slice(0, 120)}`;
    if (shape.data.error.status !== res.status) return `error.status ${shape.data.error.status} differs from HTTP ${res.status}`;
  }
  const headerText = [...res.headers.entries()].map(([k, v]) => `${k}: ${v}`).join("\n");
  const leak = leakIn(`${headerText}\n${text}`, secrets, paths);
  return leak ? `leaks ${leak}` : null;
}

/** Send the known cases and `count` generated requests to the app; collect the contract breaches. */
export async function fuzzApp(p: Published, count: number, seed: number) {
  const templates = p.app.routes.map((r) => r.path).filter((path) => !path.includes("*"));
  const secrets = [TOKEN, readKey(p)];
  const paths = [process.cwd(), p.world.dir, p.world.dbPath];
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let slowest = 0;
  const known: FuzzRequest[] = KNOWN_CASES.map((path) => ({ method: "GET", url: `http://localhost${path}`, headers: {}, body: null }));
  const samples = [...known, ...fc.sample(requests([...new Set(templates)], TOKEN), { numRuns: Math.max(0, count - known.length), seed })];
  for (const req of samples) {
    const started = performance.now();
    const res = await send(p, req);
    slowest = Math.max(slowest, performance.now() - started);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const problem = await responseProblem(req, res, secrets, paths);
    if (problem && failures.length < 10) failures.push(`${req.method} ${req.url.slice(0, 200)} -> ${problem}`);
  }
  return { failures, statuses, slowestMs: Math.round(slowest), sent: samples.length };
}

/** A line of the private key's PEM body: it must never appear anywhere. */
function readKey(p: Published): string {
  return readFileSync(join(p.world.keysDir, "signing-key.pem"), "utf8").split("\n")[1]!;
}

async function send(p: Published, req: FuzzRequest): Promise<Response> {
  return p.app.request(req.url, { method: req.method, headers: req.headers, body: req.body });
}

