// createApp(deps): the read API, CSV downloads, the dashboard and (with a token and the writable side) the operator actions.
import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { methodNotAllowed } from "hono/method-not-allowed";
import type { AppDeps } from "./deps.ts";
import { ApiError, errorHandler, errorResponse } from "./errors.ts";
import { operatorAuthorizer } from "./auth.ts";
import { conditionalGet } from "./cache.ts";
import { compress } from "./compress.ts";
import { responseCache } from "./response-cache.ts";
import { API_LIMITS } from "./limits.ts";
import { mountRoutes, type AnyRoute, type ApiEnv } from "./registry.ts";
import { openApiDocument } from "./openapi.ts";
import { indexRoutes } from "./indices.ts";
import { fixingRoutes } from "./fixings.ts";
import { settlementRoutes } from "./settlements.ts";
import { observationRoutes } from "./observations.ts";
import { catalogRoutes } from "./catalog.ts";
import { healthRoutes } from "./health.ts";
import { createMetrics } from "./metrics.ts";
import { operatorReadRoutes, operatorWriteRoutes, type OperatorWriteDeps } from "./operator.ts";
import { staticRoutes } from "./static.ts";
import { contractRoutes } from "./contracts.ts";
import { manifestRoutes } from "./manifest.ts";
import { loadContractBook } from "../jobs/contract-book.ts";
import type { ContractBook } from "../schemas/contract.ts";
import { loadTaxonomy } from "./taxonomy.ts";
import pkg from "../../package.json" with { type: "json" };

export interface AppOptions {
  /** Distinguishes this process's ETags of streamed bodies (default: random per app). */
  nonce?: string;
  /** The publisher's writable side: with an operator token, the operator actions are mounted over it. */
  writes?: OperatorWriteDeps;
}

/** Every route the app serves, in documentation order (the OpenAPI document is generated from this list). */
export function apiRoutes(deps: AppDeps, nonce: string, openapi: () => unknown, writes?: OperatorWriteDeps): AnyRoute[] {
  const taxonomy = loadTaxonomy();
  const operator = deps.operatorToken !== undefined && deps.operatorToken !== "";
  // One contract book for the contract and settlement routes: the caller's, or loaded once from the methodology.
  let book: ContractBook | null = deps.contracts ?? null;
  const contracts = () => (book ??= loadContractBook(deps.methodology));
  return [
    ...indexRoutes(deps, taxonomy),
    ...contractRoutes(deps, contracts),
    ...fixingRoutes(deps),
    ...settlementRoutes(deps, contracts()),
    ...observationRoutes(deps, nonce),
    ...catalogRoutes(deps, taxonomy),
    ...healthRoutes(deps),
    ...manifestRoutes(deps),
    ...(operator ? operatorReadRoutes(deps) : []),
    ...(operator && writes ? operatorWriteRoutes(writes) : []),
    ...staticRoutes(openapi),
  ];
}

export function createApp(deps: AppDeps, options: AppOptions = {}): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const metrics = createMetrics(deps);
  let document: unknown = null;
  const routes: AnyRoute[] = [...apiRoutes(deps, options.nonce ?? randomUUID(), () => document, options.writes), ...metrics.routes];
  document = openApiDocument(routes, { version: pkg.version, methodologyVersion: deps.methodology.version });

  app.use("*", metrics.middleware);
  app.use("*", async (c, next) => {
    if (new URL(c.req.url).search.length > API_LIMITS.maxQueryLength) {
      throw new ApiError(414, "uri_too_long", `query string longer than ${API_LIMITS.maxQueryLength} characters`);
    }
    await next();
  });
  const cache = responseCache(deps.store, {
      prefixes: ["/v1/indices", "/v1/contracts", "/v1/restatements", "/v1/observations", "/v1/classes", "/v1/models", "/v1/keys"],
      maxEntries: API_LIMITS.responseCacheMaxEntries,
      maxBodyBytes: API_LIMITS.responseCacheMaxBodyBytes,
      maxTotalBytes: API_LIMITS.responseCacheMaxTotalBytes,
  });
  app.use("*", cache.middleware);
  app.use("*", compress(API_LIMITS.compressMinBytes));
  app.use("*", conditionalGet());
  app.use("/v1/*", cors({ origin: "*", allowMethods: ["GET", "HEAD"], allowHeaders: ["Accept", "If-None-Match"], exposeHeaders: ["ETag", "Link", "Content-Disposition"], maxAge: 86400 }));
  app.use(
    "*",
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        errorResponse(c, new ApiError(405, "method_not_allowed", `${c.req.method} is not allowed on ${c.req.path} (allowed: ${methods.join(", ")})`), { allow: methods.join(", ") }),
    }),
  );
  mountRoutes(app, routes, { authorize: operatorAuthorizer(deps.operatorToken) });
  app.notFound((c) => errorResponse(c, new ApiError(404, "not_found", `no route for ${c.req.method} ${c.req.path} (see /openapi.json)`)));
  app.onError(errorHandler(deps.log ?? { error: () => undefined }));
  // A current cached answer is served before routing and the middleware chain (which produced those very bytes).
  const routed = app.fetch;
  app.fetch = async (req, env, ctx) => {
    const hit = await cache.lookup(req);
    if (!hit) return routed(req, env, ctx);
    metrics.count(req.method, hit.route, hit.response.status);
    return hit.response;
  };
  return app;
}
