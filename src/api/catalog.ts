// /v1/classes (hardware taxonomy), /v1/models (model taxonomy), /v1/keys (fixing signature keys).
import { z } from "zod";
import type { AppDeps, PublicKey } from "./deps.ts";
import { format, text } from "./params.ts";
import { route, type AnyRoute } from "./registry.ts";
import { respondList } from "./respond.ts";
import { indicesUsing, type CatalogModel, type HardwareClass, type Taxonomy } from "./taxonomy.ts";
import { ClassList, KeyList, ModelList } from "./views.ts";

type ClassRow = HardwareClass & { indices: string[] };
type ModelRow = CatalogModel & { indices: string[] };

export function catalogRoutes(deps: AppDeps, taxonomy: Taxonomy): AnyRoute[] {
  const indices = deps.methodology.indices;
  const classes: ClassRow[] = taxonomy.classes.map((c) => ({ ...c, indices: indicesUsing(indices, c.id) }));
  const models: ModelRow[] = taxonomy.models.map((m) => ({ ...m, indices: indicesUsing(indices, m.id) }));
  return [
    route({
      path: "/v1/classes",
      operationId: "listClasses",
      summary: "Hardware classes of the taxonomy (memory and form factor are part of the class)",
      tag: "catalog",
      query: z
        .object({
          vendor: text("e.g. nvidia, amd").optional(),
          form_factor: text("sxm, pcie, oam, nvl, consumer, superchip, module").optional(),
          indexed: z.enum(["true", "false"], { error: 'must be "true" or "false"' }).optional().describe("only classes an index is built on"),
          format,
        })
        .strict(),
      response: ClassList,
      produces: ["application/json", "text/csv"],
      cache: "data",
      handle: (c, { query }) => {
        const rows = classes.filter(
          (r) => (!query.vendor || r.vendor === query.vendor) && (!query.form_factor || r.formFactor === query.form_factor) && (!query.indexed || (r.indices.length > 0) === (query.indexed === "true")),
        );
        return respondList(c, {
          format: query.format,
          fileName: `cpi_hardware_classes_v${taxonomy.hardwareVersion}.csv`,
          columns: [
            { name: "id", value: (r: ClassRow) => r.id },
            { name: "model", value: (r) => r.model },
            { name: "name", value: (r) => r.name },
            { name: "vendor", value: (r) => r.vendor },
            { name: "architecture", value: (r) => r.architecture },
            { name: "form_factor", value: (r) => r.formFactor },
            { name: "memory_type", value: (r) => r.memoryType },
            { name: "memory_gb", value: (r) => r.memoryGB },
            { name: "memory_bandwidth_tbs", value: (r) => r.memoryBandwidthTBs },
            { name: "interconnect", value: (r) => r.interconnect },
            { name: "scale_up_domain", value: (r) => r.scaleUpDomain },
            { name: "bf16_dense_tflops", value: (r) => r.bf16DenseTflops },
            { name: "software_stack", value: (r) => r.softwareStack },
            { name: "grade", value: (r) => r.grade },
            { name: "indices", value: (r) => r.indices.join(" ") },
          ],
          rows,
          json: () => ({ taxonomyVersion: taxonomy.hardwareVersion, count: rows.length, data: rows }),
        });
      },
    }),
    route({
      path: "/v1/models",
      operationId: "listModels",
      summary: "Canonical models of the token taxonomy (a dated snapshot is its own model)",
      tag: "catalog",
      query: z
        .object({
          family: text("e.g. gpt-oss").optional(),
          tokenizer: text("e.g. o200k").optional(),
          open_weight: z.enum(["true", "false"], { error: 'must be "true" or "false"' }).optional().describe("open-weight models only, or closed only"),
          indexed: z.enum(["true", "false"], { error: 'must be "true" or "false"' }).optional().describe("only models an index is built on"),
          format,
        })
        .strict(),
      response: ModelList,
      produces: ["application/json", "text/csv"],
      cache: "data",
      handle: (c, { query }) => {
        const rows = models.filter(
          (m) =>
            (!query.family || m.family === query.family) &&
            (!query.tokenizer || m.tokenizer === query.tokenizer) &&
            (!query.open_weight || m.openWeight === (query.open_weight === "true")) &&
            (!query.indexed || (m.indices.length > 0) === (query.indexed === "true")),
        );
        return respondList(c, {
          format: query.format,
          fileName: `cpi_models_v${taxonomy.modelsVersion}.csv`,
          columns: [
            { name: "id", value: (m: ModelRow) => m.id },
            { name: "family", value: (m) => m.family },
            { name: "version", value: (m) => m.version },
            { name: "open_weight", value: (m) => m.openWeight },
            { name: "tokenizer", value: (m) => m.tokenizer },
            { name: "thinking", value: (m) => m.thinking },
            { name: "aliases", value: (m) => m.aliases.join(" ") },
            { name: "indices", value: (m) => m.indices.join(" ") },
          ],
          rows,
          json: () => ({ taxonomyVersion: taxonomy.modelsVersion, count: rows.length, data: rows }),
        });
      },
    }),
    route({
      path: "/v1/keys",
      operationId: "listKeys",
      summary: "Ed25519 public keys that verify fixing signatures",
      tag: "catalog",
      query: z.object({ format }).strict(),
      response: KeyList,
      produces: ["application/json", "text/csv"],
      cache: "data",
      handle: (c, { query }) =>
        respondList(c, {
          format: query.format,
          fileName: "cpi_keys.csv",
          columns: [
            { name: "key_id", value: (k: PublicKey) => k.keyId },
            { name: "algorithm", value: (k) => k.algorithm },
            { name: "status", value: (k) => k.status },
            { name: "public_key_pem", value: (k) => k.publicKeyPem },
          ],
          rows: deps.publicKeys,
          json: () => ({ count: deps.publicKeys.length, data: deps.publicKeys }),
        }),
    }),
  ];
}
