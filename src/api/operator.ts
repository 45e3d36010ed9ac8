// Operator routes over HTTP: off unless CPI_OPERATOR_TOKEN is set; bearer token compared in constant time; read-only.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { z } from "zod";
import type { AppDeps } from "./deps.ts";
import { ApiError } from "./errors.ts";
import { intParam } from "./params.ts";
import { route, type AnyRoute } from "./registry.ts";

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/** A check of Authorization: Bearer <token>, or undefined when no token is configured (routes off). */
export function operatorAuthorizer(token: string | undefined): ((c: Context) => void) | undefined {
  if (!token) return undefined;
  const expected = digest(token);
  return (c) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
    // Comparing fixed-length digests keeps the time independent of where the strings differ and of their lengths.
    const ok = timingSafeEqual(digest(match?.[1] ?? ""), expected) && match !== null;
    if (!ok) throw new ApiError(401, "unauthorized", "operator routes need Authorization: Bearer <CPI_OPERATOR_TOKEN>", undefined, { "www-authenticate": 'Bearer realm="cpi-operator"' });
  };
}

const Limit = z.object({ limit: intParam(1, 1000, 100, "newest entries first") }).strict();

/** Reads for operators (audit log, anomalies). Writes stay CLI-only: the HTTP app holds a read-only store. */
export function operatorRoutes(deps: AppDeps): AnyRoute[] {
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
  ];
}
