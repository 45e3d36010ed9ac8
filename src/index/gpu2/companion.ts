// GPU 2.x quality-adjusted companion: a rolling-window time-product-dummy level over the panel's published quotes.
import type { Fixing, Panel, TpdCompanion } from "../../schemas/fixing.ts";
import type { Gpu2Rules } from "../../schemas/methodology.ts";
import { dec, roundTo } from "../../normalize/money.ts";
import { displayDecimal } from "../compute.ts";
import { daysBetween } from "../fallback.ts";
import { fitTpd, spliceLevel, windowRows } from "./tpd.ts";
import type { TpdRow } from "./tpd.ts";
import { voiceShares } from "./weights.ts";

type Companion = NonNullable<Gpu2Rules["companion"]>;

/** One row per constituent quoted in a panel (seasoning ones too: a TPD needs no seasoning), weighted by voice. */
export function panelRows(date: string, panel: Pick<Panel, "constituents">, caps: Gpu2Rules["caps"]): TpdRow[] {
  const quoted = panel.constituents.filter((c) => c.price !== null);
  const shares = voiceShares(quoted, caps);
  return quoted.map((c, k) => ({ day: date, constituent: c.key, price: c.price!, weight: Number(shares[k]!.toFixed(12)) }));
}

/**
 * Today's companion. Rows: the quotes of the prior fixings' panels inside the window and today's. The first
 * value equals the headline level of that day (so both series start together); later days fit the window by
 * weighted least squares on constituent dummies and splice onto the companion levels already published. On a
 * day the headline gates withhold, or the window does not identify today, the prior companion level is kept.
 */
export function companionLevel(rules: { companion: Companion; caps: Gpu2Rules["caps"] }, date: string, today: Pick<Panel, "constituents">, history: readonly Fixing[], headline: { linked: boolean; level: string | null }): TpdCompanion {
  const { windowDays, splice } = rules.companion;
  const inWindow = history.filter((f) => f.fixingDate < date && daysBetween(f.fixingDate, date) < windowDays && f.panel !== undefined);
  const prior = [...history].reverse().find((f) => f.fixingDate < date && f.tpd?.level);
  const carried = (reason: string): TpdCompanion => ({ level: prior?.tpd?.level ?? null, status: "carried", reason, linkDays: [], fit: null });
  if (!headline.linked) return carried("headline withheld");
  if (!prior || daysBetween(prior.fixingDate, date) >= windowDays) {
    return { level: headline.level, status: "base", reason: null, linkDays: [], fit: null };
  }
  const rows = [...inWindow.flatMap((f) => panelRows(f.fixingDate, f.panel!, rules.caps)), ...panelRows(date, today, rules.caps)];
  const fit = fitTpd(windowRows(rows, date, windowDays), { model: "dummies", disconnected: "latest_component", decimals: 6 });
  if (fit.status !== "ok") return carried(`${fit.reason}: ${fit.detail}`);
  const published = new Map(inWindow.filter((f) => f.tpd?.level && f.tpd.status !== "carried").map((f) => [f.fixingDate, f.tpd!.level!]));
  const spliced = spliceLevel(fit, date, published, splice, { decimals: 10, mode: "half_even" });
  const summary = { model: fit.model, from: fit.from, to: fit.to, nObservations: fit.nObservations, nConstituents: fit.nConstituents, r2: fit.r2, timeEffect: fit.path.find((p) => p.day === date)?.logIndex ?? null, effects: fit.effects };
  if (!spliced.ok) return { ...carried(spliced.reason), fit: summary };
  return { level: displayDecimal(dec(spliced.level)), status: "spliced", reason: null, linkDays: spliced.linkDays, fit: summary };
}

/** The companion value as published beside the headline (the index's rounding). */
export function companionValue(level: string | null, rounding: { decimals: number; mode: "half_even" | "half_up" }): string | null {
  return level === null ? null : roundTo(dec(level), rounding.decimals, rounding.mode);
}
