// The taxonomy data: unique ids, complete classes, required ids, consistent rules, and a document that covers it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { providerDirectory } from "../../src/normalize/hardware/providers.ts";
import { hardwareClass, parseTaxonomy, taxonomy } from "../../src/normalize/hardware/taxonomy.ts";

const REQUIRED_IDS = [
  "h100-sxm-80gb", "h100-pcie-80gb", "h100-nvl-94gb", "h200-sxm-141gb", "h200-nvl-141gb", "b200-sxm-180gb", "b300-sxm-288gb",
  "gb200-nvl72", "gh200-96gb", "a100-sxm-80gb", "a100-sxm-40gb", "a100-pcie-80gb", "a100-pcie-40gb", "l40s-48gb", "l40-48gb",
  "l4-24gb", "a10g-24gb", "rtx4090-24gb", "rtx5090-32gb", "mi300x-192gb", "mi325x-256gb", "gaudi2-96gb", "gaudi3-128gb",
  "ascend910b-64gb", "ascend910c-128gb",
];
const FIELDS = [
  "id", "vendor", "architecture", "model", "formFactor", "memoryType", "memoryGB", "memoryBandwidthTBs", "interconnect",
  "scaleUpDomain", "bf16DenseTflops", "softwareStack", "grade", "sources",
];
const doc = readFileSync(new URL("../../methodology/taxonomy/hardware.md", import.meta.url), "utf8");
const rawJson = JSON.parse(readFileSync(new URL("../../methodology/taxonomy/hardware.json", import.meta.url), "utf8")) as {
  classes: Record<string, unknown>[];
};

describe("hardware taxonomy data", () => {
  it("has a semver version", () => {
    expect(taxonomy.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("has unique class and model ids", () => {
    const ids = taxonomy.classes.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(taxonomy.models.map((m) => m.id)).size).toBe(taxonomy.models.length);
  });

  it("gives every class every field (null only where a figure is unknown)", () => {
    for (const c of rawJson.classes) {
      for (const f of FIELDS) expect(c, `${String(c.id)} lacks ${f}`).toHaveProperty(f);
      for (const f of FIELDS.filter((x) => x !== "bf16DenseTflops" && x !== "memoryBandwidthTBs")) expect(c[f], `${String(c.id)}.${f}`).not.toBeNull();
    }
  });

  it("has every class the other modules depend on", () => {
    for (const id of REQUIRED_IDS) expect(hardwareClass(id), id).toBeDefined();
  });

  it("keeps REFERENCE section 3 figures", () => {
    expect(hardwareClass("h100-sxm-80gb")).toMatchObject({ memoryGB: 80, memoryBandwidthTBs: 3.35, bf16DenseTflops: 989, scaleUpDomain: 8 });
    expect(hardwareClass("h100-nvl-94gb")).toMatchObject({ memoryGB: 94, memoryBandwidthTBs: 3.9, bf16DenseTflops: 835 });
    expect(hardwareClass("gb200-nvl72")).toMatchObject({ scaleUpDomain: 72, bf16DenseTflops: 2500 });
    expect(hardwareClass("mi300x-192gb")).toMatchObject({ softwareStack: "rocm", formFactor: "oam", bf16DenseTflops: 1307 });
    expect(hardwareClass("ascend910c-128gb")).toMatchObject({ softwareStack: "cann", scaleUpDomain: 384 });
    expect(hardwareClass("rtx4090-24gb")).toMatchObject({ grade: "consumer", formFactor: "consumer", bf16DenseTflops: 165 });
  });

  it("rejects a copy with a duplicate class id", () => {
    const copy = JSON.parse(JSON.stringify(taxonomy)) as { classes: unknown[] };
    copy.classes.push(copy.classes[0]);
    expect(() => parseTaxonomy(copy)).toThrow(/duplicate class ids/);
  });
});

describe("provider rules", () => {
  const providers = new Set(providerDirectory.providers.map((p) => p.id));
  it("name existing providers, models and classes; patterns compile", () => {
    for (const r of providerDirectory.rules) {
      expect(providers.has(r.provider), r.provider).toBe(true);
      expect(taxonomy.models.some((m) => m.id === r.model), r.model).toBe(true);
      if (r.skuPattern) expect(() => new RegExp(r.skuPattern!)).not.toThrow();
    }
    for (const r of providerDirectory.skuRules) {
      expect(providers.has(r.provider), r.provider).toBe(true);
      expect(hardwareClass(r.classId), r.classId).toBeDefined();
      expect(() => new RegExp(r.pattern)).not.toThrow();
    }
  });
});

describe("methodology/taxonomy/hardware.md", () => {
  it("mentions every class id and model", () => {
    for (const c of taxonomy.classes) expect(doc, c.id).toContain(`\`${c.id}\``);
    for (const m of taxonomy.models) expect(doc, m.id).toContain(m.name);
  });
  it("states the taxonomy version and every provider with rules", () => {
    expect(doc).toContain(`version ${taxonomy.version}`);
    for (const r of [...providerDirectory.rules, ...providerDirectory.skuRules]) expect(doc, r.provider).toContain(`\`${r.provider}\``);
  });
});
