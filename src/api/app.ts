// createApp(deps): the read API as one Hono app of small sub-apps; nothing here can write published data.
import { Hono } from "hono";
import type { AppDeps } from "./deps.ts";
import { ApiError, errorBody, handleError } from "./errors.ts";
import { indexRoutes } from "./indices.ts";
import { healthRoutes } from "./health.ts";
import { API_LIMITS } from "./limits.ts";

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use("*", async (c, next) => {
    const query = new URL(c.req.url).search;
    if (query.length > API_LIMITS.maxQueryLength) throw new ApiError(414, "uri_too_long", `query string longer than ${API_LIMITS.maxQueryLength} characters`);
    await next();
  });
  app.route("/v1/indices", indexRoutes(deps));
  app.route("/v1", healthRoutes(deps));
  app.get("/v1/keys", (c) => c.json({ data: deps.publicKeys }));
  app.notFound((c) => c.json(errorBody(404, "not_found", `no route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404));
  app.onError(handleError);
  return app;
}
