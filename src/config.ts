// Configuration from the environment, validated at start; the only reader of process.env.
import { z } from "zod";
import { resolve } from "node:path";

const Port = z.coerce.number().int().min(0).max(65535);

export const ConfigSchema = z.object({
  PORT: Port.default(8787),
  HOST: z.string().min(1).default("127.0.0.1"),
  CPI_DB: z.string().min(1).default("data/cpi.db"),
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

export type Config = z.infer<typeof ConfigSchema> & { dbPath: string; keysDir: string; bundleDir: string };

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parse and validate; relative paths resolve against `cwd`. Throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>, cwd: string): Config {
  const parsed = ConfigSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")));
  if (!parsed.success) throw new ConfigError(`invalid configuration:\n${z.prettifyError(parsed.error)}`);
  const c = parsed.data;
  const abs = (p: string) => (p === ":memory:" ? p : resolve(cwd, p));
  return { ...c, dbPath: abs(c.CPI_DB), keysDir: abs(c.CPI_KEYS_DIR), bundleDir: abs(c.CPI_BUNDLE_DIR) };
}
