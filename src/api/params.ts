// Query parameter schemas shared by routes: each carries the rule its 400 message states.
import { z } from "zod";
import { API_LIMITS } from "./limits.ts";

export const format = z.enum(["json", "csv"], { error: 'must be "json" or "csv"' }).optional().describe("Response format (default json; also Accept: text/csv)");

export function intParam(min: number, max: number, fallback: number, description: string) {
  const rule = `must be an integer from ${min} to ${max}`;
  return z.coerce.number({ error: rule }).int({ error: rule }).min(min, { error: rule }).max(max, { error: rule }).default(fallback).describe(description);
}

export const date = (description: string) => z.iso.date({ error: "must be a date YYYY-MM-DD" }).describe(description);

export const time = (description: string) =>
  z.iso.datetime({ offset: true, error: "must be an ISO 8601 time such as 2026-05-01T16:00:00Z" }).describe(description);

/** A date (whole UTC day) or an ISO time. */
export const dateOrTime = (description: string) =>
  z
    .string()
    .refine((s) => z.iso.date().safeParse(s).success || z.iso.datetime({ offset: true }).safeParse(s).success, {
      error: "must be a date YYYY-MM-DD or an ISO 8601 time",
    })
    .describe(description);

export function enumParam<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z.enum(values, { error: `must be one of: ${values.join(", ")}` }).describe(description);
}

/** One value of a zod enum's entries (e.g. `enumOf(Term.enum, ...)`). */
export function enumOf<const T extends Readonly<Record<string, string>>>(entries: T, description: string) {
  return z.enum(entries, { error: `must be one of: ${Object.values(entries).join(", ")}` }).describe(description);
}

/** Comma-separated values, each one of a zod enum's entries. */
export function enumList<const T extends Readonly<Record<string, string>>>(entries: T, description: string) {
  const rule = `must be a comma-separated list of: ${Object.values(entries).join(", ")}`;
  return z
    .string()
    .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(entries, { error: rule }), { error: rule }).min(1, { error: rule }))
    .describe(`${description} (comma-separated)`);
}

/** Comma-separated free identifiers (class ids, model ids). */
export const idList = (description: string) =>
  z
    .string()
    .min(1, { error: "must not be empty" })
    .max(API_LIMITS.maxQueryLength)
    .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
    .describe(`${description} (comma-separated)`);

export const text = (description: string) => z.string().min(1, { error: "must not be empty" }).max(200, { error: "must be at most 200 characters" }).describe(description);

export const DAY_MS = 86_400_000;

/** UTC start of a date or the time itself, as ISO. */
export function startOf(value: string): string {
  return value.length === 10 ? `${value}T00:00:00.000Z` : new Date(value).toISOString();
}

/** Exclusive end: the day after a date, or the time itself. */
export function endOf(value: string): string {
  return value.length === 10 ? new Date(Date.parse(`${value}T00:00:00.000Z`) + DAY_MS).toISOString() : new Date(value).toISOString();
}

/** A `from`/`to` pair must be ordered and no longer than API_LIMITS.maxRangeDays. */
export function rangeProblem(from: string | undefined, to: string | undefined): { path: string; message: string } | null {
  if (!from || !to) return null;
  // The refinement also runs when a bound already failed its own rule: judge only two valid bounds.
  if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) return null;
  const start = Date.parse(startOf(from));
  const end = Date.parse(endOf(to));
  if (start >= end) return { path: "from", message: "must be before to" };
  if ((end - start) / DAY_MS > API_LIMITS.maxRangeDays + 1) return { path: "to", message: `range must not exceed ${API_LIMITS.maxRangeDays} days` };
  return null;
}

/** Adds the range rule to an object schema with optional `from` and `to`. */
export function withRange<T extends z.ZodObject>(schema: T): T {
  return schema.superRefine((q, ctx) => {
    const v = q as { from?: string; to?: string };
    const problem = rangeProblem(v.from, v.to);
    if (problem) ctx.addIssue({ code: "custom", path: [problem.path], message: problem.message });
  });
}
