// Reads the methodology documents and their worked-example blocks for the tests.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, resolve } from "node:path";
import { z } from "zod";

export const methodologyDir = resolve(fileURLToPath(new URL("../../methodology", import.meta.url)));

export function readDoc(name: string): string {
  return readFileSync(join(methodologyDir, name), "utf8");
}

export function docExists(name: string): boolean {
  return existsSync(join(methodologyDir, name));
}

const MiniObservation = z.object({
  id: z.number().int().positive(),
  provider: z.string(),
  price: z.string(),
  observedAt: z.string(),
  sku: z.string().optional(),
  region: z.string().nullable().optional(),
  tier: z.enum(["transaction", "executable_quote", "list_price", "historical_import", "carried_forward"]).optional(),
  volume: z.string().nullable().optional(),
  quantization: z.string().nullable().optional(),
  providerTier: z.enum(["hyperscaler", "neocloud", "marketplace", "inference_api", "first_party", "unknown"]).optional(),
  quarantined: z.union([z.boolean(), z.string()]).optional(),
  variant: z.string().optional(),
});

export const WorkedExample = z.strictObject({
  index: z.string(),
  fixingDate: z.string(),
  status: z.enum(["provisional", "final", "back-calculated"]).default("final"),
  prior: z.object({ fixingDate: z.string(), value: z.string().nullable(), status: z.enum(["final", "fallback", "republished"]).optional(), note: z.string().optional() }).optional(),
  observations: z.array(MiniObservation),
  expected: z.strictObject({
    value: z.string().nullable(),
    status: z.string(),
    observationCount: z.number().int(),
    providerCount: z.number().int(),
    exclusions: z.number().int(),
    inputTier: z.string().optional(),
    note: z.string().optional(),
  }),
});
export type WorkedExample = z.infer<typeof WorkedExample>;

/** Every ```worked-example fenced block of a markdown document, parsed. */
export function workedExamples(markdown: string): WorkedExample[] {
  const blocks = [...markdown.matchAll(/^```worked-example\n([\s\S]*?)^```$/gm)];
  return blocks.map((m) => WorkedExample.parse(JSON.parse(m[1]!)));
}
