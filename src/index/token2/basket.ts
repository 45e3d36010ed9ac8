// Token 2.x baskets: fixed-weight constituents (weights fixed between reconstitutions), linked at reconstitution.
import type { FixingDraft, FixingInput } from "../../schemas/fixing.ts";
import type { IndexDefinition, Reconstitution } from "../../schemas/methodology.ts";
import type { Observation } from "../../schemas/observation.ts";
import type { z } from "zod";
import { dec, plain, roundTo } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import { defaultTokenizerTable } from "../../normalize/models/tokenizers.ts";
import type { TokenizerTable } from "../../normalize/models/token-ratios.ts";
import type { FixingContext } from "../compute.ts";
import { displayDecimal } from "../compute.ts";
import { daysBetween } from "../fallback.ts";
import { sum } from "../stats.ts";
import { weakestTier } from "../tiers.ts";
import { cnExchangeDay } from "./calendar.ts";
import { draftHead, fallbackDraft, imputedShare, modelPrice } from "./single.ts";
import type { ModelPrice } from "./single.ts";
import { weightedDistribution } from "./wquantile.ts";

type Recon = z.infer<typeof Reconstitution>;

export function reconstitutionInForce(def: IndexDefinition, date: string): Recon | null {
  const list = (def.token2?.basket?.reconstitutions ?? []).filter((r) => r.effective <= date).sort((a, b) => (a.effective < b.effective ? -1 : 1));
  return list[list.length - 1] ?? null;
}

export interface ConstituentPrice {
  model: string;
  share: Dec;
  basePrice: Dec;
  price: Dec;
  status: "computed" | "carried" | "base";
  computed: ModelPrice;
}

/**
 * Linked value = linkValue x sum(w_i p_i) / sum(w_i b_i): w fixed shares, b the base prices of the
 * reconstitution. On a reconstitution date the new linkValue equals the old formula's value: no jump.
 */
export function linkedValue(recon: Recon, prices: ReadonlyMap<string, Dec>): { value: Dec; unlinked: Dec } {
  const shares = recon.constituents.map((c) => dec(c.weight));
  const total = sum(shares);
  const unlinked = sum(recon.constituents.map((c, i) => shares[i]!.times(prices.get(c.model) ?? dec(c.basePrice)))).div(total);
  const baseCost = sum(recon.constituents.map((c, i) => shares[i]!.times(c.basePrice))).div(total);
  return { value: dec(recon.linkValue).times(unlinked).div(baseCost), unlinked };
}

function carriedPrice(ctx: FixingContext, def: IndexDefinition, recon: Recon, model: string): Dec | null {
  const prior = ctx.prior?.basket;
  if (!ctx.prior || !prior || prior.reconstitution !== recon.effective) return null;
  if (daysBetween(ctx.prior.fixingDate, ctx.fixingDate) > def.fallback.carryPriorMaxDays) return null;
  const seen = prior.constituents.find((c) => c.model === model && c.price !== null);
  return seen?.price ? dec(seen.price) : null;
}

/** Per 1M reference characters: the linked value x the price-weighted tokens per character of the constituents. */
function perChars(def: IndexDefinition, recon: Recon, parts: ConstituentPrice[], value: Dec, table: TokenizerTable): FixingDraft["perMillionChars"] {
  const at = (mix: "en" | "zh" | "mixed"): string | null => {
    let weighted = dec(0);
    let cost = dec(0);
    for (const p of parts) {
      const entry = table.tokenizers[recon.constituents.find((c) => c.model === p.model)!.tokenizer];
      const ratio = entry ? (mix === "mixed" ? entry.mixed : entry[mix]) : null;
      if (!ratio) return null;
      weighted = weighted.plus(p.share.times(p.price).times(ratio.tokensPerMillionChars));
      cost = cost.plus(p.share.times(p.price));
    }
    return roundTo(value.times(weighted).div(cost).div(1_000_000), def.rounding.decimals, def.rounding.mode);
  };
  const measured = recon.constituents.every((c) => table.tokenizers[c.tokenizer]?.measured === true);
  const out = { tokenizer: "basket", measured, en: at("en"), zh: at("zh"), mixed: at("mixed") };
  // As for a single model: null when no constituent mix has a ratio (a family without one makes the mix unknown).
  return out.en === null && out.zh === null && out.mixed === null ? null : out;
}

export function computeBasket(def: IndexDefinition, observations: readonly Observation[], ctx: FixingContext, table: TokenizerTable = defaultTokenizerTable): FixingDraft {
  const basket = def.token2!.basket!;
  const recon = reconstitutionInForce(def, ctx.fixingDate);
  const head = draftHead(def, ctx, [], []);
  if (basket.calendar === "cn-exchange") {
    const day = cnExchangeDay(ctx.fixingDate);
    if (!day.open) return { ...fallbackDraft(def, { ...ctx, prior: null }, head, day.reason!), note: `no fixing: ${day.reason}` };
  }
  if (recon === null) return fallbackDraft(def, { ...ctx, prior: null }, head, `before the basket's first reconstitution`);
  const member: IndexDefinition = { ...def, sufficiency: { minProviders: basket.constituentMinProviders, minObservations: basket.constituentMinProviders } };
  const total = sum(recon.constituents.map((c) => dec(c.weight)));
  const parts: ConstituentPrice[] = recon.constituents.map((c) => {
    const computed = modelPrice(member, c.model, observations, ctx.fixingDate, ctx.status);
    const carried = computed.value === null ? carriedPrice(ctx, def, recon, c.model) : null;
    const status = computed.value !== null ? "computed" : carried !== null ? "carried" : "base";
    return { model: c.model, share: dec(c.weight).div(total), basePrice: dec(c.basePrice), price: computed.value ?? carried ?? dec(c.basePrice), status, computed };
  });
  const exclusions = parts.flatMap((p) => p.computed.exclusions);
  const eligible = parts.flatMap((p) => p.computed.eligible);
  const full = draftHead(def, ctx, exclusions, eligible);
  if (parts.every((p) => p.status === "base")) return fallbackDraft(def, ctx, full, "no constituent priced in this window");
  const { value, unlinked } = linkedValue(recon, new Map(parts.map((p) => [p.model, p.price])));
  const priced = parts.filter((p) => p.status === "computed");
  const inputs: FixingInput[] = priced.flatMap((p) =>
    p.computed.providers.map((pp, i) => ({ observationIds: pp.observationIds, provider: `${pp.provider} (${p.model})`, price: displayDecimal(pp.price), weight: displayDecimal(p.share.times(p.computed.shares[i]!)) })),
  );
  const fallbackShare = sum(parts.filter((p) => p.status !== "computed").map((p) => p.share));
  const shadow = def.shadow !== undefined && ctx.fixingDate < def.shadow.until;
  const notes = parts.filter((p) => p.status !== "computed").map((p) => `${p.model} ${p.status === "carried" ? "carried from the prior fixing" : "at its base price"} (${p.computed.note ?? "not priced"})`);
  const observationCount = priced.reduce((n, p) => n + p.computed.providers.reduce((m, pp) => m + pp.observationIds.length, 0), 0);
  return {
    ...full,
    status: ctx.status,
    value: roundTo(value, def.rounding.decimals, def.rounding.mode),
    observationCount,
    providerCount: new Set(priced.flatMap((p) => p.computed.providers.map((pp) => pp.provider))).size,
    volume: null,
    distribution: weightedDistribution(priced.flatMap((p) => p.computed.providers.map((pp) => pp.price)), priced.flatMap((p) => p.computed.shares.map((s) => s.times(p.share))), def.rounding),
    inputTier: weakestTier(priced.flatMap((p) => p.computed.providers.map((pp) => pp.tier))),
    inputs,
    note: notes.length > 0 ? notes.join("; ") : null,
    perMillionChars: perChars(def, recon, parts, value, table),
    diagnostics: {
      volumeCoverageShare: displayDecimal(sum(priced.map((p) => p.share.times(p.computed.coverage)))),
      imputedShare: displayDecimal(sum(priced.map((p) => p.share.times(imputedShare(p.computed))))),
      fallbackShare: displayDecimal(fallbackShare),
      weightBasis: "fixed_basket",
      qualityFlag: shadow ? "shadow" : fallbackShare.greaterThan(0) ? "carried" : "ok",
    },
    basket: {
      level: roundTo(value.times(100).div(basket.inceptionValue), def.rounding.decimals, def.rounding.mode),
      reconstitution: recon.effective,
      unlinkedValue: roundTo(unlinked, def.rounding.decimals, def.rounding.mode),
      constituents: parts.map((p) => ({
        model: p.model,
        weight: displayDecimal(p.share),
        price: p.status === "base" ? null : roundTo(p.price, def.rounding.decimals, def.rounding.mode),
        basePrice: plain(p.basePrice),
        providers: p.computed.providers.length,
        status: p.status,
      })),
    },
  };
}
