// Configuration from the environment, validated at start; the only reader of process.env.
import { z } from "zod";
import { resolve } from "node:path";

const Port = z.coerce.number().int().min(0).max(65535);

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
  /** "off" disables the schedules (serve only). */
  CPI_SCHEDULE: z.enum(["on", "off"]).default("on"),
  /** "off" skips loading the bundled history into an empty database. */
  CPI_LOAD_BUNDLE: z.enum(["on", "off"]).default("on"),
  /** Bearer token enabling operator routes over HTTP; absent means they do not exist. */
  CPI_OPERATOR_TOKEN: z.string().min(24, "CPI_OPERATOR_TOKEN must be at least 24 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = z.infer<typeof ConfigSchema> & {
  /** The SQLite file (absolute) or the PostgreSQL URL the writer opens. */
  dbPath: string;
  /** Where the serving path reads: the same database unless CPI_DB_READ_URL names another. */
  dbReadPath: string;
  dbKind: "sqlite" | "postgres";
  keysDir: string;
  bundleDir: string;
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

/** Parse and validate; relative paths resolve against `cwd`. Throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>, cwd: string): Config {
  const parsed = ConfigSchema.superRefine(checkDb).safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")));
  if (!parsed.success) throw new ConfigError(`invalid configuration:\n${z.prettifyError(parsed.error)}`);
  const c = parsed.data;
  const dbKind = PG_SCHEME.test(c.CPI_DB) ? "postgres" : "sqlite";
  const abs = (p: string) => (p === ":memory:" ? p : resolve(cwd, p));
  const dbPath = dbKind === "postgres" ? c.CPI_DB : abs(c.CPI_DB);
  return { ...c, dbPath, dbReadPath: c.CPI_DB_READ_URL ?? dbPath, dbKind, keysDir: abs(c.CPI_KEYS_DIR), bundleDir: abs(c.CPI_BUNDLE_DIR) };
}
