// GPU 2.x weights: equal per voice (parent company), split equally inside the voice, then a cap per source dataset.
import type { Gpu2Rules } from "../../schemas/methodology.ts";
import { D, dec } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import { sum } from "../stats.ts";
import { capWeights } from "../weights.ts";

export interface Weighable {
  voice: string;
  dataset: string;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/**
 * Shares summing to 1. Every voice carries 1/V (so the parent cap holds once V >= 1/cap, which the gate
 * requires) and a voice's share is split equally among its constituents. Then no source dataset may carry
 * more than max(cap, 1/n) with n datasets present: an over-cap dataset is scaled down to the cap, the others
 * up in proportion (the iterative cap of src/index/weights.ts on dataset totals), each inside unchanged.
 */
export function voiceShares(items: readonly Weighable[], caps: Gpu2Rules["caps"]): Dec[] {
  if (items.length === 0) return [];
  const perVoice = countBy(items, (i) => i.voice);
  const raw = items.map((i) => dec(1).div(perVoice.size).div(perVoice.get(i.voice)!));
  const datasets = [...new Set(items.map((i) => i.dataset))].sort();
  if (datasets.length < 2) return raw;
  const totals = datasets.map((d) => sum(raw.filter((_, k) => items[k]!.dataset === d)));
  const cap = Math.max(caps.dataset, 1 / datasets.length);
  const capped = capWeights(totals, cap);
  const cappedSum = sum(capped);
  const factor = new Map(datasets.map((d, k) => [d, capped[k]!.div(cappedSum).div(totals[k]!)]));
  return raw.map((w, k) => w.times(factor.get(items[k]!.dataset)!));
}

/** Largest share any one key (voice or dataset) carries. */
export function largestShare(items: readonly Weighable[], shares: readonly Dec[], key: (i: Weighable) => string): Dec {
  const totals = new Map<string, Dec>();
  items.forEach((i, k) => totals.set(key(i), (totals.get(key(i)) ?? dec(0)).plus(shares[k]!)));
  return [...totals.values()].reduce((a, b) => D.max(a, b), dec(0));
}
