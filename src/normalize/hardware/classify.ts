// The GPU classifier: what a source calls a GPU -> one hardware class with tags and evidence, or a reason why not.
import { canonicalProvider, matchSkuRule, applicableRules } from "./providers.ts";
import { fitsAll, memoryEvidence, memoryObservations, type MemoryObservation } from "./memory.ts";
import { classesOfModel, hardwareClass, memoryFits, tagsOf, taxonomy } from "./taxonomy.ts";
import type { FormFactor, GpuModel, HardwareClass, HardwareTags } from "./taxonomy.ts";
import { FORM_COMPATIBLE, domainWords, findModels, findNotGpu, formFactorWords, memoryGbInText, memoryTypeWords, mentions } from "./text.ts";
import { normalizeText, parseGpuInfo, words } from "./text.ts";

export interface GpuDescriptor {
  provider?: string | null;
  source?: string | null;
  sku?: string | null;
  gpuName?: string | null;
  gpuInfo?: string | null;
  gpuMemoryGiB?: number | null;
  gpuCount?: number | null;
}

export type Classification =
  | { classified: true; classId: string; tags: HardwareTags; evidence: string[] }
  /** `notGpu` marks names that are not GPUs at all (TPUs, licence lines), as opposed to GPUs we cannot place. */
  | { classified: false; reason: string; rawName: string; notGpu?: true };

interface Field {
  label: string;
  raw: string;
  norm: string;
}

interface Context {
  provider: string | null;
  d: GpuDescriptor;
  fields: Field[];
  text: string;
  ws: Set<string>;
  memory: MemoryObservation[];
  rawName: string;
}

function fieldsOf(d: GpuDescriptor, infoName: string | null, infoIsDict: boolean): Field[] {
  const raw: [string, string | null | undefined][] = [["sku", d.sku], ["gpuName", d.gpuName], ["gpuInfo", infoIsDict ? infoName : d.gpuInfo]];
  return raw.filter((r): r is [string, string] => typeof r[1] === "string" && r[1].trim() !== "").map(([label, s]) => ({ label, raw: s.trim(), norm: normalizeText(s) }));
}

const distinct = <T>(cs: HardwareClass[], pick: (c: HardwareClass) => T): number => new Set(cs.map(pick)).size;
const ffOf = (c: HardwareClass): FormFactor => c.formFactor;
const memOf = (c: HardwareClass): number => c.memoryGB;

export function classifyGpu(d: GpuDescriptor): Classification {
  const rawName = [d.sku, d.gpuName].filter((s) => s && s.trim()).join(" | ") || (d.gpuInfo ?? "");
  const info = parseGpuInfo(d.gpuInfo);
  const fields = fieldsOf(d, info?.name ?? null, info !== null);
  if (fields.length === 0) return unclassified("no name given", rawName);
  const text = fields.map((f) => f.norm).join(" / ");
  const models = findModels(text);
  const notGpu = findNotGpu(text, models.length > 0);
  if (notGpu) return { classified: false, notGpu: true, reason: `not a GPU: ${notGpu}`, rawName };
  const inText = fields.filter((f) => f.label !== "gpuInfo" || info === null).flatMap((f) => memoryGbInText(f.norm).map((gb) => ({ gb, field: f.label })));
  const ctx: Context = {
    provider: d.provider ? canonicalProvider(d.provider).id : null,
    d,
    fields,
    text,
    ws: words(text),
    memory: memoryObservations(d.gpuMemoryGiB, info, d.gpuCount ?? null, inText),
    rawName,
  };
  return bySku(ctx, models) ?? byModel(ctx, models);
}

/** `sku "gpu_8x_h100_sxm5"`: which field said it, quoted as written. */
function said(f: Field | undefined): string {
  return f ? `${f.label} "${f.raw}"` : "name";
}

function unclassified(reason: string, rawName: string): Classification {
  return { classified: false, reason, rawName };
}

function classified(c: HardwareClass, evidence: string[]): Classification {
  return { classified: true, classId: c.id, tags: tagsOf(c), evidence };
}

function describeMemory(memory: MemoryObservation[]): string {
  return memory.map((o) => o.readings.map((r) => `${Math.round(r.gb * 10) / 10} GB`).join(" or ")).join(", ");
}

/** A SKU naming scheme (AWS, Azure, GCP machine types) fixes the class; the rest of the name must not contradict it. */
function bySku(ctx: Context, models: GpuModel[]): Classification | null {
  for (const s of [ctx.d.sku, ctx.d.gpuName]) {
    if (!s) continue;
    const rule = matchSkuRule(ctx.provider, s);
    if (!rule) continue;
    const c = hardwareClass(rule.classId);
    if (!c) return unclassified(`SKU rule ${rule.pattern} names unknown class ${rule.classId}`, ctx.rawName);
    const problems: string[] = [];
    if (models.length > 0 && !models.some((m) => m.id === c.model)) problems.push(`the name also says ${models.map((m) => m.name).join("/")}`);
    for (const [ff, word] of formFactorWords(ctx.ws)) if (!FORM_COMPATIBLE[ff].includes(c.formFactor)) problems.push(`the name says "${word}"`);
    if (!fitsAll(c, ctx.memory)) problems.push(`memory ${describeMemory(ctx.memory)} does not fit ${c.memoryGB} GB`);
    if (problems.length > 0) return unclassified(`SKU ${s} matches ${rule.provider} rule for ${c.id} but ${problems.join("; ")}`, ctx.rawName);
    return classified(c, [`sku ${s} matches ${rule.provider} SKU rule /${rule.pattern}/: ${rule.why}`, ...memoryEvidence(c, ctx.memory)]);
  }
  return null;
}

function byModel(ctx: Context, models: GpuModel[]): Classification {
  const fail = (reason: string): Classification => unclassified(reason, ctx.rawName);
  if (models.length === 0) return fail(`no known GPU model in "${ctx.rawName}"`);
  if (models.length > 1) return fail(`conflicting models in the name: ${models.map((m) => m.name).join(", ")}`);
  const model = models[0]!;
  let cands = classesOfModel(model.id);
  if (cands.length === 0) return fail(`${model.name} is a known model without a hardware class in taxonomy ${taxonomy.version}`);
  const evidence = [`${said(ctx.fields.find((f) => mentions(model.id, f.norm)))} names ${model.name}`];

  const ffWords = formFactorWords(ctx.ws);
  if (ffWords.has("nvl")) ffWords.delete("pcie"); // NVL parts are PCIe cards: "H100 NVL PCIe" is still NVL
  if (ffWords.size > 1) return fail(`conflicting form factors in the name: ${[...ffWords.values()].join(", ")}`);
  for (const [ff, word] of ffWords) {
    const next = cands.filter((c) => FORM_COMPATIBLE[ff].includes(c.formFactor));
    if (next.length === 0) return fail(`"${word}" contradicts ${model.name} (classes: ${cands.map((c) => c.id).join(", ")})`);
    cands = next;
    evidence.push(`${said(ctx.fields.find((f) => words(f.norm).has(word)))} contains "${word}"`);
  }
  const domains = domainWords(ctx.ws);
  for (const n of domains) {
    const next = cands.filter((c) => c.scaleUpDomain === n);
    if (next.length === 0) return fail(`"nvl${n}" contradicts ${model.name} (classes: ${cands.map((c) => c.id).join(", ")})`);
    cands = next;
    evidence.push(`name says NVL${n} (scale-up domain ${n})`);
  }
  if (ctx.memory.length > 0) {
    const next = cands.filter((c) => fitsAll(c, ctx.memory));
    if (next.length === 0) {
      return fail(`memory ${describeMemory(ctx.memory)} does not fit any ${model.name} class (${cands.map((c) => `${c.id}`).join(", ")})`);
    }
    cands = next;
  }
  const memTypes = memoryTypeWords(ctx.ws);
  if (cands.length > 1 && memTypes.length === 1) {
    const next = cands.filter((c) => c.memoryType.toLowerCase() === memTypes[0]);
    if (next.length > 0 && next.length < cands.length) {
      cands = next;
      evidence.push(`name says ${memTypes[0]!.toUpperCase()} memory`);
    }
  }
  const ruled = applyProviderRules(ctx, model, cands, ffWords.size > 0, evidence);
  if (typeof ruled === "string") return fail(ruled);
  cands = applyUnmarked(model, ruled, ffWords.size > 0 || domains.length > 0, evidence);
  if (cands.length === 1) return classified(cands[0]!, [...evidence, ...memoryEvidence(cands[0]!, ctx.memory)]);
  const missing = [distinct(cands, ffOf) > 1 ? "form factor" : null, distinct(cands, memOf) > 1 ? "memory size" : null].filter(Boolean);
  return fail(`ambiguous ${model.name}: could be ${cands.map((c) => c.id).join(" or ")}; nothing in the name or provider rules gives the ${missing.join(" or ") || "variant"}`);
}

/** Provider rules fill a dimension the name leaves open; they never override what the name says. */
function applyProviderRules(ctx: Context, model: GpuModel, start: HardwareClass[], ffStated: boolean, evidence: string[]): HardwareClass[] | string {
  let cands = start;
  const rules = applicableRules({ provider: ctx.provider, source: ctx.d.source ?? null, model: model.id, tokens: ctx.ws, sku: ctx.d.sku ?? null });
  for (const r of rules) {
    const { formFactor, memoryGB } = r.set;
    let next = cands;
    if (formFactor && !ffStated && distinct(cands, ffOf) > 1) next = next.filter((c) => c.formFactor === formFactor);
    if (memoryGB && ctx.memory.length === 0 && distinct(next, memOf) > 1) next = next.filter((c) => memoryFits(c, memoryGB));
    if (next.length === cands.length) continue;
    if (next.length === 0) return `provider rule for ${r.provider} (${r.why}) contradicts the name`;
    cands = next;
    evidence.push(`provider rule ${r.provider}/${r.model}: ${r.why}`);
  }
  return cands;
}

/** A model's documented default for an unmarked name (e.g. an unmarked H200 is the SXM part). */
function applyUnmarked(model: GpuModel, cands: HardwareClass[], marked: boolean, evidence: string[]): HardwareClass[] {
  const u = model.unmarked;
  if (!u || marked || cands.length < 2) return cands;
  const next = cands.filter(
    (c) => (u.formFactor === undefined || c.formFactor === u.formFactor) && (u.scaleUpDomain === undefined || c.scaleUpDomain === u.scaleUpDomain),
  );
  if (next.length === 0 || next.length === cands.length) return cands;
  evidence.push(`unmarked ${model.name} read as ${u.formFactor ?? `NVL${u.scaleUpDomain}`} (taxonomy rule: ${u.why})`);
  return next;
}
