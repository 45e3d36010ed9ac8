// The dashboard pages, bundled assets (uPlot, Swagger UI: no CDN), methodology documents, /openapi.json and /docs.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { ApiError } from "./errors.ts";
import { weakEtag } from "./cache.ts";
import { route, type AnyRoute } from "./registry.ts";

const require = createRequire(import.meta.url);
const DASHBOARD_DIR = fileURLToPath(new URL("./dashboard/", import.meta.url));
const METHODOLOGY_DIR = fileURLToPath(new URL("../../methodology/", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
};

/** Files served by name only (a fixed list: no path from a request ever reaches the filesystem). */
function assetFiles(): Map<string, string> {
  const files = new Map<string, string>([
    ["uPlot.iife.min.js", require.resolve("uplot/dist/uPlot.iife.min.js")],
    ["uPlot.min.css", require.resolve("uplot/dist/uPlot.min.css")],
    ["swagger-ui-bundle.js", require.resolve("swagger-ui-dist/swagger-ui-bundle.js")],
    ["swagger-ui.css", require.resolve("swagger-ui-dist/swagger-ui.css")],
  ]);
  for (const name of readdirSync(DASHBOARD_DIR)) if (TYPES[extname(name)] && !name.endsWith(".html")) files.set(name, join(DASHBOARD_DIR, name));
  return files;
}

function methodologyFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(METHODOLOGY_DIR)) if (name.endsWith(".md") || name === "indices.json" || name === "contracts.json") files.set(name, join(METHODOLOGY_DIR, name));
  return files;
}

/** The administrator's file (methodology/governance/*.md). */
function governanceFiles(): Map<string, string> {
  const dir = join(METHODOLOGY_DIR, "governance");
  return new Map(readdirSync(dir).filter((n) => n.endsWith(".md")).map((n) => [n, join(dir, n)]));
}

interface Loaded {
  body: Uint8Array;
  type: string;
  etag: string;
}

function loader(files: Map<string, string>): (name: string) => Loaded | null {
  const cache = new Map<string, Loaded>();
  return (name) => {
    const path = files.get(name);
    if (!path) return null;
    let hit = cache.get(name);
    if (!hit) {
      const body = new Uint8Array(readFileSync(path));
      hit = { body, type: TYPES[extname(name)] ?? "application/octet-stream", etag: weakEtag(body) };
      cache.set(name, hit);
    }
    return hit;
  };
}

const Loose = z.looseObject({});

const send = (c: Parameters<AnyRoute["handle"]>[0], f: Loaded) => c.body(f.body.slice().buffer, 200, { "content-type": f.type, etag: f.etag });

/** A route serving one file of a fixed list by name (the path's last parameter); 404 for any other name. */
function fileRoute(path: string, operationId: string, summary: string, produces: string[], what: string, files: (name: string) => Loaded | null): AnyRoute {
  const param = path.slice(path.lastIndexOf(":") + 1);
  return route({
    path,
    operationId,
    summary,
    tag: "dashboard",
    params: z.object({ [param]: z.string() }),
    produces,
    errors: [404],
    cache: "asset",
    handle: (c, { params }) => {
      const name = (params as Record<string, string>)[param]!;
      const f = files(name);
      if (!f) throw new ApiError(404, "not_found", `no ${what} ${name}`);
      return send(c, f);
    },
  });
}

export function staticRoutes(openapi: () => unknown): AnyRoute[] {
  const asset = loader(assetFiles());
  const doc = loader(methodologyFiles());
  const governance = loader(governanceFiles());
  const page = loader(new Map([["index.html", join(DASHBOARD_DIR, "index.html")], ["docs.html", join(DASHBOARD_DIR, "docs.html")]]));
  const shell = (path: string, summary: string, params?: z.ZodObject): AnyRoute =>
    route({ path, operationId: `page${path.replace(/[^A-Za-z]+/g, "_")}`, summary, tag: "dashboard", params, query: Loose, produces: ["text/html"], cache: "live", handle: (c) => send(c, page("index.html")!) });
  return [
    shell("/", "Dashboard: the index board"),
    shell("/index/:code", "Dashboard: one index (chart, inputs, CSV, methodology)", z.object({ code: z.string() })),
    shell("/compare", "Dashboard: several indices on one chart (?codes=A,B&norm=raw|rebased|per_char)"),
    shell("/sources", "Dashboard: health of every source"),
    shell("/contracts", "Dashboard: contract terms of every settleable series and one month's settlement each (?month=YYYY-MM)"),
    shell("/contracts/:code", "Dashboard: one contract's terms and its recent settlements", z.object({ code: z.string() })),
    shell("/restatements", "Dashboard: the restatement register (?index=CODE&from=D&to=D)"),
    route({ path: "/docs", operationId: "docs", summary: "Interactive API documentation (Swagger UI, bundled)", tag: "dashboard", query: Loose, produces: ["text/html"], cache: "live", handle: (c) => send(c, page("docs.html")!) }),
    route({ path: "/openapi.json", operationId: "openapi", summary: "This OpenAPI 3.1 document, generated from the routes' zod schemas", tag: "dashboard", cache: "live", handle: (c) => c.json(openapi()) }),
    fileRoute("/assets/:name", "asset", "Bundled dashboard assets (uPlot, Swagger UI, the dashboard's own scripts and styles)", ["text/javascript", "text/css"], "asset", asset),
    fileRoute("/methodology/:file", "methodologyDocument", "Methodology documents (README.md, gpu.md, token.md, contracts.md, CHANGELOG.md), indices.json and contracts.json", ["text/plain", "application/json"], "methodology document", doc),
    fileRoute("/methodology/governance/:doc", "governanceDocument", "The administrator's file: benchmark statement, oversight, conflicts of interest, controls, complaints, records, IOSCO self-assessment", ["text/plain"], "governance document", governance),
  ];
}
