// models.md must document every mapping rule and show the tokenizer table as tokenizers.json holds it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultModelCatalog } from "../../src/normalize/models/index.ts";
import { defaultTokenizerTable } from "../../src/normalize/models/tokenizers.ts";

const doc = readFileSync(new URL("../../methodology/taxonomy/models.md", import.meta.url), "utf8");
const data = defaultModelCatalog.data;

describe("methodology/taxonomy/models.md", () => {
  it("names every ':' variant and every name suffix the taxonomy reads", () => {
    const missing = [
      ...data.colonVariants.map((v) => `\`${v}\``).filter((v) => !doc.includes(v)),
      ...Object.keys(data.nameSuffixes).map((s) => `\`-${s}\``).filter((s) => !doc.includes(s)),
    ];
    expect(missing).toEqual([]);
  });

  it("shows each tokenizer family with the ratios tokenizers.json holds", () => {
    for (const [name, entry] of Object.entries(defaultTokenizerTable.tokenizers)) {
      if (entry.en === null && entry.zh === null) {
        expect(doc, name).toMatch(new RegExp(`\\|[^\\n]*\\b${name.replace(".", "\\.")}\\b[^\\n]*\\| unknown \\|`));
        continue;
      }
      const row = `| ${name} | ${entry.measured ? "measured" : "documented"} | ${entry.en?.tokensPerMillionChars ?? "—"} | ${entry.zh?.tokensPerMillionChars ?? "—"} | ${entry.mixed?.tokensPerMillionChars ?? "—"} |`;
      expect(doc, name).toContain(row);
    }
  });
});
