// Operator actions over HTTP (correction, key rotation): exist only when a token is configured; bearer token in constant time.
import { createHash, timingSafeEqual } from "node:crypto";
import { Hono, type Context, type Env } from "hono";
import { z } from "zod";
import type { Store } from "../db/index.ts";
import type { Methodology } from "../index/index.ts";
import type { MethodologySet } from "../index/versions.ts";
import { correctFixing, CorrectionError } from "../jobs/correct.ts";
import { rotateSigningKey, type RotationOutcome, type SwappableSigner } from "../jobs/rotate.ts";
import { ApiError, errorResponse, handleError } from "./errors.ts";

/** Largest accepted request body of an operator action, in bytes. */
export const OPERATOR_BODY_LIMIT = 16 * 1024;

export interface OperatorWriteDeps {
  /** The writable store: held by this sub-app only, never by the read API. */
  store: Store;
  /** CPI_OPERATOR_TOKEN; undefined or empty means the routes do not exist (404). */
  token: string | undefined;
  methodology: Methodology;
  /** Every archived methodology version: a correction recomputes under the fixing's own version. */
  versions?: MethodologySet;
  /** The publisher's signer, swappable so a rotation takes effect in the running process. */
  signer: SwappableSigner;
  keysDir: string;
  now?: () => Date;
  /** Told about a rotation (e.g. to publish the new key beside the retired one). */
  onKeyRotated?: (r: RotationOutcome) => void;
}

const Reason = z.string().trim().min(3, "give a reason of at least 3 characters").max(2000);
const Actor = z.string().trim().regex(/^[\w .@-]{1,80}$/, "letters, digits, space, . @ _ - (at most 80)").optional();
const CorrectionBody = z.object({ index: z.string().regex(/^[A-Z0-9-]{1,64}$/, "an index code"), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD"), reason: Reason, actor: Actor }).strict();
const RotationBody = z.object({ reason: Reason, actor: Actor }).strict();

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

function authorizer(token: string): (c: Context) => void {
  const expected = digest(token);
  return (c) => {
    const match = /^Bearer ([\x21-\x7e]+)$/.exec(c.req.header("authorization") ?? "");
    // Equal-length digests: the comparison time says nothing about where or whether the strings differ.
    const ok = timingSafeEqual(digest(match?.[1] ?? ""), expected);
    if (!ok || match === null) throw new ApiError(401, "unauthorized", "operator actions need Authorization: Bearer <CPI_OPERATOR_TOKEN>", undefined, { "www-authenticate": 'Bearer realm="cpi-operator"' });
  };
}

/** The JSON body, at most OPERATOR_BODY_LIMIT bytes, validated by `schema`. */
async function readBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  if (!/^application\/json\s*(;|$)/i.test(c.req.header("content-type") ?? "")) throw new ApiError(415, "unsupported_media_type", "send the body as Content-Type: application/json");
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > OPERATOR_BODY_LIMIT) throw new ApiError(413, "payload_too_large", `request body larger than ${OPERATOR_BODY_LIMIT} bytes`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = c.req.raw.body?.getReader();
  for (;;) {
    const part = reader ? await reader.read() : { done: true as const, value: undefined };
    if (part.done) break;
    size += part.value.byteLength;
    if (size > OPERATOR_BODY_LIMIT) {
      await reader?.cancel();
      throw new ApiError(413, "payload_too_large", `request body larger than ${OPERATOR_BODY_LIMIT} bytes`);
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

/** The sub-app, or null when no token is configured (then the routes must not exist at all). */
export function operatorWriteApp(deps: OperatorWriteDeps): Hono | null {
  if (!deps.token) return null;
  const authorize = authorizer(deps.token);
  const now = deps.now ?? (() => new Date());
  // One operator action at a time: a rotation never interleaves with a correction's signing.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  };
  const app = new Hono();
  app.onError(handleError);

  app.post("/v1/operator/corrections", async (c) => {
    authorize(c);
    const body = await readBody(c, CorrectionBody);
    const outcome = await serial(() =>
      correctFixing({ code: body.index, date: body.date, reason: body.reason, actor: `http:${body.actor ?? "operator"}` }, { store: deps.store, signer: deps.signer, methodology: deps.methodology, versions: deps.versions, now }),
    ).catch((error: unknown) => {
      if (error instanceof CorrectionError) throw new ApiError(error.kind === "not_found" ? 404 : 400, error.kind === "not_found" ? "not_found" : "invalid_correction", error.message);
      throw error;
    });
    if (!outcome.decision.allowed) return errorResponse(c, new ApiError(409, "correction_refused", outcome.decision.reason));
    const f = outcome.fixing!;
    const data = { kind: outcome.decision.kind, decision: outcome.decision.reason, previous: { revision: outcome.previous.revision, value: outcome.previous.value }, fixing: f };
    return c.json({ data }, 201, { "cache-control": "no-store" });
  });

  app.post("/v1/operator/keys/rotate", async (c) => {
    authorize(c);
    const body = await readBody(c, RotationBody);
    const r = await serial(() => rotateSigningKey(deps.keysDir, { actor: `http:${body.actor ?? "operator"}`, reason: body.reason }, { store: deps.store, now }));
    deps.signer.swap(r.signer);
    deps.onKeyRotated?.(r);
    return c.json({ data: { retiredKeyId: r.retiredKeyId, keyId: r.keyId } }, 201, { "cache-control": "no-store" });
  });
  return app;
}

/** Mount the operator actions on the publisher's app; a no-op (routes answer 404) without a token. */
export function mountOperatorWrites<E extends Env>(app: Hono<E>, deps: OperatorWriteDeps): boolean {
  const sub = operatorWriteApp(deps);
  if (sub) app.route("/", sub);
  return sub !== null;
}
