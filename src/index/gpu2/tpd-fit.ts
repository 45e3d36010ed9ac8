// One TPD window fit: panel checks, model choice (dummies or hedonic), the published decimals (API in tpd.ts).
import { dec, roundTo } from "../../normalize/money.ts";
import type { RoundingMode } from "../../normalize/money.ts";
import { fitDummies, fitHedonic } from "./tpd-models.ts";
import type { HedonicDesign, RawFit } from "./tpd-models.ts";
import { buildPanel, dayComponents, subPanel } from "./tpd-panel.ts";
import type { Panel, TpdRow } from "./tpd-panel.ts";

export type TpdModel = "auto" | "dummies" | "hedonic";

export interface TpdOptions {
  model?: TpdModel;
  /** The day whose time effect is 0 (index 1); default the first day with data. Must hold data. */
  base?: string;
  /** Places of every published number of the fit (path, coefficients, se, R^2). Default 6. */
  decimals?: number;
  mode?: RoundingMode;
  disconnected?: "fail" | "latest_component";
}

export interface TpdPathPoint {
  day: string;
  /** exp(a_t - a_base). */
  index: string;
  logIndex: string;
  se: string | null;
  nObservations: number;
}

export interface TpdEffect {
  term: string;
  coef: string;
  se: string | null;
}

export interface TpdDropped {
  constituent: string;
  reason: "single_day" | "other_component";
}

export interface TpdOk {
  status: "ok";
  model: "dummies" | "hedonic";
  modelNote: string | null;
  from: string;
  to: string;
  base: string;
  path: TpdPathPoint[];
  /** Constituent effects b_i (dummies) or intercept and characteristic effects (hedonic). */
  effects: TpdEffect[];
  nObservations: number;
  nConstituents: number;
  dof: number;
  r2: string | null;
  dropped: TpdDropped[];
  droppedCharacteristics: { name: string; reason: string }[];
  raw: { logIndex: Record<string, number> };
}

export interface TpdUnidentified {
  status: "unidentified";
  reason: "empty" | "disconnected" | "rank_deficient" | "bad_base";
  detail: string;
  /** For "disconnected": each component's days and constituents. */
  components?: { days: string[]; constituents: string[] }[];
  dropped: TpdDropped[];
}

export type TpdFit = TpdOk | TpdUnidentified;

type DesignResult = { ok: true; design: HedonicDesign; dropped: TpdOk["droppedCharacteristics"] } | { ok: false; why: string };

/** Hedonic columns from the constituents' characteristics, or why they cannot be used. */
export function hedonicDesign(panel: Panel): DesignResult {
  const chars = panel.characteristics;
  const missing = chars.findIndex((c) => c === undefined || Object.keys(c).length === 0);
  if (missing >= 0) return { ok: false, why: `${panel.constituents[missing]} has no characteristics` };
  const names = [...new Set(chars.flatMap((c) => Object.keys(c!)))].sort();
  const design: HedonicDesign = { names: [], values: chars.map(() => []) };
  const dropped: TpdOk["droppedCharacteristics"] = [];
  for (const name of names) {
    const vals = chars.map((c) => c![name]);
    const absent = vals.findIndex((v) => v === undefined);
    if (absent >= 0) return { ok: false, why: `${panel.constituents[absent]} has no ${name}` };
    if (vals.every((v) => typeof v === "number" && Number.isFinite(v))) {
      if (new Set(vals).size === 1) dropped.push({ name, reason: "constant over the window" });
      else {
        design.names.push(name);
        vals.forEach((v, i) => design.values[i]!.push(v as number));
      }
    } else if (vals.every((v) => typeof v === "string")) {
      const levels = [...new Set(vals as string[])].sort();
      if (levels.length === 1) dropped.push({ name, reason: "constant over the window" });
      for (const level of levels.slice(1)) {
        design.names.push(`${name}=${level}`);
        vals.forEach((v, i) => design.values[i]!.push(v === level ? 1 : 0));
      }
    } else return { ok: false, why: `${name} mixes numbers and text (or is not finite)` };
  }
  if (design.names.length === 0) return { ok: false, why: "no characteristic varies across constituents" };
  return { ok: true, design, dropped };
}

function dropSingleDay(panel: Panel): { panel: Panel; dropped: TpdDropped[] } {
  const count = new Array<number>(panel.constituents.length).fill(0);
  for (const o of panel.obs) count[o.cons]!++;
  const dropped = panel.constituents.filter((_, c) => count[c] === 1).map((constituent) => ({ constituent, reason: "single_day" as const }));
  return { panel: dropped.length === 0 ? panel : subPanel(panel, (o) => count[o.cons]! > 1), dropped };
}

function connect(panel: Panel, policy: TpdOptions["disconnected"]): { panel: Panel; dropped: TpdDropped[] } | TpdUnidentified {
  const comps = dayComponents(panel);
  if (comps.length <= 1) return { panel, dropped: [] };
  const inComp = (days: number[]) => new Set(panel.obs.filter((o) => days.includes(o.day)).map((o) => o.cons));
  if (policy !== "latest_component") {
    const components = comps.map((days) => ({ days: days.map((d) => panel.days[d]!), constituents: [...inComp(days)].map((c) => panel.constituents[c]!) }));
    return { status: "unidentified", reason: "disconnected", detail: `${comps.length} unconnected groups of days and constituents`, components, dropped: [] };
  }
  const last = comps.find((days) => days.includes(panel.days.length - 1))!;
  const keep = inComp(last);
  const dropped = panel.constituents.filter((_, c) => !keep.has(c)).map((constituent) => ({ constituent, reason: "other_component" as const }));
  return { panel: subPanel(panel, (o) => keep.has(o.cons)), dropped };
}

/** Fit one window. See the top of this file for the model, the rules and the output. */
export function fitTpd(rows: readonly TpdRow[], options: TpdOptions = {}): TpdFit {
  const model = options.model ?? "auto";
  let panel = buildPanel(rows);
  const dropped: TpdDropped[] = [];
  let design: DesignResult = { ok: false, why: "dummies requested" };
  if (model !== "dummies") design = hedonicDesign(panel);
  if (model === "hedonic" && !design.ok) return { status: "unidentified", reason: "rank_deficient", detail: design.why, dropped };
  const useHedonic = design.ok;
  if (!useHedonic) {
    const single = dropSingleDay(panel);
    dropped.push(...single.dropped);
    const connected = connect(single.panel, options.disconnected);
    if ("status" in connected) return { ...connected, dropped: [...dropped, ...connected.dropped] };
    dropped.push(...connected.dropped);
    panel = connected.panel;
  }
  if (panel.obs.length === 0) return { status: "unidentified", reason: "empty", detail: "no observation carries information", dropped };
  const baseDay = options.base ?? panel.days[0]!;
  const base = panel.days.indexOf(baseDay);
  if (base < 0) return { status: "unidentified", reason: "bad_base", detail: `base day ${baseDay} has no usable observation`, dropped };
  const result = design.ok ? fitHedonic(panel, base, design.design) : fitDummies(panel, base);
  if (!result.ok) {
    if (model === "auto" && design.ok) {
      const fallback = fitTpd(rows, { ...options, model: "dummies" });
      return fallback.status === "ok" ? { ...fallback, modelNote: `hedonic terms do not identify (${result.term}); constituent dummies` } : fallback;
    }
    return { status: "unidentified", reason: "rank_deficient", detail: `${result.term} is a linear combination of other terms`, dropped };
  }
  const anyChars = panel.characteristics.some((c) => c !== undefined);
  const note = model === "auto" && !design.ok && anyChars ? design.why : null;
  return publish(panel, baseDay, result.fit, { model: design.ok ? "hedonic" : "dummies", note, dropped, droppedChars: design.ok ? design.dropped : [] }, options);
}

interface FitMeta {
  model: TpdOk["model"];
  note: string | null;
  dropped: TpdDropped[];
  droppedChars: TpdOk["droppedCharacteristics"];
}

/** "-0.000000" (a tiny negative rounded away) reads as "0.000000". */
const noNegativeZero = (s: string) => (/^-0(\.0*)?$/.test(s) ? s.slice(1) : s);

function publish(panel: Panel, base: string, fit: RawFit, meta: FitMeta, options: TpdOptions): TpdOk {
  const places = options.decimals ?? 6;
  const mode = options.mode ?? "half_even";
  const r = (x: number) => noNegativeZero(roundTo(dec(x), places, mode));
  const rn = (x: number | null) => (x === null || !Number.isFinite(x) ? null : r(x));
  const perDay = new Array<number>(panel.days.length).fill(0);
  for (const o of panel.obs) perDay[o.day]!++;
  return {
    status: "ok",
    model: meta.model,
    modelNote: meta.note,
    from: panel.days[0]!,
    to: panel.days[panel.days.length - 1]!,
    base,
    path: panel.days.map((day, d) => ({
      day,
      index: roundTo(dec(fit.logIndex[d]!).exp(), places, mode),
      logIndex: r(fit.logIndex[d]!),
      se: rn(fit.seLog[d]!),
      nObservations: perDay[d]!,
    })),
    effects: fit.effects.map((e) => ({ term: e.term, coef: r(e.coef), se: rn(e.se) })),
    nObservations: panel.obs.length,
    nConstituents: panel.constituents.length,
    dof: fit.dof,
    r2: fit.sst > 0 ? r(1 - fit.ssr / fit.sst) : null,
    dropped: meta.dropped,
    droppedCharacteristics: meta.droppedChars,
    raw: { logIndex: Object.fromEntries(panel.days.map((day, d) => [day, fit.logIndex[d]!])) },
  };
}
