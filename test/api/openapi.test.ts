// The OpenAPI document is generated from the routes: a route missing from it, or from docs/api.md, fails here.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import type { Store } from "../../src/db/index.ts";
import type { ApiEnv } from "../../src/api/registry.ts";
import { openApiPath } from "../../src/api/registry.ts";
import { API_LIMITS, CACHE_POLICY } from "../../src/api/limits.ts";
import { seededApp } from "./fixture.ts";

interface Operation {
  operationId: string;
  summary: string;
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  responses: Record<string, unknown>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

const docs = readFileSync(new URL("../../docs/api.md", import.meta.url), "utf8");
let store: Store;
let app: Hono<ApiEnv>;
let doc: Document;
beforeAll(async () => {
  ({ store, app } = await seededApp());
  doc = (await (await app.request("/openapi.json")).json()) as Document;
});
afterAll(async () => store.close());

describe("/openapi.json", () => {
  it("is OpenAPI 3.1 and documents every route the app serves", () => {
    expect(doc.openapi).toBe("3.1.0");
    const served = app.routes.filter((r) => r.method !== "ALL");
    expect(served.length).toBeGreaterThan(20);
    for (const r of served) {
      expect(doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()], `${r.method} ${r.path} missing from /openapi.json`).toBeDefined();
    }
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.length).toBe(served.length);
  });

  it("lists the operator routes, POST actions included, when a token and the writable side are configured", async () => {
    const { store: s, app: withToken } = await seededApp({ CPI_OPERATOR_TOKEN: "t".repeat(32) }, true);
    const full = (await (await withToken.request("/openapi.json")).json()) as Document;
    await s.close();
    const served = withToken.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${openApiPath(r.path)}`);
    const documented = Object.entries(full.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual([...new Set(served)].sort());
    expect(documented).toEqual(expect.arrayContaining(["GET /v1/operator/audit", "POST /v1/operator/corrections", "POST /v1/operator/keys/rotate"]));
    const post = full.paths["/v1/operator/corrections"]!.post! as Operation & { requestBody: unknown; security: unknown };
    expect(post.responses["201"]).toBeDefined();
    expect(post.requestBody).toMatchObject({ content: { "application/json": { schema: { properties: { index: {}, date: {}, reason: {} } } } } });
    for (const path of Object.keys(full.paths).filter((p) => p.startsWith("/v1/operator"))) expect(docs, path).toContain(`\`${path}\``);
  });

  it("gives every operation a unique id, a summary, and the error shape for 400", () => {
    const ids = new Set<string>();
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) {
        expect(op.summary.length).toBeGreaterThan(10);
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        expect(op.responses["400"]).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
      }
    }
  });

  it("takes parameters and their rules from the zod schemas the routes validate with", () => {
    const params = doc.paths["/v1/indices/{code}/fixings"]!.get!.parameters;
    expect(params.find((p) => p.name === "code")).toMatchObject({ in: "path", required: true });
    expect(params.find((p) => p.name === "limit")).toMatchObject({ in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: API_LIMITS.fixingsPageMax, default: API_LIMITS.fixingsPageDefault } });
    expect(params.find((p) => p.name === "format")!.schema).toMatchObject({ enum: ["json", "csv"] });
    expect(doc.paths["/v1/observations"]!.get!.parameters.map((p) => p.name)).toContain("provider_tier");
  });

  it("serves interactive docs from bundled assets", async () => {
    const html = await (await app.request("/docs")).text();
    expect(html).toContain("/assets/swagger-ui-bundle.js");
    expect(html).not.toMatch(/https?:\/\//);
    expect((await app.request("/assets/swagger-ui-bundle.js")).status).toBe(200);
    expect((await app.request("/assets/..%2Fapp.ts")).status).toBe(404);
    expect((await app.request("/methodology/..%2F..%2Fpackage.json")).status).toBe(404);
  });
});

describe("docs/api.md", () => {
  it("documents every limit and cache policy", () => {
    for (const key of Object.keys(API_LIMITS)) expect(docs, `API_LIMITS.${key}`).toContain(`\`${key}\``);
    for (const value of Object.values(CACHE_POLICY)) expect(docs).toContain(value);
  });

  it("documents every API endpoint and every query parameter", () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!path.startsWith("/v1") && path !== "/metrics" && path !== "/openapi.json") continue;
      expect(docs, path).toContain(`\`${path.replace(/\{(\w+)\}/g, ":$1")}\``);
      for (const p of ops.get!.parameters.filter((x) => x.in === "query")) expect(docs, `${path} ?${p.name}`).toContain(`\`${p.name}\``);
    }
  });
});
