// Reading GPU names: normalization, model phrases, form-factor/memory tokens and SkyPilot GpuInfo parsing.
import { z } from "zod";
import { taxonomy, type FormFactor, type GpuModel } from "./taxonomy.ts";

/**
 * Lowercase words of letters and digits: "H100_80GB_SXM5" -> "h100 80gb sxm5". "NVL 72" is not joined into
 * "nvl72": in Vast SKUs ("2x-H100_NVL-32-65536") the number after NVL is a vCPU count.
 */
export function normalizeText(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
}

function phraseRegex(phrase: string): RegExp {
  return new RegExp(`\\b${phrase.split(" ").join(" ?")}\\b`);
}

function containsRun(outer: string[], inner: string[]): boolean {
  for (let i = 0; i + inner.length <= outer.length; i++) {
    if (inner.every((t, j) => outer[i + j] === t)) return true;
  }
  return false;
}

const compiledModels = taxonomy.models.map((m) => ({ model: m, regexes: m.phrases.map(phraseRegex) }));

/** X supersedes Y when a phrase of X contains a phrase of Y ("rtx 2080 ti" over "rtx 2080"). */
const supersedes = new Map<string, Set<string>>();
for (const x of taxonomy.models) {
  for (const y of taxonomy.models) {
    if (x.id === y.id) continue;
    const hit = x.phrases.some((px) => y.phrases.some((py) => px !== py && containsRun(px.split(" "), py.split(" "))));
    if (hit) supersedes.set(x.id, (supersedes.get(x.id) ?? new Set()).add(y.id));
  }
}

/** Whether the (normalized) text names this model. */
export function mentions(modelId: string, text: string): boolean {
  return compiledModels.some(({ model, regexes }) => model.id === modelId && regexes.some((re) => re.test(text)));
}

/** Models named in the text, with the more specific model kept when one phrase contains another. */
export function findModels(text: string): GpuModel[] {
  const found = compiledModels.filter(({ regexes }) => regexes.some((re) => re.test(text))).map(({ model }) => model);
  return found.filter((y) => !found.some((x) => supersedes.get(x.id)?.has(y.id)));
}

const notGpu = taxonomy.notGpu.map((n) => ({ ...n, re: phraseRegex(n.phrase) }));

/** What the name is if it is not a GPU (a TPU, a licence line; a CPU instance when it names no GPU model). */
export function findNotGpu(text: string, namesModel: boolean): string | null {
  return notGpu.find((n) => (!n.onlyWithoutModel || !namesModel) && n.re.test(text))?.what ?? null;
}

const FORM_TOKENS: Record<string, FormFactor> = {
  sxm: "sxm", sxm2: "sxm", sxm3: "sxm", sxm4: "sxm", sxm5: "sxm", sxm6: "sxm", hgx: "sxm", dgx: "sxm",
  pcie: "pcie", pci: "pcie", nvl: "nvl", oam: "oam",
};

/** Which class form factors a form-factor word is consistent with. */
export const FORM_COMPATIBLE: Record<FormFactor, FormFactor[]> = {
  sxm: ["sxm", "superchip"],
  pcie: ["pcie", "consumer"],
  nvl: ["nvl"],
  oam: ["oam"],
  consumer: ["consumer"],
  superchip: ["superchip"],
  module: ["module"],
};

export function words(text: string): Set<string> {
  return new Set(text.split(/[ /]+/).filter((w) => w.length > 0));
}

/** Form-factor words found, each with the word that said it. */
export function formFactorWords(ws: Set<string>): Map<FormFactor, string> {
  const out = new Map<FormFactor, string>();
  for (const w of ws) {
    const ff = FORM_TOKENS[w];
    if (ff && !out.has(ff)) out.set(ff, w);
  }
  return out;
}

/** Scale-up domain words such as "nvl72". */
export function domainWords(ws: Set<string>): number[] {
  return [...ws].flatMap((w) => {
    const m = /^nvl(\d+)$/.exec(w);
    return m ? [Number(m[1])] : [];
  });
}

const MEMORY_TYPES = ["hbm2", "hbm2e", "hbm3", "hbm3e", "gddr5", "gddr5x", "gddr6", "gddr6x", "gddr7"];

export function memoryTypeWords(ws: Set<string>): string[] {
  return MEMORY_TYPES.filter((t) => ws.has(t));
}

/**
 * Memory sizes written in the name: "80gb", "80 GB", "96GiB", and "80G" (bare G only from 24 up, so GCP
 * machine-type suffixes such as "a3-highgpu-8g" are not read as memory).
 */
export function memoryGbInText(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/\b(\d{1,4}) ?(gb|gib|g)\b/g)) {
    const v = Number(m[1]);
    if (m[2] === "g" && v < 24) continue;
    if (v >= 1 && v <= 1024 && !out.includes(v)) out.push(v);
  }
  return out;
}

/** SkyPilot GpuInfo: a Python-repr dict or JSON, {'Gpus': [{'Name', 'Count', 'MemoryInfo': {'SizeInMiB'}}], 'TotalGpuMemoryInMiB'}. */
const GpuInfoDict = z.object({
  Gpus: z
    .array(
      z.object({
        Name: z.string().optional(),
        Count: z.number().optional(),
        MemoryInfo: z.object({ SizeInMiB: z.number().optional() }).optional(),
      }),
    )
    .min(1),
  TotalGpuMemoryInMiB: z.number().optional(),
});

export interface GpuInfo {
  name: string | null;
  count: number | null;
  sizeMiB: number | null;
  totalMiB: number | null;
}

function pythonReprToJson(s: string): string {
  return s.replace(/'/g, '"').replace(/\bTrue\b/g, "true").replace(/\bFalse\b/g, "false").replace(/\bNone\b/g, "null");
}

/** Parse a GpuInfo dict; null when the text is not one (it is then read as a plain name). */
export function parseGpuInfo(raw: string | null | undefined): GpuInfo | null {
  const s = (raw ?? "").trim();
  if (!s.startsWith("{")) return null;
  for (const candidate of [s, pythonReprToJson(s)]) {
    try {
      const parsed = GpuInfoDict.safeParse(JSON.parse(candidate));
      if (!parsed.success) return null;
      const gpu = parsed.data.Gpus[0]!;
      return {
        name: gpu.Name ?? null,
        count: gpu.Count ?? null,
        sizeMiB: gpu.MemoryInfo?.SizeInMiB ?? null,
        totalMiB: parsed.data.TotalGpuMemoryInMiB ?? null,
      };
    } catch {
      // not JSON as written: try the Python-repr form next
    }
  }
  return null;
}
