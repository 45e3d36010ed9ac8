// TPD panel preparation: validated rows, log prices, fixed ordering, windows, single-day drops, connectivity.
import { DecimalString, IsoDate } from "../../schemas/decimal.ts";
import { dec } from "../../normalize/money.ts";

/** One price of one constituent series on one day (see tpd.ts for the meaning of each field). */
export interface TpdRow {
  day: string;
  constituent: string;
  price: string;
  weight?: number;
  characteristics?: Readonly<Record<string, number | string>>;
}

/** A validated observation: indices into the sorted day and constituent lists, y = ln price. */
export interface PanelObs {
  day: number;
  cons: number;
  y: number;
  w: number;
}

export interface Panel {
  days: string[];
  constituents: string[];
  /** Sorted by constituent, then day. */
  obs: PanelObs[];
  characteristics: (Readonly<Record<string, number | string>> | undefined)[];
}

/** Bad TPD input: the message names the row and the rule it broke. */
export class TpdInputError extends Error {
  override name = "TpdInputError";
}

const DAY_MS = 86_400_000;

/** The calendar day `n` days after `day` (negative n: before). */
export function shiftDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Rows of the `windowDays` calendar days ending on `endDay` inclusive. */
export function windowRows<R extends TpdRow>(rows: readonly R[], endDay: string, windowDays: number): R[] {
  if (!Number.isInteger(windowDays) || windowDays < 2) throw new TpdInputError(`windowDays must be an integer >= 2, got ${windowDays}`);
  const from = shiftDay(endDay, -(windowDays - 1));
  return rows.filter((r) => r.day >= from && r.day <= endDay);
}

const lnCache = new Map<string, number>();

/** ln(price) computed in decimal (deterministic, unlike Math.log across engines) and read back as float64. */
function lnPrice(price: string): number {
  let v = lnCache.get(price);
  if (v === undefined) {
    v = Number(dec(price).ln().toString());
    if (lnCache.size > 100_000) lnCache.clear();
    lnCache.set(price, v);
  }
  return v;
}

function checkRow(r: TpdRow, i: number): void {
  const where = `row ${i} (${String(r.constituent)} on ${String(r.day)})`;
  if (!IsoDate.safeParse(r.day).success) throw new TpdInputError(`${where}: day must be YYYY-MM-DD`);
  if (typeof r.constituent !== "string" || r.constituent === "") throw new TpdInputError(`${where}: constituent must be a non-empty string`);
  if (!DecimalString.safeParse(r.price).success || !dec(r.price).greaterThan(0)) throw new TpdInputError(`${where}: price must be a positive plain decimal, got ${String(r.price)}`);
  if (r.weight !== undefined && !(Number.isFinite(r.weight) && r.weight > 0)) throw new TpdInputError(`${where}: weight must be a positive finite number, got ${String(r.weight)}`);
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Validate and order the rows; one row per (day, constituent); characteristics constant per constituent. */
export function buildPanel(rows: readonly TpdRow[]): Panel {
  rows.forEach(checkRow);
  const days = [...new Set(rows.map((r) => r.day))].sort(byCode);
  const constituents = [...new Set(rows.map((r) => r.constituent))].sort(byCode);
  const dayIx = new Map(days.map((d, i) => [d, i]));
  const consIx = new Map(constituents.map((c, i) => [c, i]));
  const seen = new Set<string>();
  const characteristics: Panel["characteristics"] = new Array(constituents.length).fill(undefined);
  const charKey = new Array<string | undefined>(constituents.length).fill(undefined);
  const obs: PanelObs[] = [];
  rows.forEach((r, i) => {
    const key = `${r.constituent}\u0000${r.day}`;
    if (seen.has(key)) throw new TpdInputError(`row ${i}: a second price for ${r.constituent} on ${r.day} (aggregate first)`);
    seen.add(key);
    const c = consIx.get(r.constituent)!;
    const ck = r.characteristics === undefined ? "" : JSON.stringify(Object.keys(r.characteristics).sort(byCode).map((k) => [k, r.characteristics![k]]));
    if (charKey[c] !== undefined && charKey[c] !== ck) throw new TpdInputError(`row ${i}: characteristics of ${r.constituent} differ between days`);
    charKey[c] = ck;
    characteristics[c] = r.characteristics;
    obs.push({ day: dayIx.get(r.day)!, cons: c, y: lnPrice(r.price), w: r.weight ?? 1 });
  });
  obs.sort((a, b) => a.cons - b.cons || a.day - b.day);
  return { days, constituents, obs, characteristics };
}

/** Keep only the listed observations and re-index days and constituents (order preserved). */
export function subPanel(panel: Panel, keep: (o: PanelObs) => boolean): Panel {
  const obs = panel.obs.filter(keep);
  const dayOld = [...new Set(obs.map((o) => o.day))].sort((a, b) => a - b);
  const consOld = [...new Set(obs.map((o) => o.cons))].sort((a, b) => a - b);
  const dayNew = new Map(dayOld.map((d, i) => [d, i]));
  const consNew = new Map(consOld.map((c, i) => [c, i]));
  return {
    days: dayOld.map((d) => panel.days[d]!),
    constituents: consOld.map((c) => panel.constituents[c]!),
    obs: obs.map((o) => ({ ...o, day: dayNew.get(o.day)!, cons: consNew.get(o.cons)! })),
    characteristics: consOld.map((c) => panel.characteristics[c]),
  };
}

/** Connected components of the day-constituent graph, as sorted lists of day indices (first-day order). */
export function dayComponents(panel: Panel): number[][] {
  const parent = Array.from({ length: panel.days.length + panel.constituents.length }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const o of panel.obs) {
    const a = find(o.day);
    const b = find(panel.days.length + o.cons);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const groups = new Map<number, number[]>();
  panel.days.forEach((_, d) => {
    const root = find(d);
    groups.set(root, [...(groups.get(root) ?? []), d]);
  });
  return [...groups.values()];
}
