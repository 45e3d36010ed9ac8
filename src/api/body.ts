// Request bodies of the POST routes: JSON only, bounded in bytes while streaming, validated by the route's schema.
import type { Context } from "hono";
import type { z } from "zod";
import { ApiError } from "./errors.ts";

/** The JSON body, at most `limit` bytes, validated by `schema`; every failure is an ApiError naming the rule. */
export async function readJsonBody<T extends z.ZodType>(c: Context, schema: T, limit: number): Promise<z.output<T>> {
  if (!/^application\/json\s*(;|$)/i.test(c.req.header("content-type") ?? "")) throw new ApiError(415, "unsupported_media_type", "send the body as Content-Type: application/json");
  const tooLarge = () => new ApiError(413, "payload_too_large", `request body larger than ${limit} bytes`);
  if (Number(c.req.header("content-length") ?? "0") > limit) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = c.req.raw.body?.getReader();
  for (;;) {
    const part = reader ? await reader.read() : { done: true as const, value: undefined };
    if (part.done) break;
    size += part.value.byteLength;
    if (size > limit) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(part.value);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new ApiError(400, "invalid_json", "the body is not valid JSON");
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.code === "unrecognized_keys" ? issue.keys[0] : issue.path.length > 0 ? String(issue.path[0]) : undefined;
  throw new ApiError(400, "invalid_body", field ? `invalid field "${field}": ${issue.message}` : issue.message, field);
}
