// Operator routes: reads (audit log, anomalies) and actions (correction, key rotation), all behind the one authorizer.
import { z } from "zod";
import type { Store } from "../db/index.ts";
import type { Methodology } from "../index/index.ts";
import type { MethodologySet } from "../index/versions.ts";
import { correctFixing, CorrectionError } from "../jobs/correct.ts";
import { rotateSigningKey, type RotationOutcome, type SwappableSigner } from "../jobs/rotate.ts";
import type { AppDeps } from "./deps.ts";
import { ApiError, errorResponse } from "./errors.ts";
import { API_LIMITS } from "./limits.ts";
import { intParam } from "./params.ts";
import { complaints } from "../jobs/complaints.ts";
import { route, type AnyRoute } from "./registry.ts";

/** What the operator actions need besides the read API: the writable store, held by these routes only. */
export interface OperatorWriteDeps {
  store: Store;
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

const Limit = z.object({ limit: intParam(1, API_LIMITS.operatorListMax, API_LIMITS.operatorListDefault, "newest entries first") }).strict();
const Reason = z.string().trim().min(3, "give a reason of at least 3 characters").max(2000);
const Actor = z.string().trim().regex(/^[\w .@-]{1,80}$/, "letters, digits, space, . @ _ - (at most 80)").optional();
const CorrectionBody = z.object({ index: z.string().regex(/^[A-Z0-9-]{1,64}$/, "an index code"), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD"), reason: Reason, actor: Actor }).strict();
const RotationBody = z.object({ reason: Reason, actor: Actor }).strict();

/** Reads for operators. */
export function operatorReadRoutes(deps: AppDeps): AnyRoute[] {
  return [
    route({
      path: "/v1/operator/audit",
      operationId: "operatorAudit",
      summary: "The operator audit log (who did what, when and why), newest first",
      tag: "operator",
      operator: true,
      query: Limit,
      errors: [401],
      cache: "private",
      handle: async (c, { query }) => c.json({ data: await deps.store.listAudit(query.limit) }),
    }),
    route({
      path: "/v1/operator/anomalies",
      operationId: "operatorAnomalies",
      summary: "Anomalies recorded during collection (schema drift, price jumps), newest first",
      tag: "operator",
      operator: true,
      query: Limit,
      errors: [401],
      cache: "private",
      handle: async (c, { query }) => c.json({ data: await deps.store.listAnomalies(query.limit) }),
    }),
    route({
      path: "/v1/operator/complaints",
      operationId: "operatorComplaints",
      summary: "The complaints register (from the audit log): each complaint with its trail, oldest first",
      tag: "operator",
      operator: true,
      query: z.object({ open: z.enum(["true", "false"], { error: 'must be "true" or "false"' }).optional().describe("only complaints not closed") }).strict(),
      errors: [401],
      cache: "private",
      handle: async (c, { query }) => c.json({ data: (await complaints(deps.store)).filter((x) => query.open !== "true" || x.closedAt === null) }),
    }),
  ];
}

/** Actions for operators; they exist only where the publisher hands over its writable store. */
export function operatorWriteRoutes(deps: OperatorWriteDeps): AnyRoute[] {
  const now = deps.now ?? (() => new Date());
  // One operator action at a time: a rotation never interleaves with a correction's signing.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  };
  return [
    route({
      method: "POST",
      path: "/v1/operator/corrections",
      operationId: "operatorCorrect",
      summary: "Recompute one fixing and publish a correction (same-day republication or restatement) with a reason",
      tag: "operator",
      operator: true,
      body: CorrectionBody,
      status: 201,
      errors: [401, 404, 409, 413, 415],
      cache: "error",
      handle: async (c, { body }) => {
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
      },
    }),
    route({
      method: "POST",
      path: "/v1/operator/keys/rotate",
      operationId: "operatorRotateKey",
      summary: "Retire the signing key and start signing with a new one (both stay published)",
      tag: "operator",
      operator: true,
      body: RotationBody,
      status: 201,
      errors: [401, 413, 415],
      cache: "error",
      handle: async (c, { body }) => {
        const r = await serial(() => rotateSigningKey(deps.keysDir, { actor: `http:${body.actor ?? "operator"}`, reason: body.reason }, { store: deps.store, now }));
        deps.signer.swap(r.signer);
        deps.onKeyRotated?.(r);
        return c.json({ data: { retiredKeyId: r.retiredKeyId, keyId: r.keyId } }, 201, { "cache-control": "no-store" });
      },
    }),
  ];
}
