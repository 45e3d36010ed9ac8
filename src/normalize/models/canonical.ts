// Maps the model ids sources use (OpenRouter, Hugging Face, LiteLLM keys, first-party and China lists) to canonical ids.
import type { CatalogModel, ModelCatalog, Quantization } from "./catalog.ts";
import { defaultModelCatalog } from "./catalog.ts";
import { nameKey, parseModelId } from "./parse-id.ts";

export interface ModelIdentity {
  /** Canonical id, lowercase `author/model` (e.g. "openai/gpt-oss-120b"). */
  id: string;
  family: string;
  version: string;
  openWeight: boolean;
  /** Tokenizer family, a key of methodology/taxonomy/tokenizers.json (o200k, cl100k, llama3, deepseek-v3, qwen, ...). */
  tokenizer: string;
  /** Quantization the id itself states (`-FP8`) or a documented provider rule implies; null when unstated. */
  quantizationHint: Quantization | null;
  /** Product variant(s) joined by "+" (free, nitro, turbo, fast, context>200k ...); null for the base product. */
  variant: string | null;
  /** How the id was read, for the audit trail. */
  evidence: string;
}

export interface ModelResolution {
  identity: ModelIdentity | null;
  /** Why the id did or did not map. */
  reason: string;
}

export interface CanonicalOptions {
  /** The provider serving or listing the model ("deepseek", "groq", "alibaba"...): its own names resolve in its scope. */
  provider?: string;
  /**
   * The source the id was read from ("openrouter-endpoints", "litellm"...). A source with its own naming
   * (`sourceNamespaces`) wins over the provider: an OpenRouter slug means OpenRouter's model whoever serves it.
   */
  source?: string;
}

const MAX_SUFFIXES = 6;

function lookup(catalog: ModelCatalog, author: string | null, key: string, namespaces: readonly string[]): string | undefined {
  const compatible = (id: string | undefined): string | undefined =>
    id !== undefined && (author === null || catalog.authorOf(id.slice(0, id.indexOf("/"))) === author) ? id : undefined;
  for (const namespace of namespaces) {
    const scope = catalog.scoped.get(namespace);
    if (scope === undefined) continue;
    const hit = (author !== null ? scope.get(`${author}/${key}`) : undefined) ?? compatible(scope.get(key));
    if (hit !== undefined) return hit;
  }
  return (author !== null ? catalog.byAuthorName.get(`${author}/${key}`) : undefined) ?? compatible(catalog.byName.get(key));
}

/** One trailing token the taxonomy knows how to read (variant, quantization, context tier), or null. */
function stripSuffix(catalog: ModelCatalog, key: string, namespaces: readonly string[]) {
  const tier = key.match(/-(\d+)k$/);
  if (tier && namespaces.some((n) => catalog.data.contextTierProviders.includes(n))) {
    return { key: key.slice(0, -tier[0].length), variant: `context>${tier[1]}k`, quantization: undefined, token: tier[0] };
  }
  const suffixes = Object.keys(catalog.data.nameSuffixes).sort((a, b) => b.length - a.length);
  const token = suffixes.find((s) => key.endsWith(`-${s}`));
  if (token === undefined) return null;
  const effect = catalog.data.nameSuffixes[token]!;
  return { key: key.slice(0, -(token.length + 1)), variant: effect.variant, quantization: effect.quantization, token: `-${token}` };
}

function quantizationRule(catalog: ModelCatalog, namespaces: readonly string[], model: CatalogModel, variants: string[]) {
  return catalog.data.quantizationRules.find(
    (r) => namespaces.includes(r.provider) && r.model === model.id && variants.includes(r.variant),
  );
}

/** Resolve a raw id, saying why it did or did not map. */
export function resolveModel(raw: string, opts: CanonicalOptions = {}, catalog: ModelCatalog = defaultModelCatalog): ModelResolution {
  const parsed = parseModelId(raw, catalog.data, { provider: opts.provider, source: opts.source });
  if (!parsed.ok) return { identity: null, reason: parsed.reason };
  const author = parsed.author === null ? null : catalog.authorOf(parsed.author);
  const { namespaces, notes } = parsed;
  const variants = [...parsed.variants];
  let quantization: Quantization | null = null;
  let key = nameKey(parsed.name);
  let id = lookup(catalog, author, key, namespaces);
  for (let i = 0; id === undefined && i < MAX_SUFFIXES; i++) {
    const stripped = stripSuffix(catalog, key, namespaces);
    if (stripped === null) break;
    key = stripped.key;
    if (stripped.variant !== undefined) variants.push(stripped.variant);
    if (stripped.quantization !== undefined) quantization ??= stripped.quantization;
    notes.push(`suffix '${stripped.token}' read as ${stripped.variant ?? stripped.quantization ?? "a deployment label"}`);
    id = lookup(catalog, author, key, namespaces);
  }
  const model = id === undefined ? undefined : catalog.byId.get(id);
  if (model === undefined) {
    const where = author === null ? key : `${author}/${key}`;
    const scope = namespaces.length > 0 ? ` (namespaces ${namespaces.join(", ")})` : "";
    return { identity: null, reason: `no canonical model for '${where}'${scope}` };
  }
  const rule = quantization === null ? quantizationRule(catalog, namespaces, model, variants) : undefined;
  if (rule !== undefined) {
    quantization = rule.quantization;
    notes.push(`${rule.quantization} per ${rule.source}`);
  }
  if (namespaces.length > 0) notes.unshift(`namespaces ${namespaces.join(", ")}`);
  const evidence = `'${raw}' -> ${model.id}${notes.length > 0 ? `: ${notes.join("; ")}` : ""}`;
  const identity: ModelIdentity = {
    id: model.id,
    family: model.family,
    version: model.version,
    openWeight: model.openWeight,
    tokenizer: model.tokenizer,
    quantizationHint: quantization,
    variant: variants.length > 0 ? variants.join("+") : null,
    evidence,
  };
  return { identity, reason: evidence };
}

/** Canonical identity of a raw model id, or null when the taxonomy does not know it (keep the raw id, count it unmapped). */
export function canonicalModel(raw: string, opts: CanonicalOptions = {}, catalog: ModelCatalog = defaultModelCatalog): ModelIdentity | null {
  return resolveModel(raw, opts, catalog).identity;
}

/**
 * Whether a variant makes the product ineligible for price indices. Free endpoints (`:free`, `-Free`) are a
 * different product with rate limits and no price: they are never inputs to a price index.
 */
export function isExcludedVariant(variant: string | null): boolean {
  return variant !== null && variant.split("+").includes("free");
}
