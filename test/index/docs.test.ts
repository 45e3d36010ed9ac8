import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadMethodology } from "../../src/index/index.ts";
import { docExists, methodologyDir, readDoc } from "./docs.ts";

const m = loadMethodology();
const FAMILY_DOCS = ["gpu.md", "token.md"];

describe("methodology documents", () => {
  it("every index names a document that exists", () => {
    for (const def of m.indices) expect(docExists(def.document), `${def.code} -> ${def.document}`).toBe(true);
  });

  it("every family document is referenced by an index, and every .md in the folder is known", () => {
    for (const doc of FAMILY_DOCS) expect(m.indices.some((d) => d.document === doc), doc).toBe(true);
    // contracts.md is the contract book's document (methodology/contracts.json names it; listed in README).
    const known = new Set([...FAMILY_DOCS, "README.md", "CHANGELOG.md", "contracts.md"]);
    const present = readdirSync(methodologyDir).filter((f) => f.endsWith(".md"));
    for (const f of present) expect(known.has(f), `${f} is not referenced`).toBe(true);
  });

  it("every index code appears in its document, with its product", () => {
    for (const def of m.indices) {
      const text = readDoc(def.document);
      expect(text, def.code).toContain(`| ${def.code} |`);
      const products = def.product.kind === "gpu" ? def.product.classIds : def.product.models;
      for (const p of products) expect(text, `${def.code} product ${p}`).toContain(p);
    }
  });

  it("the README decodes every class and model id used in the codes", () => {
    const readme = readDoc("README.md");
    for (const def of m.indices) {
      const part = def.code.split("-")[1]!;
      expect(readme, part).toContain(`\`${part}\``);
      const products = def.product.kind === "gpu" ? def.product.classIds : def.product.models;
      for (const p of products) expect(readme, p).toContain(`\`${p}\``);
    }
  });

  it("each family document covers every required section", () => {
    const sections = [
      "## Measured thing", "## Eligible sources and tiers", "## Fixing time, window and staleness",
      "## Outlier rule, weighting, estimator", "## Sufficiency gate and concentration cap", "## Rounding",
      "## Fallback waterfall", "## Quantile definition", "## Worked examples",
    ];
    for (const doc of FAMILY_DOCS) for (const s of sections) expect(readDoc(doc), `${doc}: ${s}`).toContain(s);
  });

  it("the family documents state the version they describe, and it is the current one", () => {
    for (const doc of FAMILY_DOCS) expect(readDoc(doc)).toContain(`methodology version ${m.version}`);
  });

  it("CHANGELOG has an entry for the current version", () => {
    expect(readDoc("CHANGELOG.md")).toMatch(new RegExp(`^## ${m.version.replace(/\./g, "\\.")} - \\d{4}-\\d{2}-\\d{2}$`, "m"));
  });

  it("the README documents statuses, tiers, corrections and settlement", () => {
    const readme = readDoc("README.md");
    for (const s of ["provisional", "final", "fallback", "republished", "back-calculated"]) expect(readme).toContain(`| \`${s}\` |`);
    for (const t of ["transaction", "executable_quote", "list_price", "historical_import", "carried_forward"]) expect(readme).toContain(`\`${t}\``);
    expect(readme).toContain(m.corrections.republicationThreshold);
    expect(readme).toContain(`(${m.corrections.restatementMaxDays})`);
    expect(readme).toContain("## Settlement");
    expect(readme).toContain("[contracts.md](contracts.md)");
    expect(readme).toContain("16:00 Asia/Shanghai");
  });
});
