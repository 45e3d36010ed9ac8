// The model taxonomy as data: zod schema of methodology/taxonomy/models.json and the alias indexes built from it.
import { z } from "zod";
import modelsJson from "../../../methodology/taxonomy/models.json" with { type: "json" };
import { nameKey } from "./parse-id.ts";

/** Serving precisions that make one open-weight model different products (fp32 is full precision, listed for completeness). */
export const Quantization = z.enum(["fp4", "fp8", "bf16", "fp16", "fp32", "int8", "int4"]);
export type Quantization = z.infer<typeof Quantization>;

export const CatalogModel = z.object({
  /** Canonical id: lowercase `author/model`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*\/[a-z0-9][a-z0-9._-]*$/),
  family: z.string().min(1),
  version: z.string().min(1),
  openWeight: z.boolean(),
  tokenizer: z.string().min(1),
  /** "only": the model always reasons (its thinking price is the base); "hybrid": a switch; "none": never. */
  thinking: z.enum(["none", "hybrid", "only"]).optional(),
  /** A vendor name whose target the vendor may change (e.g. `qwen-plus`); indices on it must say so. */
  movingAlias: z.boolean().optional(),
  /** The canonical id this model succeeds (roll announcements use it; never merged). */
  successorOf: z.string().optional(),
  /** Other names of exactly this product; `author/name` forms only match with that author. */
  aliases: z.array(z.string()),
});
export type CatalogModel = z.infer<typeof CatalogModel>;

const SuffixEffect = z.object({ variant: z.string().optional(), quantization: Quantization.optional() });

export const CatalogData = z.object({
  version: z.string(),
  authorAliases: z.record(z.string(), z.string()),
  routePrefixes: z.record(z.string(), z.string()),
  namePrefixes: z.record(z.string(), z.string()),
  /** Source id -> the namespace its ids are written in (OpenRouter slugs stay OpenRouter's whoever serves them). */
  sourceNamespaces: z.record(z.string(), z.string()),
  colonVariants: z.array(z.string()),
  providerSelectors: z.array(z.string()),
  nameSuffixes: z.record(z.string(), SuffixEffect),
  contextTierProviders: z.array(z.string()),
  quantizationRules: z.array(
    z.object({ provider: z.string(), model: z.string(), variant: z.string(), quantization: Quantization, source: z.string() }),
  ),
  scopedAliases: z.record(z.string(), z.record(z.string(), z.string())),
  models: z.array(CatalogModel).min(1),
});
export type CatalogData = z.infer<typeof CatalogData>;

export interface ModelCatalog {
  data: CatalogData;
  byId: ReadonlyMap<string, CatalogModel>;
  /** name key -> canonical id (matches any compatible author, or none). */
  byName: ReadonlyMap<string, string>;
  /** `author/namekey` -> canonical id (matches only that author). */
  byAuthorName: ReadonlyMap<string, string>;
  /** provider -> (`author/namekey` or namekey) -> canonical id. */
  scoped: ReadonlyMap<string, ReadonlyMap<string, string>>;
  authorOf: (rawAuthor: string) => string;
}

function put(map: Map<string, string>, key: string, id: string, what: string): void {
  const prior = map.get(key);
  if (prior !== undefined && prior !== id) throw new Error(`model taxonomy: ${what} '${key}' maps to both ${prior} and ${id}`);
  map.set(key, id);
}

/** Build the lookup indexes; throws on invalid data or on an alias claimed by two models. */
export function createModelCatalog(raw: unknown): ModelCatalog {
  const parsed = CatalogData.safeParse(raw);
  if (!parsed.success) throw new Error(`model taxonomy invalid: ${z.prettifyError(parsed.error)}`);
  const data = parsed.data;
  const authorOf = (a: string): string => {
    const lower = a.toLowerCase();
    return data.authorAliases[lower] ?? lower;
  };
  const byId = new Map<string, CatalogModel>();
  const byName = new Map<string, string>();
  const byAuthorName = new Map<string, string>();
  for (const model of data.models) {
    if (byId.has(model.id)) throw new Error(`model taxonomy: duplicate id ${model.id}`);
    byId.set(model.id, model);
  }
  for (const model of data.models) {
    put(byName, nameKey(model.id.slice(model.id.indexOf("/") + 1)), model.id, "name");
    for (const alias of model.aliases) {
      const slash = alias.indexOf("/");
      if (slash < 0) put(byName, nameKey(alias), model.id, "alias");
      else put(byAuthorName, `${authorOf(alias.slice(0, slash))}/${nameKey(alias.slice(slash + 1))}`, model.id, "alias");
    }
    if (model.successorOf !== undefined && !byId.has(model.successorOf)) {
      throw new Error(`model taxonomy: ${model.id} succeeds unknown ${model.successorOf}`);
    }
  }
  const canonicalNames = new Map([...byId.keys()].map((id) => [nameKey(id.slice(id.indexOf("/") + 1)), id]));
  const scoped = new Map<string, Map<string, string>>();
  for (const [provider, table] of Object.entries(data.scopedAliases)) {
    const map = new Map<string, string>();
    for (const [alias, id] of Object.entries(table)) {
      if (!byId.has(id)) throw new Error(`model taxonomy: scoped alias ${provider}:${alias} targets unknown ${id}`);
      const slash = alias.indexOf("/");
      const name = nameKey(alias.slice(slash + 1));
      const owner = canonicalNames.get(name);
      if (owner !== undefined && owner !== id) {
        throw new Error(`model taxonomy: scoped alias ${provider}:${alias} shadows the canonical name of ${owner}`);
      }
      // Inside a scope the bare name is unambiguous too (DeepSeek's own API writes plain `deepseek-chat`).
      put(map, name, id, `scoped alias (${provider})`);
      if (slash >= 0) put(map, `${authorOf(alias.slice(0, slash))}/${name}`, id, `scoped alias (${provider})`);
    }
    scoped.set(provider, map);
  }
  return { data, byId, byName, byAuthorName, scoped, authorOf };
}

/** The catalog shipped in methodology/taxonomy/models.json. */
export const defaultModelCatalog: ModelCatalog = createModelCatalog(modelsJson);
