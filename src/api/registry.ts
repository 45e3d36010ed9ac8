// The route registry: one spec per route both mounts the Hono handler and feeds the OpenAPI document.
import type { Context, Hono } from "hono";
import { z } from "zod";
import { ApiError, parseParams } from "./errors.ts";
import { CACHE_POLICY, type CachePolicy } from "./limits.ts";

export type ApiEnv = { Variables: { route: string } };
export type ApiContext = Context<ApiEnv>;

const NoParams = z.object({}).strict();

export interface RouteSpec<Q extends z.ZodObject = z.ZodObject, P extends z.ZodObject = z.ZodObject> {
  /** Hono path, e.g. "/v1/indices/:code" (OpenAPI gets "{code}"). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: "indices" | "observations" | "catalog" | "status" | "operator" | "dashboard";
  params?: P;
  query?: Q;
  /** Schema of the JSON body (documented, and checked against real responses by the tests). */
  response?: z.ZodType;
  /** Media types served; default ["application/json"]. List endpoints add "text/csv". */
  produces?: string[];
  /** Error statuses the route can answer besides 400 and 405 (e.g. 404). */
  errors?: number[];
  cache: CachePolicy;
  /** Behind the operator bearer token (mounted only when one is configured). */
  operator?: boolean;
  handle(c: ApiContext, input: { query: z.output<Q>; params: z.output<P> }): Response | Promise<Response>;
}

export type AnyRoute = RouteSpec<z.ZodObject, z.ZodObject>;

/** Identity with inference: `route({ query: z.object(...), handle: (c, { query }) => ... })`. */
export function route<Q extends z.ZodObject = typeof NoParams, P extends z.ZodObject = typeof NoParams>(spec: RouteSpec<Q, P>): AnyRoute {
  return spec as unknown as AnyRoute;
}

export interface MountOptions {
  /** Checks the operator bearer token; throws ApiError 401 when it fails. */
  authorize?: (c: Context) => void;
}

/** Register every spec on `app` as a GET route (HEAD follows GET); parsing and cache headers included. */
export function mountRoutes(app: Hono<ApiEnv>, routes: readonly AnyRoute[], options: MountOptions = {}): void {
  for (const spec of routes) {
    app.get(spec.path, async (c) => {
      c.set("route", spec.path);
      if (spec.operator) {
        if (!options.authorize) throw new ApiError(404, "not_found", "operator routes are off");
        options.authorize(c);
      }
      const params = parseParams(spec.params ?? NoParams, c.req.param() as Record<string, string>);
      const query = parseParams(spec.query ?? NoParams, c.req.query());
      const res = await spec.handle(c, { query, params });
      if (!res.headers.has("cache-control")) res.headers.set("cache-control", CACHE_POLICY[spec.cache]);
      return res;
    });
  }
}

/** "/v1/indices/:code" -> "/v1/indices/{code}". */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, "{$1}");
}
