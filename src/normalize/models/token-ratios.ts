// Tokenizer table schema and the counting rules shared by the measuring script and the price conversion.
import { z } from "zod";
import { dec, roundTo } from "../money.ts";
import type { Dec } from "../money.ts";

const Ratio = z.object({
  /** Tokens per 1,000,000 reference characters, rounded half-even to 2 decimals. */
  tokensPerMillionChars: z.string(),
  /** Measured entries: exact token and character counts of the reference text. */
  tokens: z.number().int().nonnegative().optional(),
  chars: z.number().int().positive().optional(),
  /** Documented entries: where the ratio comes from. */
  source: z.string().optional(),
});

export const TokenizerEntry = z.object({
  measured: z.boolean(),
  method: z.string(),
  en: Ratio.nullable(),
  zh: Ratio.nullable(),
  mixed: z.object({ tokensPerMillionChars: z.string() }).nullable(),
  note: z.string().optional(),
});
export type TokenizerEntry = z.infer<typeof TokenizerEntry>;

export const TokenizerTable = z.object({
  version: z.string(),
  reference: z.record(z.string(), z.object({ path: z.string(), sha256: z.string(), chars: z.number().int().positive() })),
  definitions: z.record(z.string(), z.string()),
  tokenizers: z.record(z.string(), TokenizerEntry),
});
export type TokenizerTable = z.infer<typeof TokenizerTable>;

/** Characters as the methodology counts them: Unicode code points, spaces and line feeds included. */
export function countChars(text: string): number {
  return [...text].length;
}

/** tokens x 1e6 / chars, exact (to the 40 significant digits of money.ts). */
export function exactPerMillion(tokens: number, chars: number): Dec {
  return dec(tokens).times(1_000_000).div(chars);
}

/** The table's one rounding step: half-even to 2 decimals. */
export function roundRatio(value: Dec): string {
  return roundTo(value, 2, "half_even");
}

/** tokens x 1e6 / chars, rounded as the table states. */
export function tokensPerMillionChars(tokens: number, chars: number): string {
  return roundRatio(exactPerMillion(tokens, chars));
}

/** The mixed-text ratio from the exact en and zh ratios: equal character counts of each, i.e. their mean. */
export function mixedRatio(en: Dec, zh: Dec): string {
  return roundRatio(en.plus(zh).div(2));
}
