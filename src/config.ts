// Configuration from the environment, validated at start; the only reader of process.env.
import { z } from "zod";
import { resolve } from "node:path";
import { parseMirrorMap, type MirrorSettings } from "./collect/mirror.ts";
import type { ProxySettings } from "./collect/proxy.ts";
import { allSources } from "./sources/registry.ts";

const Port = z.coerce.number().int().min(0).max(65535);
const HttpUrl = (what: string) =>
  z.url({ protocol: /^https?$/, error: `${what} must be an http:// or https:// URL` });

export const ConfigSchema = z.object({
  PORT: Port.default(8787),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** A SQLite file path (the embedded default) or a postgres:// URL (optionally ?schema=name). */
  CPI_DB: z.string().min(1).default("data/cpi.db"),
  /** PostgreSQL only: where the API's reads go (a replica, or a read-only role); default CPI_DB. */
  CPI_DB_READ_URL: z.string().optional(),
  /** Folder holding the Ed25519 signing key (created on first start, mode 0600). */
  CPI_KEYS_DIR: z.string().min(1).default("data/keys"),
  /** Folder of the bundled history loaded into an empty database. */
  CPI_BUNDLE_DIR: z.string().min(1).default("data/bundle"),
  /**
   * What `cpi serve` runs: "api" (HTTP only, no schedules, any number of nodes), "scheduler" (campaigns for
   * the single leader lease, collects and publishes while it holds it), or "all" (both). `--role` sets it.
   */
  CPI_ROLE: z.enum(["api", "scheduler", "all"], { error: 'CPI_ROLE (--role) must be "api", "scheduler" or "all"' }).default("all"),
  /** Leader election (PostgreSQL): how often a standby retries the lease and the leader checks it (ms). */
  CPI_LEADER_RETRY_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
  /** "off" disables the schedules (serve only). */
  CPI_SCHEDULE: z.enum(["on", "off"]).default("on"),
  /** "off" skips loading the bundled history into an empty database. */
  CPI_LOAD_BUNDLE: z.enum(["on", "off"]).default("on"),
  /** Bearer token enabling operator routes over HTTP; absent means they do not exist. */
  CPI_OPERATOR_TOKEN: z.string().min(24, "CPI_OPERATOR_TOKEN must be at least 24 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Proxy for http:// fetches (the lowercase http_proxy wins when both are set, as in undici and curl). */
  HTTP_PROXY: HttpUrl("HTTP_PROXY").optional(),
  /** Proxy for https:// fetches (CONNECT tunnel); without it HTTP_PROXY is used. */
  HTTPS_PROXY: HttpUrl("HTTPS_PROXY").optional(),
  /** Hosts that bypass the proxy: comma-separated names, .domains, host:port, or "*". */
  NO_PROXY: z.string().optional(),
  /** Mirror base for every source: https://host/path is fetched as <base>/host/path. */
  CPI_SOURCE_MIRROR: HttpUrl("CPI_SOURCE_MIRROR").optional(),
  /** Per-source mirror bases, "source-id=base,source-id=base"; they win over CPI_SOURCE_MIRROR. */
  CPI_SOURCE_MIRRORS: z.string().optional(),
  /**
   * A simulated clock "<start>/<end>" (ISO instants): the publisher starts at <start> and runs its real schedules
   * minute by minute up to <end> as fast as the jobs finish, then serves with the clock stopped (replay tests, demos).
   */
  CPI_SIM_CLOCK: z
    .string()
    .refine((v) => simInterval(v) !== null, "CPI_SIM_CLOCK must be <start>/<end>, two ISO instants with start before end (2026-12-01T00:00:00Z/2026-12-04T00:00:00Z)")
    .optional(),
});

/** "<start>/<end>" as two dates, or null when it is not an interval of ISO instants with start < end. */
export function simInterval(text: string): { start: Date; end: Date } | null {
  const parts = text.split("/");
  if (parts.length !== 2) return null;
  const [start, end] = parts.map((p) => (/^\d{4}-\d{2}-\d{2}T/.test(p.trim()) ? new Date(p.trim()) : new Date(NaN)));
  if (!start || !end || Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || start >= end) return null;
  return { start, end };
}

export type Config = z.infer<typeof ConfigSchema> & {
  /** The SQLite file (absolute) or the PostgreSQL URL the writer opens. */
  dbPath: string;
  /** Where the serving path reads: the same database unless CPI_DB_READ_URL names another. */
  dbReadPath: string;
  dbKind: "sqlite" | "postgres";
  keysDir: string;
  bundleDir: string;
  proxy: ProxySettings;
  mirror: MirrorSettings;
  /** CPI_SIM_CLOCK parsed; null on the real clock. */
  simClock: { start: Date; end: Date } | null;
};

const PG_SCHEME = /^postgres(ql)?:\/\//i;

/** A postgres:// URL that parses, with a host and a database; null when fine, else why not. */
function badPgUrl(value: string): string | null {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return "is not a valid URL";
  }
  if (!u.hostname && !u.searchParams.get("host")) return "names no host";
  if (u.pathname.length <= 1) return "names no database (postgres://user@host:5432/dbname)";
  const schema = u.searchParams.get("schema");
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) return `has an invalid schema name "${schema}" (lower case letters, digits, _)`;
  return null;
}

/** CPI_DB and CPI_DB_READ_URL together: which store, and whether the read URL fits it. */
function checkDb(v: { CPI_DB: string; CPI_DB_READ_URL?: string | undefined }, ctx: z.RefinementCtx): void {
  const pg = PG_SCHEME.test(v.CPI_DB);
  if (pg) {
    const why = badPgUrl(v.CPI_DB);
    if (why) ctx.addIssue({ code: "custom", path: ["CPI_DB"], message: `CPI_DB ${why}` });
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v.CPI_DB)) {
    ctx.addIssue({ code: "custom", path: ["CPI_DB"], message: "CPI_DB must be a SQLite file path or a postgres:// URL" });
  }
  if (v.CPI_DB_READ_URL !== undefined) {
    if (!pg) ctx.addIssue({ code: "custom", path: ["CPI_DB_READ_URL"], message: "CPI_DB_READ_URL needs CPI_DB to be a postgres:// URL" });
    const why = PG_SCHEME.test(v.CPI_DB_READ_URL) ? badPgUrl(v.CPI_DB_READ_URL) : "is not a postgres:// URL";
    if (why) ctx.addIssue({ code: "custom", path: ["CPI_DB_READ_URL"], message: `CPI_DB_READ_URL ${why}` });
  }
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Lowercase proxy variables are the older convention; they count as the uppercase setting (and win). */
const LOWERCASE_ALIASES = ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"] as const;

function withAliases(env: Record<string, string | undefined>): Record<string, string> {
  const set = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""));
  for (const name of LOWERCASE_ALIASES) {
    const lower = set[name.toLowerCase()];
    if (lower !== undefined) set[name] = lower;
  }
  return set;
}

function mirrorSettings(c: z.infer<typeof ConfigSchema>): MirrorSettings {
  const problems: string[] = [];
  let perSource: Record<string, string> = {};
  try {
    perSource = parseMirrorMap(c.CPI_SOURCE_MIRRORS ?? "");
  } catch (error) {
    problems.push(`CPI_SOURCE_MIRRORS: ${(error as Error).message}`);
  }
  const known = new Set(allSources.map((s) => s.id));
  for (const [id, base] of Object.entries(perSource)) {
    if (!known.has(id)) problems.push(`CPI_SOURCE_MIRRORS: unknown source "${id}" (known: ${[...known].join(", ")})`);
    if (!HttpUrl("base").safeParse(base).success) problems.push(`CPI_SOURCE_MIRRORS: the base of "${id}" must be an http:// or https:// URL, got "${base}"`);
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n${problems.map((p) => `✖ ${p}`).join("\n")}`);
  return { base: c.CPI_SOURCE_MIRROR ?? null, perSource };
}

/** Parse and validate; relative paths resolve against `cwd`. Throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>, cwd: string): Config {
  const parsed = ConfigSchema.superRefine(checkDb).safeParse(withAliases(env));
  if (!parsed.success) throw new ConfigError(`invalid configuration:\n${z.prettifyError(parsed.error)}`);
  const c = parsed.data;
  const dbKind = PG_SCHEME.test(c.CPI_DB) ? "postgres" : "sqlite";
  const abs = (p: string) => (p === ":memory:" ? p : resolve(cwd, p));
  const dbPath = dbKind === "postgres" ? c.CPI_DB : abs(c.CPI_DB);
  const proxy: ProxySettings = { httpProxy: c.HTTP_PROXY ?? null, httpsProxy: c.HTTPS_PROXY ?? null, noProxy: c.NO_PROXY ?? "" };
  return { ...c, dbPath, dbReadPath: c.CPI_DB_READ_URL ?? dbPath, dbKind, keysDir: abs(c.CPI_KEYS_DIR), bundleDir: abs(c.CPI_BUNDLE_DIR), proxy, mirror: mirrorSettings(c), simClock: c.CPI_SIM_CLOCK ? simInterval(c.CPI_SIM_CLOCK) : null };
}
