// The route table: one spec per route (GET reads and operator POSTs alike) mounts the Hono handler and feeds the OpenAPI document.
import type { Context, Hono } from "hono";
import { z } from "zod";
import type { Authorizer } from "./auth.ts";
import { readJsonBody } from "./body.ts";
import { ApiError, parseParams } from "./errors.ts";
import { API_LIMITS, CACHE_POLICY, type CachePolicy } from "./limits.ts";

export type ApiEnv = { Variables: { route: string } };
export type ApiContext = Context<ApiEnv>;

const NoParams = z.object({}).strict();

export interface RouteSpec<Q extends z.ZodObject = z.ZodObject, P extends z.ZodObject = z.ZodObject, B extends z.ZodType = z.ZodType> {
  /** GET (HEAD follows) for reads; POST for operator actions, which take a JSON `body`. Default GET. */
  method?: "GET" | "POST";
  /** Hono path, e.g. "/v1/indices/:code" (OpenAPI gets "{code}"). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: "indices" | "observations" | "catalog" | "status" | "operator" | "dashboard";
  params?: P;
  query?: Q;
  /** POST only: the JSON request body, at most API_LIMITS.operatorBodyMaxBytes. */
  body?: B;
  /** Status of a successful answer (default 200; actions that create a record answer 201). */
  status?: 200 | 201;
  /** Schema of the JSON body (documented, and checked against real responses by the tests). */
  response?: z.ZodType;
  /** Media types served; default ["application/json"]. List endpoints add "text/csv". */
  produces?: string[];
  /** Error statuses the route can answer besides 400 and 405 (e.g. 404). */
  errors?: number[];
  cache: CachePolicy;
  /** Behind the operator bearer token (mounted only when one is configured). */
  operator?: boolean;
  handle(c: ApiContext, input: { query: z.output<Q>; params: z.output<P>; body: z.output<B> }): Response | Promise<Response>;
}

export type AnyRoute = RouteSpec<z.ZodObject, z.ZodObject, z.ZodType>;

/** Identity with inference: `route({ query: z.object(...), handle: (c, { query }) => ... })`. */
export function route<Q extends z.ZodObject = typeof NoParams, P extends z.ZodObject = typeof NoParams, B extends z.ZodType = z.ZodUndefined>(spec: RouteSpec<Q, P, B>): AnyRoute {
  return spec as unknown as AnyRoute;
}

export interface MountOptions {
  /** The operator authorizer (src/api/auth.ts); throws ApiError 401 when it fails. */
  authorize?: Authorizer;
}

/** Register every spec on `app` (HEAD follows GET); authorization, parsing and cache headers included. */
export function mountRoutes(app: Hono<ApiEnv>, routes: readonly AnyRoute[], options: MountOptions = {}): void {
  for (const spec of routes) {
    const register = spec.method === "POST" ? app.post.bind(app) : app.get.bind(app);
    register(spec.path, async (c) => {
      c.set("route", spec.path);
      if (spec.operator) {
        if (!options.authorize) throw new ApiError(404, "not_found", "operator routes are off");
        options.authorize(c);
      }
      const params = parseParams(spec.params ?? NoParams, c.req.param() as Record<string, string>);
      const query = parseParams(spec.query ?? NoParams, c.req.query());
      const body = spec.method === "POST" && spec.body ? await readJsonBody(c, spec.body, API_LIMITS.operatorBodyMaxBytes) : undefined;
      const res = await spec.handle(c, { query, params, body });
      if (!res.headers.has("cache-control")) res.headers.set("cache-control", CACHE_POLICY[spec.cache]);
      return res;
    });
  }
}

/** "/v1/indices/:code" -> "/v1/indices/{code}". */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, "{$1}");
}
