// GPU 2.x panel: seasoning, bounded carry and exit of constituents from one fixing to the next.
import type { PanelConstituent } from "../../schemas/fixing.ts";
import type { Gpu2Rules } from "../../schemas/methodology.ts";
import { dec } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import { displayDecimal } from "../compute.ts";
import { daysBetween } from "../fallback.ts";
import type { Quote } from "./constituents.ts";

/** A constituent after today's update, with what the level and the record need. */
export interface Slot {
  prior: PanelConstituent | null;
  quote: Quote | null;
  status: PanelConstituent["status"];
  freshDays: number;
  firstSeen: string;
  lastSeen: string;
  /** Matched today: a member (or carried member) on the prior fixing with a fresh quote today. */
  matched: boolean;
  /** Became a member today. */
  entering: boolean;
}

export interface PanelStep {
  slots: Slot[];
  /** Members that left today (no fresh quote for more than carryDays). */
  exiting: PanelConstituent[];
}

const isMember = (c: PanelConstituent) => c.status === "member" || c.status === "carried";

/**
 * Today's panel from the prior fixing's panel and today's quotes. A new series seasons: it joins on its
 * seasoningDays-th fixing day with a fresh quote. A member without a fresh quote is carried while its last
 * quote is at most carryDays old, then exits; a seasoning series past carryDays is dropped and starts over.
 */
export function stepPanel(prior: readonly PanelConstituent[], quotes: readonly Quote[], date: string, rules: Pick<Gpu2Rules, "seasoningDays" | "carryDays">): PanelStep {
  const byKey = new Map(quotes.map((q) => [q.key, q]));
  const slots: Slot[] = [];
  const exiting: PanelConstituent[] = [];
  const seen = new Set<string>();
  for (const c of prior) {
    seen.add(c.key);
    const quote = byKey.get(c.key) ?? null;
    if (quote === null) {
      if (daysBetween(c.lastSeen, date) > rules.carryDays) {
        if (isMember(c)) exiting.push(c);
        continue;
      }
      const status = isMember(c) ? "carried" : "seasoning";
      slots.push({ prior: c, quote: null, status, freshDays: c.freshDays, firstSeen: c.firstSeen, lastSeen: c.lastSeen, matched: false, entering: false });
      continue;
    }
    const freshDays = c.freshDays + 1;
    const member = isMember(c) || freshDays >= rules.seasoningDays;
    slots.push({ prior: c, quote, status: member ? "member" : "seasoning", freshDays, firstSeen: c.firstSeen, lastSeen: date, matched: isMember(c), entering: member && !isMember(c) });
  }
  for (const q of quotes) {
    if (seen.has(q.key)) continue;
    const member = rules.seasoningDays <= 1;
    slots.push({ prior: null, quote: q, status: member ? "member" : "seasoning", freshDays: 1, firstSeen: date, lastSeen: date, matched: false, entering: member });
  }
  slots.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  return { slots, exiting };
}

export function keyOf(slot: Slot): string {
  return slot.quote?.key ?? slot.prior!.key;
}

/** The slot's price relative today (quote / prior base), when matched. */
export function relativeOf(slot: Slot): Dec | null {
  return slot.matched && slot.quote && slot.prior ? slot.quote.price.div(dec(slot.prior.base)) : null;
}

/** What today's linking decided for one slot. */
export interface SlotOutcome {
  /** The gate passed and the level was linked today. */
  linked: boolean;
  /** Today's linked relative R of the panel. */
  panelRelative: Dec;
  /** Share in today's relative; null when not in it. */
  weight: Dec | null;
  /** Held out by the one-sided alarm (hold) or rebased after confirmDays; days = consecutive alarms. */
  alarm?: { hold: boolean; days: number };
}

/**
 * The constituent as recorded. On a linked day a matched member's base moves to today's price, and a member
 * without a relative today (carried, or held by the alarm) has its base moved by the panel relative: its price
 * is imputed as having moved with the panel, so on its return its relative spans only its own move and the
 * chain telescopes (ln L_T - ln L_0 = sum of w_i ln(p_iT / p_i0) while the membership is unchanged). On a
 * withheld day every member keeps its base, so the next computed relative spans the withheld days. A series
 * that was not a member before today takes today's price as its base.
 */
export function recordSlot(slot: Slot, outcome: SlotOutcome): PanelConstituent {
  const quote = slot.quote;
  const alarm = outcome.alarm ?? { hold: false, days: 0 };
  const relative = relativeOf(slot);
  const wasMember = slot.prior !== null && isMember(slot.prior);
  let base: string;
  if (slot.prior === null || (!wasMember && quote !== null)) base = displayDecimal(quote!.price);
  else if (!wasMember || !outcome.linked) base = slot.prior.base;
  else if (quote === null || alarm.hold) base = displayDecimal(dec(slot.prior.base).times(outcome.panelRelative));
  else base = displayDecimal(quote.price);
  return {
    key: keyOf(slot),
    provider: quote?.provider ?? slot.prior!.provider,
    voice: slot.prior?.voice ?? quote!.voice,
    dataset: quote?.dataset ?? slot.prior!.dataset,
    status: slot.status,
    freshDays: slot.freshDays,
    firstSeen: slot.firstSeen,
    lastSeen: slot.lastSeen,
    base,
    price: quote ? displayDecimal(quote.price) : null,
    relative: relative && outcome.linked ? displayDecimal(relative) : null,
    weight: outcome.weight ? displayDecimal(outcome.weight) : "0",
    alarmDays: alarm.days,
  };
}
