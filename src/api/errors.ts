// One error class and one JSON error shape for every API failure; query and path validation into 400s.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";

/** The one error shape (also published in /openapi.json as components.schemas.Error). */
export const ErrorBody = z.object({
  error: z.object({
    status: z.number().int(),
    code: z.string(),
    message: z.string(),
    parameter: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly parameter?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function errorBody(status: number, code: string, message: string, parameter?: string): ErrorBody {
  return { error: { status, code, message, ...(parameter ? { parameter } : {}) } };
}

export function errorResponse(c: Context, err: ApiError, headers: Record<string, string> = {}): Response {
  return c.json(errorBody(err.status, err.code, err.message, err.parameter), err.status, { "cache-control": "no-store", ...headers });
}

/** Validate query or path parameters; the first problem becomes a 400 naming the parameter and the rule. */
export function parseParams<T extends z.ZodType>(schema: T, input: Record<string, string>): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const name = issue.keys[0] ?? "";
    const allowed = schema instanceof z.ZodObject ? Object.keys(schema.shape).join(", ") : "";
    throw new ApiError(400, "unknown_parameter", `unknown parameter "${name}"${allowed ? ` (allowed: ${allowed})` : " (this route takes none)"}`, name);
  }
  // The parameter is the top-level name ("status", not "status.1" for the second item of a list).
  const parameter = issue.path.length > 0 ? String(issue.path[0]) : undefined;
  const message = parameter ? `invalid parameter "${parameter}": ${issue.message}` : issue.message;
  throw new ApiError(400, "invalid_parameter", message, parameter);
}

/** Where an unexpected failure is reported (the publisher's logger; never the response). */
export interface ErrorLog {
  error(obj: object, msg: string): void;
}

/** The app-wide error handler: ApiError as is, anything else a bare 500 with no internals, logged through `log`. */
export function errorHandler(log: ErrorLog): (err: Error, c: Context) => Response {
  return (err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err, err.headers);
    const status = (err as { status?: number }).status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      return errorResponse(c, new ApiError(status as ContentfulStatusCode, "bad_request", "the request could not be processed"));
    }
    log.error({ err: err.message, path: c.req.path, method: c.req.method }, "api: unhandled error");
    return errorResponse(c, new ApiError(500, "internal_error", "internal error"));
  };
}
