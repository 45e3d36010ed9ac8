// Provider directory (methodology/taxonomy/providers.json): canonical ids, tiers and provider-level classifier rules.
import { z } from "zod";
import data from "../../../methodology/taxonomy/providers.json" with { type: "json" };
import { ProviderTier } from "../../schemas/observation.ts";
import { FormFactor } from "./taxonomy.ts";

const Provider = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  tier: ProviderTier,
  /** Tier when the provider is quoted for tokens (e.g. together: neocloud for GPUs, inference_api for tokens). */
  tokenTier: ProviderTier.optional(),
  aliases: z.array(z.string().min(1)),
  /** Alias (compacted) -> tier, for products of one provider sold on different terms (RunPod Community). */
  aliasTiers: z.record(z.string(), ProviderTier).optional(),
  parent: z.string().optional(),
  url: z.string().optional(),
  notes: z.string().optional(),
});
export type Provider = z.infer<typeof Provider>;

/** Fills a dimension the name leaves open, for one provider's naming of one model. */
export const ProviderRule = z.object({
  provider: z.string().min(1),
  /** Only when the descriptor's source contains this text (e.g. "skypilot"). */
  source: z.string().optional(),
  model: z.string().min(1),
  /** Only when the name contains this token (e.g. "nvlink"). */
  token: z.string().optional(),
  /** Only when the SKU matches this regex (case-insensitive). */
  skuPattern: z.string().optional(),
  set: z.object({ formFactor: FormFactor.optional(), memoryGB: z.number().positive().optional() }),
  why: z.string().min(1),
  url: z.string().min(1),
});
export type ProviderRule = z.infer<typeof ProviderRule>;

/** A SKU naming scheme that fixes the class outright (AWS instance families, Azure VM series, GCP machine types). */
export const SkuRule = z.object({
  provider: z.string().min(1),
  pattern: z.string().min(1),
  classId: z.string().min(1),
  why: z.string().min(1),
  url: z.string().min(1),
});
export type SkuRule = z.infer<typeof SkuRule>;

export const ProviderDirectory = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  released: z.string(),
  providers: z.array(Provider),
  rules: z.array(ProviderRule),
  skuRules: z.array(SkuRule),
});
export type ProviderDirectory = z.infer<typeof ProviderDirectory>;

const parsed = ProviderDirectory.safeParse(data);
if (!parsed.success) throw new Error(`providers.json is invalid:\n${z.prettifyError(parsed.error)}`);
export const providerDirectory: ProviderDirectory = parsed.data;

/** Lowercase letters and digits only: "Vast.ai", "vast-ai" and "VAST AI" all compact to "vastai". */
export function compact(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, "");
}

export function slugify(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "unknown";
}

const byKey = new Map<string, Provider>();
for (const p of providerDirectory.providers) {
  for (const key of [p.id, p.name, ...p.aliases, ...Object.keys(p.aliasTiers ?? {})]) {
    const k = compact(key);
    const prior = byKey.get(k);
    if (prior && prior.id !== p.id) throw new Error(`providers.json: alias "${key}" names both ${prior.id} and ${p.id}`);
    byKey.set(k, p);
  }
}

export function providerInfo(id: string): Provider | undefined {
  return byKey.get(compact(id));
}

/**
 * Canonical provider id and tier for a provider name as any source writes it.
 * `kind` "token" returns the provider's token tier where it has one. Unknown names get a slug and tier "unknown".
 */
export function canonicalProvider(raw: string, kind: "gpu" | "token" = "gpu"): { id: string; tier: ProviderTier } {
  const key = compact(raw);
  const p = byKey.get(key);
  if (!p) return { id: slugify(raw), tier: "unknown" };
  const aliasTier = p.aliasTiers?.[key];
  if (aliasTier) return { id: p.id, tier: aliasTier };
  return { id: p.id, tier: kind === "token" ? (p.tokenTier ?? p.tier) : p.tier };
}

const skuRegexes = providerDirectory.skuRules.map((r) => ({ rule: r, re: new RegExp(r.pattern, "i") }));

/**
 * SKU forms tried: as written (AWS "p5.48xlarge", SageMaker "ml.p5.48xlarge" without "ml.") and compacted
 * without "Standard_" (Azure "Standard_ND96isr_H100_v5" -> "nd96isrh100v5").
 */
function skuForms(sku: string): string[] {
  const lower = sku.trim().toLowerCase().replace(/^ml\./, "");
  return [lower, compact(lower.replace(/^standard_/, ""))];
}

/** A provider and its parent (aws-sagemaker runs on aws hardware families), for rule lookups. */
function providerChain(provider: string): string[] {
  const parent = providerInfo(provider)?.parent;
  return parent ? [provider, parent] : [provider];
}

/** The SKU rule that names this SKU's class, for this provider (or for any provider when none is given). */
export function matchSkuRule(provider: string | null, sku: string): SkuRule | undefined {
  const forms = skuForms(sku);
  const chain = provider === null ? null : providerChain(provider);
  for (const { rule, re } of skuRegexes) {
    if (chain !== null && !chain.includes(rule.provider)) continue;
    if (forms.some((f) => re.test(f))) return rule;
  }
  return undefined;
}

export interface RuleContext {
  provider: string | null;
  source: string | null;
  model: string;
  tokens: Set<string>;
  sku: string | null;
}

/** Provider rules that apply to this name, in file order. */
export function applicableRules(ctx: RuleContext): ProviderRule[] {
  if (ctx.provider === null) return [];
  const chain = providerChain(ctx.provider);
  return providerDirectory.rules.filter(
    (r) =>
      chain.includes(r.provider) &&
      r.model === ctx.model &&
      (r.source === undefined || (ctx.source ?? "").toLowerCase().includes(r.source)) &&
      (r.token === undefined || ctx.tokens.has(r.token)) &&
      (r.skuPattern === undefined || (ctx.sku !== null && new RegExp(r.skuPattern, "i").test(ctx.sku.trim()))),
  );
}
