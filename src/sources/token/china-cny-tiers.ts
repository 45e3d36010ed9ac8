// The base tier of a China-region price list's input/output-length tiers (Doubao <=32K, GLM [0,32), ...).
import { isRecord, strAt } from "../record-fields.ts";

interface Range {
  lo: number;
  hi: number;
}

const OPEN = Number.POSITIVE_INFINITY;

/** "input_length_k_tokens: [0, 32); output_length_k_tokens: [0.2+)" -> the named range in k tokens. */
function conditionRange(condition: string, name: string): Range | null {
  const m = new RegExp(`${name}_length_k_tokens:\\s*\\[\\s*([\\d.]+)\\s*(?:,\\s*([\\d.]+)\\s*\\)|\\+\\s*\\))`).exec(condition);
  if (!m) return null;
  return { lo: Number(m[1]), hi: m[2] === undefined ? OPEN : Number(m[2]) };
}

function inputRange(tier: unknown, previousMax: number): Range {
  const condition = strAt(tier, "condition");
  if (condition !== null) return conditionRange(condition, "input") ?? { lo: 0, hi: OPEN };
  const max = isRecord(tier) && typeof tier.maxInputTokens === "number" ? tier.maxInputTokens / 1000 : OPEN;
  return { lo: previousMax, hi: max };
}

function outputRange(tier: unknown): Range {
  const condition = strAt(tier, "condition");
  return (condition !== null ? conditionRange(condition, "output") : null) ?? { lo: 0, hi: OPEN };
}

/**
 * Index of the base tier: the shortest input range (starting lowest), and within it the open-ended
 * output range, because a short-output tier (GLM-4.7 output < 0.2K) is a discount most requests never
 * get. Null when there are no tiers (the model's top-level inputPrice/outputPrice is the base then).
 */
export function baseTier(tiers: unknown[]): number | null {
  if (tiers.length === 0) return null;
  const sortedMax = tiers
    .map((t) => (isRecord(t) && typeof t.maxInputTokens === "number" ? t.maxInputTokens / 1000 : null))
    .filter((n): n is number => n !== null)
    .sort((a, b) => a - b);
  const ranked = tiers.map((t, index) => {
    const max = isRecord(t) && typeof t.maxInputTokens === "number" ? t.maxInputTokens / 1000 : null;
    const prevMax = max === null ? 0 : (sortedMax.filter((m) => m < max).at(-1) ?? 0);
    return { index, input: inputRange(t, prevMax), output: outputRange(t) };
  });
  ranked.sort((a, b) => a.input.lo - b.input.lo || a.input.hi - b.input.hi || b.output.hi - a.output.hi || b.output.lo - a.output.lo);
  return ranked[0]?.index ?? null;
}

/** A tier's conditions for a skip reason. */
export function tierLabel(tier: unknown): string {
  const condition = strAt(tier, "condition");
  if (condition !== null) return condition;
  const max = isRecord(tier) ? tier.maxInputTokens : undefined;
  return typeof max === "number" ? `input up to ${max} tokens` : "unlabelled";
}
