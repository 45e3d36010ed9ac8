// The fetching layer's contract: options with defaults, injectable deps, requests and outcomes (never exceptions).
import type { Dispatcher } from "undici";
import pkg from "../../package.json" with { type: "json" };
import { NO_PROXY_SETTINGS, type ProxySettings } from "./proxy.ts";

export interface FetchOptions {
  userAgent: string;
  connectTimeoutMs: number;
  /** Time from sending the request to the complete response headers. */
  headersTimeoutMs: number;
  /** Idle time allowed between two body chunks (a stall detector, not a total). */
  bodyTimeoutMs: number;
  /** Wall-clock limit of ONE attempt (its whole redirect chain, headers and body); backoff waits are not counted. */
  totalTimeoutMs: number;
  maxRedirects: number;
  /** Cap on the bytes received on the wire (before decoding). */
  maxBytes: number;
  /** Cap on the bytes after gzip/br/deflate decoding. */
  maxDecompressedBytes: number;
  /** Extra attempts after the first for retryable failures. */
  retries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A server's Retry-After is honoured, but never waited longer than this. */
  maxRetryAfterMs: number;
  /** Requests in flight per host (hostname:port), across all callers of one fetcher. */
  perHostConcurrency: number;
  /** Outbound proxies (HTTP_PROXY, HTTPS_PROXY, NO_PROXY via config); ignored when a dispatcher is injected. */
  proxy: ProxySettings;
}

export interface FetchDeps {
  /** Injected dispatcher (e.g. a MockAgent); its owner closes it. Default: an Agent built from the options. */
  dispatcher?: Dispatcher;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Wall clock in ms (elapsed times and Retry-After dates). */
  now?: () => number;
}

export interface FetchRequest {
  url: string;
  headers?: Record<string, string>;
  etag?: string | null;
  lastModified?: string | null;
}

/** URLs in outcomes are redacted: secret query values (key=, token=, ...) and userinfo are replaced. */
export type FetchOutcome =
  | {
      kind: "ok";
      url: string;
      finalUrl: string;
      status: number;
      contentType: string | null;
      /** Decoded body (Content-Encoding removed). */
      bytes: Uint8Array;
      etag: string | null;
      lastModified: string | null;
      attempts: number;
      elapsedMs: number;
    }
  | { kind: "not_modified"; url: string; status: 304; attempts: number; elapsedMs: number }
  | {
      kind: "error";
      url: string;
      status: number | null;
      error: string;
      retryable: boolean;
      attempts: number;
      elapsedMs: number;
    };

export interface Fetcher {
  fetch(req: FetchRequest): Promise<FetchOutcome>;
  /** Closes the Agent the fetcher built (not an injected dispatcher); later fetches return an error outcome. */
  close(): Promise<void>;
}

export const USER_AGENT = `cpi/${pkg.version} (+https://github.com/cpi-index/cpi; open compute price index)`;

const MiB = 1024 * 1024;

export const DEFAULT_FETCH_OPTIONS: Readonly<FetchOptions> = Object.freeze({
  userAgent: USER_AGENT,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 60_000,
  totalTimeoutMs: 120_000,
  maxRedirects: 5,
  maxBytes: 64 * MiB,
  maxDecompressedBytes: 256 * MiB,
  retries: 3,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  maxRetryAfterMs: 5 * 60_000,
  perHostConcurrency: 2,
  proxy: NO_PROXY_SETTINGS,
});
