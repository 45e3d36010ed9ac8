// Tokenizer normalization: the shipped table is what the script produces, and prices convert exactly.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Tiktoken } from "js-tiktoken/lite";
import o200k from "js-tiktoken/ranks/o200k_base";
import { describe, expect, it } from "vitest";
import { buildTokenizerTable, readReferenceTexts, renderTable, TABLE_PATH } from "../../scripts/measure-tokenizers.ts";
import { dec, plain } from "../../src/normalize/money.ts";
import { countChars, tokensPerMillionChars } from "../../src/normalize/models/token-ratios.ts";
import { defaultTokenizerTable, pricePerMillionChars } from "../../src/normalize/models/tokenizers.ts";
import type { TokenizerTable } from "../../src/normalize/models/token-ratios.ts";

const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const texts = readReferenceTexts(repoRoot);

describe("tokenizers.json", () => {
  it("holds the o200k counts of the reference text, re-measured here", () => {
    const encoder = new Tiktoken(o200k);
    const o = defaultTokenizerTable.tokenizers["o200k"]!;
    for (const lang of ["en", "zh"] as const) {
      const tokens = encoder.encode(texts[lang]).length;
      const chars = countChars(texts[lang]);
      expect(o[lang]).toMatchObject({ tokens, chars, tokensPerMillionChars: tokensPerMillionChars(tokens, chars) });
    }
    expect(o.measured).toBe(true);
  });

  it("is byte for byte what scripts/measure-tokenizers.ts writes", () => {
    const onDisk = readFileSync(resolve(repoRoot, TABLE_PATH), "utf8");
    expect(onDisk).toBe(renderTable(buildTokenizerTable(texts)));
  });

  it("records the reference texts' sizes: a few thousand characters each", () => {
    expect(defaultTokenizerTable.reference["en"]?.chars).toBeGreaterThan(3000);
    expect(defaultTokenizerTable.reference["zh"]?.chars).toBeGreaterThan(2000);
  });

  it("says where every unmeasured ratio comes from", () => {
    for (const [name, entry] of Object.entries(defaultTokenizerTable.tokenizers)) {
      if (entry.measured) continue;
      for (const side of [entry.en, entry.zh]) if (side !== null) expect(side.source, name).toMatch(/\S/);
      if (entry.en === null && entry.zh === null) expect(entry.note, name).toMatch(/\S/);
    }
  });
});

describe("pricePerMillionChars", () => {
  const table: TokenizerTable = {
    version: "test",
    reference: {},
    definitions: {},
    tokenizers: {
      t: {
        measured: true,
        method: "test",
        en: { tokensPerMillionChars: "250000.00" },
        zh: { tokensPerMillionChars: "800000.00" },
        mixed: { tokensPerMillionChars: "525000.00" },
      },
      half: { measured: false, method: "doc", en: { tokensPerMillionChars: "300000", source: "x" }, zh: null, mixed: null },
    },
  };

  it("multiplies the token price by tokens per character, exactly", () => {
    expect(pricePerMillionChars("0.40", "t", "en", table)).toEqual({ value: "0.1", tokensPerMillionChars: "250000.00", measured: true });
    expect(pricePerMillionChars("0.40", "t", "zh", table)?.value).toBe("0.32");
    expect(pricePerMillionChars("0.40", "t", "mixed", table)?.value).toBe("0.21");
    expect(pricePerMillionChars("0.0000001", "t", "en", table)?.value).toBe("0.000000025");
  });

  it("is null for an unknown tokenizer, an unknown side, or a price that is not a decimal", () => {
    expect(pricePerMillionChars("1", "nope", "en", table)).toBeNull();
    expect(pricePerMillionChars("1", "half", "zh", table)).toBeNull();
    expect(pricePerMillionChars("1", "half", "mixed", table)).toBeNull();
    expect(pricePerMillionChars("abc", "t", "en", table)).toBeNull();
    expect(pricePerMillionChars("1", "half", "en", table)).toEqual({ value: "0.3", tokensPerMillionChars: "300000", measured: false });
  });

  it("uses the shipped table by default", () => {
    const o200kEn = defaultTokenizerTable.tokenizers["o200k"]!.en!.tokensPerMillionChars;
    expect(pricePerMillionChars("1", "o200k", "en")).toEqual({ value: plain(dec(o200kEn).div(1_000_000)), tokensPerMillionChars: o200kEn, measured: true });
    expect(pricePerMillionChars("2", "llama3", "en")).toBeNull();
  });
});
