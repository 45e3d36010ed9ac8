// Sanity rules for normalized prices: what is absurd enough to quarantine instead of publish.
import { dec, type Dec } from "./money.ts";

/** Documented bounds (methodology/README.md, "Quarantine rules"). */
export const SANITY = {
  /** No single rented GPU lists above this per hour; above it is almost always a per-node price. */
  maxUsdPerGpuHour: "25",
  minUsdPerGpuHour: "0.01",
  /** Per 1M tokens, in the quote's currency (USD; CNY lists are ~7x, still far below). */
  maxPerMillionTokens: "2000",
  /** A price this many times above or below the same product's previous quote is held back. */
  maxJumpFactor: "10",
} as const;

export function gpuPriceProblem(perGpuHour: string): string | null {
  return gpuPriceProblemOf(dec(perGpuHour), perGpuHour);
}

/** gpuPriceProblem of a value already parsed: `p` must equal dec(perGpuHour), sign of a zero included. */
export function gpuPriceProblemOf(p: Dec, perGpuHour: string): string | null {
  if (p.isNegative()) return `negative price ${perGpuHour}`;
  if (p.isZero()) return "zero price";
  if (p.lt(SANITY.minUsdPerGpuHour)) return `implausibly low: ${perGpuHour} USD/GPU-hour < ${SANITY.minUsdPerGpuHour}`;
  if (p.gt(SANITY.maxUsdPerGpuHour)) {
    return `implausibly high: ${perGpuHour} USD/GPU-hour > ${SANITY.maxUsdPerGpuHour} (likely a per-node price in a per-GPU column)`;
  }
  return null;
}

export function tokenPriceProblem(perMillion: string): string | null {
  return tokenPriceProblemOf(dec(perMillion), perMillion);
}

/** tokenPriceProblem of a value already parsed: `p` must equal dec(perMillion), sign of a zero included. */
export function tokenPriceProblemOf(p: Dec, perMillion: string): string | null {
  if (p.isNegative()) return `negative price ${perMillion}`;
  if (p.gt(SANITY.maxPerMillionTokens)) return `implausibly high: ${perMillion} per 1M tokens > ${SANITY.maxPerMillionTokens}`;
  return null;
}

/** A price 10x off the previous quote of the same product at the same provider. */
export function jumpProblem(previous: string | null, next: string): string | null {
  if (previous === null) return null;
  const prev = dec(previous);
  const cur = dec(next);
  if (prev.isZero() || cur.isZero()) return null;
  const factor = dec(SANITY.maxJumpFactor);
  if (cur.div(prev).gt(factor) || prev.div(cur).gt(factor)) {
    return `price ${next} is more than ${SANITY.maxJumpFactor}x off the provider's previous quote ${previous}`;
  }
  return null;
}
