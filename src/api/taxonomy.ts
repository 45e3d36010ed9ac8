// The hardware and model taxonomies as the API publishes them (/v1/classes, /v1/models), with tokenizer factors.
import { defaultTokenizerTable } from "../normalize/models/index.ts";
import { dec, plain } from "../normalize/money.ts";
import { z } from "zod";
import hardwareJson from "../../methodology/taxonomy/hardware.json" with { type: "json" };
import modelsJson from "../../methodology/taxonomy/models.json" with { type: "json" };
import type { IndexDefinition } from "../schemas/methodology.ts";

const HardwareClass = z.object({
  id: z.string(),
  model: z.string(),
  name: z.string(),
  vendor: z.string(),
  architecture: z.string().nullable().default(null),
  formFactor: z.string(),
  memoryType: z.string().nullable().default(null),
  memoryGB: z.number().nullable().default(null),
  memoryBandwidthTBs: z.number().nullable().default(null),
  interconnect: z.string().nullable().default(null),
  scaleUpDomain: z.number().nullable().default(null),
  bf16DenseTflops: z.number().nullable().default(null),
  softwareStack: z.string().nullable().default(null),
  grade: z.string().nullable().default(null),
});
const HardwareTaxonomy = z.object({ version: z.string(), classes: z.array(HardwareClass) });

const CatalogModel = z.object({
  id: z.string(),
  family: z.string(),
  version: z.string(),
  openWeight: z.boolean(),
  tokenizer: z.string(),
  thinking: z.string().nullable().default(null),
  aliases: z.array(z.string()),
});
const ModelTaxonomy = z.object({ version: z.string(), models: z.array(CatalogModel) });

export type HardwareClass = z.infer<typeof HardwareClass>;
export type CatalogModel = z.infer<typeof CatalogModel>;

export interface Taxonomy {
  hardwareVersion: string;
  classes: HardwareClass[];
  modelsVersion: string;
  models: CatalogModel[];
}

/** The bundled taxonomies, validated (throws at start when a file no longer has the published fields). */
export function loadTaxonomy(): Taxonomy {
  const hardware = HardwareTaxonomy.parse(hardwareJson);
  const models = ModelTaxonomy.parse(modelsJson);
  return { hardwareVersion: hardware.version, classes: hardware.classes, modelsVersion: models.version, models: models.models };
}

/**
 * Tokens per Chinese character of the reference text, by tokenizer, from the one table the fixings use
 * (methodology/taxonomy/tokenizers.json: measured where the tokenizer runs offline, documented otherwise).
 * Tokenizers without a ratio have no factor and are not normalized.
 */
export function tokensPerChineseChar(tokenizer: string): string | null {
  const zh = defaultTokenizerTable.tokenizers[tokenizer]?.zh;
  return zh ? plain(dec(zh.tokensPerMillionChars).div(1_000_000)) : null;
}

/** Index codes whose product uses `id` (a class id or a model id). */
export function indicesUsing(indices: readonly IndexDefinition[], id: string): string[] {
  return indices
    .filter((d) => (d.product.kind === "gpu" ? d.product.classIds.includes(id) : d.product.models.includes(id)))
    .map((d) => d.code);
}

/** Tokenizer of a token index's (first) model, or null. */
export function tokenizerOf(taxonomy: Taxonomy, def: IndexDefinition): string | null {
  if (def.product.kind !== "token") return null;
  const id = def.product.models[0];
  return taxonomy.models.find((m) => m.id === id)?.tokenizer ?? null;
}
