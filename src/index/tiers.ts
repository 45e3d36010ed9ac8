// Input-tier ordering (methodology/README.md, "Input tiers"): a value is only as strong as the weakest input it rests on.
import type { InputTier } from "../schemas/quote.ts";

/** Strongest first. */
export const TIER_ORDER: readonly InputTier[] = ["transaction", "executable_quote", "list_price", "historical_import", "carried_forward"];

/** The weakest tier among `tiers`; null for an empty list. */
export function weakestTier(tiers: readonly InputTier[]): InputTier | null {
  let worst: InputTier | null = null;
  for (const tier of tiers) if (worst === null || TIER_ORDER.indexOf(tier) > TIER_ORDER.indexOf(worst)) worst = tier;
  return worst;
}
