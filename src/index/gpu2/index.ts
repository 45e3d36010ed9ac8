// GPU indices under methodology 2.x (issue 12): a chained matched-panel level over constituent series, one voice per parent.
import type { Exclusion, Fixing, FixingDraft, FixingInput, Panel } from "../../schemas/fixing.ts";
import type { Gpu2Rules, IndexDefinition } from "../../schemas/methodology.ts";
import type { Observation } from "../../schemas/observation.ts";
import { dec, roundTo } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import type { FixingContext } from "../compute.ts";
import { displayDecimal } from "../compute.ts";
import { selectEligible } from "../eligibility.ts";
import { weightedMedian } from "../estimators.ts";
import { daysBetween, fallbackOutcome } from "../fallback.ts";
import { distribution } from "../quantile.ts";
import { fixingSchedule } from "../schedule.ts";
import { weakestTier } from "../tiers.ts";
import { applyBasis, windowQuotes } from "./constituents.ts";
import { companionLevel } from "./companion.ts";
import { gpu2InputsDigest } from "./digest.ts";
import { checkGates } from "./gates.ts";
import { linkRelative } from "./link.ts";
import { keyOf, recordSlot, relativeOf, stepPanel } from "./panel.ts";
import type { Slot } from "./panel.ts";
import { relativeAlarms, screenLog } from "./screen.ts";
import { voiceShares } from "./weights.ts";

/** 1.x-shaped definitions evaluated under 2.x (tests, tools) get these rules; published definitions carry their own. */
export const DEFAULT_GPU2_RULES: Gpu2Rules = {
  basis: { unit: "gpu", description: "one separable GPU-hour" },
  seasoningDays: 3,
  carryDays: 3,
  restartAfterDays: 30,
  caps: { parent: 0.34, dataset: 0.5 },
  link: "geometric_mean",
  screen: { k: 3.5, minLogSpread: 0.25 },
  alarm: { logThreshold: 0.2, minCorroborating: 2, confirmDays: 3 },
  gates: { minConstituents: 4, minDatasets: 1, minParents: 4, maxLogMad: 0.75 },
  provenance: "defaults for definitions without gpu2 rules",
};

export function gpu2Rules(def: IndexDefinition): Gpu2Rules {
  return def.gpu2 ?? DEFAULT_GPU2_RULES;
}

/** The most recent prior fixing with a panel, unless it is more than restartAfterDays old (the chain restarts). */
export function priorPanel(history: readonly Fixing[], date: string, restartAfterDays: number): (Fixing & { panel: Panel }) | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const f = history[i]!;
    if (f.fixingDate >= date || f.panel === undefined) continue;
    return daysBetween(f.fixingDate, date) <= restartAfterDays ? (f as Fixing & { panel: Panel }) : null;
  }
  return null;
}

function ratio(a: Dec, b: Dec): string {
  return roundTo(a.div(b).minus(1), 8, "half_even");
}

function estimatorText(rules: Gpu2Rules): string {
  const mean = rules.link === "geometric_mean" ? "weighted geometric mean" : "weighted median";
  return `chained matched panel: ${mean} of price relatives, one voice per parent`;
}

export function computeGpu2(def: IndexDefinition, observations: readonly Observation[], ctx: FixingContext & { history?: readonly Fixing[] }): FixingDraft {
  const rules = gpu2Rules(def);
  const schedule = fixingSchedule(def, ctx.fixingDate);
  const { eligible, exclusions } = selectEligible(def, observations, schedule, ctx.status);
  const basis = applyBasis(rules.basis, eligible);
  exclusions.push(...basis.exclusions);
  const quotes = windowQuotes(basis.kept);
  const screened = screenLog(quotes, voiceShares(quotes, rules.caps), rules.screen);
  for (const { item, reason } of screened.excluded) for (const id of item.observationIds) exclusions.push({ observationId: id, provider: item.provider, reason });
  const prior = priorPanel(ctx.history ?? [], ctx.fixingDate, rules.restartAfterDays);
  const step = stepPanel(prior?.panel.constituents ?? [], screened.kept, ctx.fixingDate, rules);

  const present = step.slots.filter((s) => s.quote !== null && s.status === "member");
  const presentQuotes = present.map((s) => s.quote!);
  const presentShares = voiceShares(presentQuotes, rules.caps);
  const gate = checkGates(presentQuotes, presentShares, rules.gates);
  // Entries take effect on a linked fixing only: a series joining on a withheld day would take a base dated
  // after the level it is later linked from, so it stays seasoning (and tries again) until a fixing links.
  if (!gate.passed) {
    for (const slot of step.slots) {
      if (!slot.entering) continue;
      slot.status = "seasoning";
      slot.entering = false;
    }
  }
  const unlinked = present.length > 0 ? weightedMedian(presentQuotes.map((q) => q.price), presentShares) : null;

  const candidates = step.slots.filter((s) => relativeOf(s) !== null);
  const alarms = relativeAlarms(
    candidates.map((s) => ({ key: keyOf(s), voice: s.quote!.voice, relative: relativeOf(s)!, held: (s.prior?.alarmDays ?? 0) > 0 })),
    voiceShares(candidates.map((s) => s.quote!), rules.caps),
    rules.alarm,
  );
  const alarmState = new Map<string, { hold: boolean; days: number }>();
  const anomalies: Panel["anomalies"] = alarms.map((a) => {
    const slot = candidates.find((s) => keyOf(s) === a.key)!;
    const days = (slot.prior?.alarmDays ?? 0) + 1;
    const rebased = days >= rules.alarm.confirmDays;
    alarmState.set(a.key, { hold: !rebased, days: rebased ? 0 : days });
    return { ...a, action: rebased ? "rebased" : "held" };
  });
  // Weights rest on the prior membership (members and carried members still in the panel), so a day's absence
  // does not reweight the others: a member without a relative today is imputed at the panel relative.
  const weighting = step.slots.filter((s) => s.prior !== null && (s.prior.status === "member" || s.prior.status === "carried"));
  const weightingShares = voiceShares(weighting.map((s) => ({ voice: s.prior!.voice, dataset: s.prior!.dataset })), rules.caps);
  const shareOf = new Map<Slot, Dec>(weighting.map((s, k) => [s, weightingShares[k]!]));
  const matched = candidates.filter((s) => !alarmState.has(keyOf(s)));
  const matchedShares = matched.map((s) => shareOf.get(s)!);
  const relatives = matched.map((s) => relativeOf(s)!);
  const relative = linkRelative(rules.link, relatives, matchedShares);

  const priorLevel = prior?.panel.level ? dec(prior.panel.level) : null;
  const linked = gate.passed;
  const level = !linked ? priorLevel : priorLevel !== null ? priorLevel.times(relative) : unlinked;
  const levelText = level === null ? null : displayDecimal(level);
  const matchedTotal = matchedShares.reduce((a, b) => a.plus(b), dec(0));
  const weights = new Map<Slot, Dec>(matched.map((s, k) => [s, matchedShares[k]!.div(matchedTotal)]));
  const panel: Panel = {
    link: rules.link,
    level: levelText,
    levelSince: level === null ? null : priorLevel !== null ? (prior!.panel.levelSince ?? ctx.fixingDate) : ctx.fixingDate,
    unlinked: linked && unlinked !== null ? displayDecimal(unlinked) : (prior?.panel.unlinked ?? null),
    constituents: step.slots.map((s) => recordSlot(s, { linked, panelRelative: relative, weight: linked ? (weights.get(s) ?? null) : null, alarm: alarmState.get(keyOf(s)) })),
    decomposition: null,
    gate,
    anomalies,
  };
  if (linked && priorLevel !== null && levelText !== null) {
    const priorUnlinked = prior!.panel.unlinked ? dec(prior!.panel.unlinked) : null;
    const unlinkedMove = unlinked !== null && priorUnlinked !== null ? unlinked.div(priorUnlinked) : null;
    panel.decomposition = {
      previousLevel: prior!.panel.level!,
      levelMove: ratio(dec(levelText), priorLevel),
      priceEffect: roundTo(relative.minus(1), 8, "half_even"),
      compositionEffect: unlinkedMove === null ? null : ratio(unlinkedMove, relative),
      unlinkedMove: unlinkedMove === null ? null : roundTo(unlinkedMove.minus(1), 8, "half_even"),
      matched: matched.length,
      entering: step.slots.filter((s) => s.entering).map(keyOf),
      exiting: step.exiting.map((c) => c.key),
    };
  }

  const tpd = rules.companion ? { tpd: companionLevel({ companion: rules.companion, caps: rules.caps }, ctx.fixingDate, panel, ctx.history ?? [], { linked: linked && levelText !== null, level: levelText }) } : {};
  const head = {
    indexCode: def.code,
    fixingDate: ctx.fixingDate,
    fixingTime: schedule.fixingTime,
    methodologyVersion: ctx.methodologyVersion,
    unit: def.unit,
    currency: def.currency,
    estimator: estimatorText(rules),
    exclusions: sortExclusions(exclusions),
    inputsDigest: gpu2InputsDigest(eligible),
  };
  if (!linked || level === null) {
    const outcome = fallbackOutcome(def, ctx.fixingDate, ctx.prior, `withheld: ${gate.reason ?? "no level"}`);
    return { ...head, status: "fallback", value: outcome.value, observationCount: 0, providerCount: 0, volume: null, distribution: null, inputTier: outcome.inputTier, inputs: [], note: outcome.note, panel, ...tpd };
  }
  const inputs: FixingInput[] = presentQuotes.map((q, k) => ({ observationIds: q.observationIds, provider: q.provider, price: displayDecimal(q.price), weight: displayDecimal(presentShares[k]!) }));
  const note = priorLevel === null ? `initial level: voice-weighted median of ${present.length} seasoned constituents` : matched.length === 0 ? "no matched constituents: level carried unchanged" : null;
  return {
    ...head,
    status: ctx.status,
    value: roundTo(level, def.rounding.decimals, def.rounding.mode),
    observationCount: presentQuotes.reduce((n, q) => n + q.observationIds.length, 0),
    providerCount: new Set(presentQuotes.map((q) => q.voice)).size,
    volume: null,
    distribution: distribution(presentQuotes.map((q) => q.price), def.rounding),
    inputTier: weakestTier(presentQuotes.map((q) => q.tier)),
    inputs,
    note,
    panel,
    ...tpd,
  };
}

function sortExclusions(exclusions: Exclusion[]): Exclusion[] {
  return exclusions.sort((a, b) => (a.observationId ?? 0) - (b.observationId ?? 0) || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}

/** Days of prior fixings the 2.x calculation reads: its panel is carried by the latest, the chain restarts beyond. */
export function gpu2HistoryDays(def: IndexDefinition): number {
  return gpu2Rules(def).restartAfterDays;
}
