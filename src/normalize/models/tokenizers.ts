// Tokenizer normalization: converts a price per 1M tokens into a price per 1M characters of the reference text.
import tokenizersJson from "../../../methodology/taxonomy/tokenizers.json" with { type: "json" };
import { decOrNull, plain } from "../money.ts";
import { TokenizerTable } from "./token-ratios.ts";

export type TextMix = "en" | "zh" | "mixed";

/** The table shipped in methodology/taxonomy/tokenizers.json (written by scripts/measure-tokenizers.ts). */
export const defaultTokenizerTable: TokenizerTable = TokenizerTable.parse(tokenizersJson);

/**
 * Price per 1M reference characters: price per 1M tokens x tokens per 1M characters / 1e6, exact (no rounding:
 * that belongs to the index methodology). Null when the tokenizer or its ratio for `mix` is unknown.
 */
export function pricePerMillionChars(
  pricePerMillionTokens: string,
  tokenizer: string,
  mix: TextMix,
  table: TokenizerTable = defaultTokenizerTable,
): { value: string; tokensPerMillionChars: string; measured: boolean } | null {
  const price = decOrNull(pricePerMillionTokens);
  const entry = table.tokenizers[tokenizer];
  if (price === null || entry === undefined) return null;
  const ratio = mix === "mixed" ? entry.mixed : entry[mix];
  if (ratio === null) return null;
  const value = price.times(ratio.tokensPerMillionChars).div(1_000_000);
  return { value: plain(value), tokensPerMillionChars: ratio.tokensPerMillionChars, measured: entry.measured };
}
