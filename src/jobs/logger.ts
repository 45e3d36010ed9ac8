// Structured logging (pino, JSON lines to stderr); secrets are redacted by path before they are written.
import { pino } from "pino";

export type Logger = Pick<pino.Logger, "info" | "warn" | "error" | "debug">;

export function createLogger(opts: { level?: string } = {}): Logger {
  return pino(
    {
      level: opts.level ?? "info",
      redact: { paths: ["key", "token", "apiKey", "authorization", "*.key", "*.token", "*.authorization", "headers.authorization"], censor: "[redacted]" },
    },
    pino.destination(2),
  );
}

/** A logger that drops everything (tests, CLI commands that print their own output). */
export const silentLogger: Logger = pino({ level: "silent" });
