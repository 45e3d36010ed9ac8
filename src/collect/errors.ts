// One failure type inside the fetcher, and readable one-line messages for undici and socket errors.
import type { FetchOptions } from "./fetch-types.ts";

/** A failed attempt; turned into an error outcome at the fetcher's edge, never thrown past it. */
export class FetchFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status: number | null = null,
    /** The server's Retry-After, already capped, when it sent one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = "FetchFailure";
  }
}

type Timeouts = Pick<FetchOptions, "connectTimeoutMs" | "headersTimeoutMs" | "bodyTimeoutMs">;

// Errors worth another attempt: the network or the server hiccuped, the request itself was fine.
const TRANSIENT: Record<string, string> = {
  ECONNRESET: "connection reset by peer (ECONNRESET)",
  ECONNREFUSED: "connection refused (ECONNREFUSED)",
  ECONNABORTED: "connection aborted (ECONNABORTED)",
  ETIMEDOUT: "connection timed out (ETIMEDOUT)",
  EPIPE: "connection broken (EPIPE)",
  EHOSTUNREACH: "host unreachable (EHOSTUNREACH)",
  ENETUNREACH: "network unreachable (ENETUNREACH)",
  ENETDOWN: "network down (ENETDOWN)",
  EAI_AGAIN: "DNS lookup failed temporarily (EAI_AGAIN)",
  UND_ERR_CLOSED: "connection closed by client",
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: "connection closed early: body shorter than Content-Length",
};

/** Maps anything a request may throw to a FetchFailure with a message free of stack traces. */
export function toFailure(err: unknown, timeouts: Timeouts): FetchFailure {
  if (err instanceof FetchFailure) return err;
  const code = errorCode(err);
  switch (code) {
    case "UND_ERR_CONNECT_TIMEOUT":
      return new FetchFailure(`connect timeout: no connection within ${timeouts.connectTimeoutMs} ms`, true);
    case "UND_ERR_HEADERS_TIMEOUT":
      return new FetchFailure(`headers timeout: no response headers within ${timeouts.headersTimeoutMs} ms`, true);
    case "UND_ERR_BODY_TIMEOUT":
      return new FetchFailure(`body stalled: no data for ${timeouts.bodyTimeoutMs} ms`, true);
    case "UND_ERR_SOCKET":
      return new FetchFailure(`connection closed early (${messageOf(err)})`, true);
    case "ENOTFOUND":
      return new FetchFailure("DNS lookup failed: host not found (ENOTFOUND)", false);
  }
  if (code !== null && code in TRANSIENT) return new FetchFailure(TRANSIENT[code]!, true);
  // Other system errors (E...) are network trouble; anything else is a bad request or a bug: no retry.
  const transient = code !== null && /^E[A-Z]+$/.test(code);
  const label = code ? `${code}: ` : "";
  return new FetchFailure(`network error: ${label}${messageOf(err)}`, transient);
}

/** The error code of an error, its cause, or the first of an AggregateError (happy eyeballs). */
function errorCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    if (typeof e !== "object") break;
    const rec = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof rec.code === "string") return rec.code;
    e = Array.isArray(rec.errors) && rec.errors.length > 0 ? rec.errors[0] : rec.cause;
  }
  return null;
}

/** First line of an error's message; never its stack. */
function messageOf(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const line = raw.split("\n")[0]?.trim() ?? "";
  return line.length > 0 ? line.slice(0, 300) : "unknown error";
}
