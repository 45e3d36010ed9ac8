// Model rolls (2.x): from its effective date a series prices the successor, linked so the roll moves no level.
import type { FixingDraft } from "../../schemas/fixing.ts";
import type { IndexDefinition, ModelRoll } from "../../schemas/methodology.ts";
import type { Observation } from "../../schemas/observation.ts";
import type { z } from "zod";
import { dec, plain } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import type { FixingContext } from "../compute.ts";
import { computedDraft, draftHead, fallbackDraft, modelPrice } from "./single.ts";

type Roll = z.infer<typeof ModelRoll>;

/** The roll in force on `date` (the latest effective on or before it), if any. */
export function rollInForce(def: IndexDefinition, date: string): Roll | null {
  const rolls = (def.token2?.rolls ?? []).filter((r) => r.effective <= date).sort((a, b) => (a.effective < b.effective ? -1 : 1));
  return rolls[rolls.length - 1] ?? null;
}

/** Link factor k = P_from / P_to: the successor's price times k equals the predecessor's on the roll date. */
export function linkFactor(fromPrice: Dec, toPrice: Dec): Dec {
  if (!toPrice.greaterThan(0)) throw new Error("link factor needs a positive successor price");
  return fromPrice.div(toPrice);
}

/** The model the series prices on `date`: the base model, or the successor of the roll in force. */
export function pricedModel(def: IndexDefinition, date: string): string {
  if (def.product.kind !== "token") throw new Error(`${def.code} is not a token index`);
  return rollInForce(def, date)?.to ?? def.product.follows?.version ?? def.product.models[0]!;
}

/** Per-model 2.x fixing, with the roll rule applied when one is in force. */
export function computeSingle(def: IndexDefinition, observations: readonly Observation[], ctx: FixingContext): FixingDraft {
  const roll = rollInForce(def, ctx.fixingDate);
  const model = pricedModel(def, ctx.fixingDate);
  const price = modelPrice(def, model, observations, ctx.fixingDate, ctx.status);
  if (price.value === null) return fallbackDraft(def, ctx, draftHead(def, ctx, price.exclusions, price.eligible), price.note ?? "insufficient data");
  if (roll === null) return computedDraft(def, ctx, price, price.value, price.note);
  let factor: Dec | null = roll.linkFactor !== undefined ? dec(roll.linkFactor) : null;
  if (factor === null) {
    // On the roll date (or before the factor is published) the predecessor must be priced in the same window.
    const before = modelPrice(def, roll.from, observations, ctx.fixingDate, ctx.status);
    if (before.value === null) {
      return fallbackDraft(def, ctx, draftHead(def, ctx, price.exclusions, price.eligible), `roll ${roll.from} -> ${roll.to}: no link factor published and ${roll.from} not priced in this window`);
    }
    factor = linkFactor(before.value, price.value);
  }
  const note = [`rolled ${roll.from} -> ${roll.to} on ${roll.effective}: value = ${roll.to} price x link factor ${plain(factor)}`, price.note].filter(Boolean).join("; ");
  const draft = computedDraft(def, ctx, price, price.value.times(factor), note);
  return { ...draft, roll: { from: roll.from, to: roll.to, effective: roll.effective, linkFactor: plain(factor) } };
}
