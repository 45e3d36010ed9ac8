// Carrying the TPD companion's level from day to day: a splice of each day's window fit onto published levels.
//
// movement: level_T = level_prev x exp(a_T - a_prev), prev = the last published day before T in today's window path.
// window:   level_T = level_first x exp(a_T - a_first), first = the first published day of today's window path.
// mean:     level_T = geometric mean over every earlier day t of today's window path that has a published level
//           of level_t x exp(a_T - a_t) (the mean splice of the ABS and ONS: least sensitive to one window).
// Levels are decimal strings; exp and ln in decimal; the result is rounded once, by the given rounding.
import { dec, roundTo } from "../../normalize/money.ts";
import type { RoundingMode } from "../../normalize/money.ts";
import { fitTpd } from "./tpd-fit.ts";
import type { TpdFit, TpdOk, TpdOptions } from "./tpd-fit.ts";
import { windowRows } from "./tpd-panel.ts";
import type { TpdRow } from "./tpd-panel.ts";

export type SpliceMethod = "movement" | "window" | "mean";

export type SpliceResult = { ok: true; level: string; linkDays: string[] } | { ok: false; reason: string };

export interface Rounding {
  decimals: number;
  mode: RoundingMode;
}

/** Today's level from today's window fit and the levels already published (day -> level). */
export function spliceLevel(fit: TpdOk, today: string, published: ReadonlyMap<string, string>, method: SpliceMethod, rounding: Rounding): SpliceResult {
  const aToday = fit.raw.logIndex[today];
  if (aToday === undefined) return { ok: false, reason: `${today} is not identified in the window ${fit.from}..${fit.to}` };
  const earlier = fit.path.map((p) => p.day).filter((d) => d < today);
  if (earlier.length === 0) return { ok: false, reason: `no earlier day in the window ${fit.from}..${fit.to}` };
  const publishedEarlier = earlier.filter((d) => published.has(d));
  const links = method === "movement" ? publishedEarlier.slice(-1) : method === "window" ? publishedEarlier.slice(0, 1) : publishedEarlier;
  if (links.length === 0) return { ok: false, reason: `no published level on ${earlier.join(", ")} to link to` };
  const round = (v: ReturnType<typeof dec>) => roundTo(v, rounding.decimals, rounding.mode);
  if (method !== "mean") {
    const d = links[0]!;
    return { ok: true, level: round(dec(published.get(d)!).times(dec(aToday - fit.raw.logIndex[d]!).exp())), linkDays: [d] };
  }
  let lnSum = dec(0);
  for (const d of links) lnSum = lnSum.plus(dec(published.get(d)!).ln()).plus(dec(aToday - fit.raw.logIndex[d]!));
  return { ok: true, level: round(lnSum.div(links.length).exp()), linkDays: links };
}

export interface RollingOptions extends TpdOptions {
  /** Calendar days per window, today included (>= 2). */
  windowDays: number;
  splice: SpliceMethod;
  /** Level of the first day; default "100". */
  baseLevel?: string;
  rounding: Rounding;
  /** Only publish from this day on (earlier rows still feed the windows); default the first day. */
  from?: string;
}

export interface RollingPoint {
  day: string;
  level: string;
  status: "base" | "spliced" | "carried";
  /** Why the level was carried (unidentified window, no link). */
  reason: string | null;
  linkDays: string[];
  fit: TpdFit;
}

/**
 * The companion series over every day that has rows: the first day is `baseLevel`; each later day fits the
 * window ending on it and splices onto the levels published so far. When a day cannot be spliced, the
 * previous level is carried and the reason kept (never a silent jump).
 */
export function rollingTpd(rows: readonly TpdRow[], options: RollingOptions): RollingPoint[] {
  const days = [...new Set(rows.map((r) => r.day))].sort().filter((d) => options.from === undefined || d >= options.from);
  const published = new Map<string, string>();
  const out: RollingPoint[] = [];
  for (const day of days) {
    const fit = fitTpd(windowRows(rows, day, options.windowDays), { ...options, base: undefined });
    if (out.length === 0) {
      const level = roundTo(dec(options.baseLevel ?? "100"), options.rounding.decimals, options.rounding.mode);
      out.push({ day, level, status: "base", reason: null, linkDays: [], fit });
    } else if (fit.status !== "ok") {
      out.push({ day, level: out[out.length - 1]!.level, status: "carried", reason: `${fit.reason}: ${fit.detail}`, linkDays: [], fit });
    } else {
      const s = spliceLevel(fit, day, published, options.splice, options.rounding);
      if (s.ok) out.push({ day, level: s.level, status: "spliced", reason: null, linkDays: s.linkDays, fit });
      else out.push({ day, level: out[out.length - 1]!.level, status: "carried", reason: s.reason, linkDays: [], fit });
    }
    published.set(day, out[out.length - 1]!.level);
  }
  return out;
}
