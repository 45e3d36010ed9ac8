// The hardware taxonomy (methodology/taxonomy/hardware.json): zod schema, validated data and lookups.
import { z } from "zod";
import data from "../../../methodology/taxonomy/hardware.json" with { type: "json" };

export const FormFactor = z.enum(["sxm", "oam", "pcie", "nvl", "consumer", "superchip", "module"]);
export type FormFactor = z.infer<typeof FormFactor>;
export const SoftwareStack = z.enum(["cuda", "rocm", "synapseai", "cann"]);
export const Grade = z.enum(["datacenter", "workstation", "consumer"]);
export const Vendor = z.enum(["nvidia", "amd", "intel", "huawei"]);
export const MemoryType = z.enum(["HBM2", "HBM2e", "HBM3", "HBM3e", "GDDR5", "GDDR5X", "GDDR6", "GDDR6X", "GDDR7"]);

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lowercase letters, digits and dashes");
/** A phrase is lowercase words; each space matches an optional space (so "rtx 4090" also matches "rtx4090"). */
const Phrase = z.string().regex(/^[a-z0-9]+( [a-z0-9]+)*$/, "lowercase words separated by single spaces");

export const HardwareClass = z.object({
  id: Id,
  model: Id,
  name: z.string().min(1),
  vendor: Vendor,
  architecture: z.string().min(1),
  formFactor: FormFactor,
  memoryType: MemoryType,
  memoryGB: z.number().positive(),
  memoryBandwidthTBs: z.number().positive().nullable(),
  interconnect: z.string().min(1),
  scaleUpDomain: z.number().int().positive(),
  bf16DenseTflops: z.number().positive().nullable(),
  softwareStack: SoftwareStack,
  grade: Grade,
  sources: z.array(z.string().min(1)).min(1),
  notes: z.string().optional(),
});
export type HardwareClass = z.infer<typeof HardwareClass>;

export const GpuModel = z.object({
  id: Id,
  name: z.string().min(1),
  vendor: Vendor,
  phrases: z.array(Phrase).min(1),
  /** What an unmarked name means when the model has several classes, and why (documented in hardware.md). */
  unmarked: z
    .object({ formFactor: FormFactor.optional(), scaleUpDomain: z.number().int().positive().optional(), why: z.string().min(1) })
    .optional(),
  notes: z.string().optional(),
});
export type GpuModel = z.infer<typeof GpuModel>;

export const HardwareTaxonomy = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "semver"),
  released: z.string(),
  units: z.record(z.string(), z.string()),
  formFactors: z.record(FormFactor, z.string()),
  /** Stated memory within [nominal x (1 - below), nominal x (1 + above)] matches a class. */
  memoryToleranceFraction: z.object({ below: z.number().min(0).max(0.5), above: z.number().min(0).max(0.5) }),
  models: z.array(GpuModel),
  classes: z.array(HardwareClass),
  /** Names that are not GPUs; `onlyWithoutModel` entries ("cpu") apply only when no GPU model is named. */
  notGpu: z.array(z.object({ phrase: Phrase, what: z.string().min(1), onlyWithoutModel: z.boolean().optional() })),
});
export type HardwareTaxonomy = z.infer<typeof HardwareTaxonomy>;

/** The tag axes that separate price classes (methodology/taxonomy/hardware.md). */
export interface HardwareTags {
  vendor: string;
  architecture: string;
  model: string;
  formFactor: FormFactor;
  memoryType: string;
  memoryGB: number;
  scaleUpDomain: number;
  interconnect: string;
  softwareStack: string;
  grade: string;
}

/** Validate taxonomy data; throws a readable error (used at load and by tests on edited copies). */
export function parseTaxonomy(raw: unknown): HardwareTaxonomy {
  const parsed = HardwareTaxonomy.safeParse(raw);
  if (!parsed.success) throw new Error(`hardware.json is invalid:\n${z.prettifyError(parsed.error)}`);
  const tax = parsed.data;
  const modelIds = new Set(tax.models.map((m) => m.id));
  const problems: string[] = [];
  if (modelIds.size !== tax.models.length) problems.push("duplicate model ids");
  if (new Set(tax.classes.map((c) => c.id)).size !== tax.classes.length) problems.push("duplicate class ids");
  for (const c of tax.classes) if (!modelIds.has(c.model)) problems.push(`class ${c.id} names unknown model ${c.model}`);
  if (problems.length > 0) throw new Error(`hardware.json is invalid: ${problems.join("; ")}`);
  return tax;
}

export const taxonomy: HardwareTaxonomy = parseTaxonomy(data);

const classIndex = new Map(taxonomy.classes.map((c) => [c.id, c]));
const modelIndex = new Map(taxonomy.models.map((m) => [m.id, m]));

export function hardwareClass(id: string): HardwareClass | undefined {
  return classIndex.get(id);
}

export function gpuModel(id: string): GpuModel | undefined {
  return modelIndex.get(id);
}

export function classesOfModel(modelId: string): HardwareClass[] {
  return taxonomy.classes.filter((c) => c.model === modelId);
}

export function tagsOf(c: HardwareClass): HardwareTags {
  return {
    vendor: c.vendor,
    architecture: c.architecture,
    model: c.model,
    formFactor: c.formFactor,
    memoryType: c.memoryType,
    memoryGB: c.memoryGB,
    scaleUpDomain: c.scaleUpDomain,
    interconnect: c.interconnect,
    softwareStack: c.softwareStack,
    grade: c.grade,
  };
}

/** Whether a stated per-GPU memory (GB or GiB: GPU memory sizes are binary) fits a class. */
export function memoryFits(c: HardwareClass, gb: number): boolean {
  const { below, above } = taxonomy.memoryToleranceFraction;
  return gb >= c.memoryGB * (1 - below) && gb <= c.memoryGB * (1 + above);
}
