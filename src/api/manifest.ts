// /v1/manifest: the latest signed release manifest the publisher wrote (after every fixing run, or `cpi manifest`).
import { MANIFEST_META_KEY } from "../jobs/manifest.ts";
import { SignedManifest } from "../schemas/manifest.ts";
import type { AppDeps } from "./deps.ts";
import { ApiError } from "./errors.ts";
import { route, type AnyRoute } from "./registry.ts";

export function manifestRoutes(deps: AppDeps): AnyRoute[] {
  return [
    route({
      path: "/v1/manifest",
      operationId: "getManifest",
      summary: "The latest signed release manifest: methodology file digests, chain heads and counts per index",
      description: "Mirror it: `cpi verify --manifest <file|url>` checks a copy against the store (removed tail, rewritten record, fork).",
      tag: "status",
      response: SignedManifest,
      errors: [404],
      cache: "live",
      handle: async (c) => {
        const stored = await deps.store.getMeta(MANIFEST_META_KEY);
        if (stored === null) throw new ApiError(404, "not_found", "no manifest published yet (the publisher writes one after every fixing run; `cpi manifest`)");
        return c.body(stored, 200, { "content-type": "application/json; charset=utf-8", "content-disposition": 'inline; filename="cpi_manifest.json"' });
      },
    }),
  ];
}
