// OpenAPI 3.1 document generated from the mounted route specs and their zod schemas (no hand-written paths).
import { z } from "zod";
import { ErrorBody } from "./errors.ts";
import { API_LIMITS } from "./limits.ts";
import { openApiPath, type AnyRoute } from "./registry.ts";

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  return rest;
}

function parameters(spec: AnyRoute, where: "path" | "query", schema: z.ZodObject | undefined): JsonSchema[] {
  if (!schema) return [];
  const doc = jsonSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(doc.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: where, required: where === "path" || (doc.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest };
  });
}

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid parameter: the body names the parameter and the rule",
  401: "Missing or wrong bearer token",
  404: "Not found",
  405: "Method not allowed (the Allow header lists the methods of the path)",
  409: "Refused by the rules (the body says which)",
  413: "Request body too large",
  415: "The body must be application/json",
};

function operation(spec: AnyRoute): JsonSchema {
  const produces = spec.produces ?? ["application/json"];
  const content: Record<string, JsonSchema> = {};
  for (const type of produces) {
    content[type] = { schema: type === "application/json" && spec.response ? jsonSchema(spec.response, "output") : { type: "string" } };
  }
  const errorRef = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  const post = spec.method === "POST";
  const responses: Record<string, JsonSchema> = post
    ? { [String(spec.status ?? 200)]: { description: spec.status === 201 ? "Created" : "OK", content } }
    : { "200": { description: "OK (with ETag and Cache-Control)", content }, "304": { description: "Not modified (If-None-Match matched the ETag)" } };
  for (const status of [400, 405, ...(spec.errors ?? []), ...(spec.operator ? [401] : [])]) {
    responses[String(status)] = { description: ERROR_TEXT[status] ?? "Error", ...errorRef };
  }
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    parameters: [...parameters(spec, "path", spec.params), ...parameters(spec, "query", spec.query)],
    ...(post && spec.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(spec.body, "input") } } } } : {}),
    responses,
    ...(spec.operator ? { security: [{ operatorToken: [] }] } : {}),
  };
}

export function openApiDocument(routes: readonly AnyRoute[], info: { version: string; methodologyVersion: string }): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  for (const spec of routes) {
    const path = openApiPath(spec.path);
    paths[path] = { ...(paths[path] ?? {}), [spec.method === "POST" ? "post" : "get"]: operation(spec) };
  }
  const limits = Object.entries(API_LIMITS).map(([k, v]) => `${k} = ${v}`).join(", ");
  return {
    openapi: "3.1.0",
    info: {
      title: "cpi: open compute price index",
      version: info.version,
      description:
        `Daily fixings of GPU-hour and per-token price indices, their inputs and the observations behind them. ` +
        `Reads are GET (HEAD follows); the only writes are the operator actions (POST, bearer token). JSON by default; list endpoints also serve RFC 4180 CSV (?format=csv or Accept: text/csv). ` +
        `Methodology version ${info.methodologyVersion}. Limits: ${limits}.`,
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "indices", description: "Index definitions, fixings, settlement" },
      { name: "observations", description: "Normalized price observations and unmapped names" },
      { name: "catalog", description: "Hardware classes, models, signing keys" },
      { name: "status", description: "Health, sources, metrics" },
      { name: "operator", description: "Operator routes (only when CPI_OPERATOR_TOKEN is set)" },
      { name: "dashboard", description: "The dashboard pages, bundled assets and documents" },
    ].filter((t) => routes.some((r) => r.tag === t.name)),
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorBody, "output") },
      securitySchemes: { operatorToken: { type: "http", scheme: "bearer" } },
    },
  };
}
