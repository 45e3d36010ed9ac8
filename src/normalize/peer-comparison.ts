// Side-by-side comparison of our fixings with a peer publisher's daily index values (pure: text and points in, figures out).
import { csvRecords } from "../sources/csv.ts";
import { dec, plain, roundTo } from "./money.ts";

export interface Point {
  /** Fixing date YYYY-MM-DD. */
  date: string;
  value: string;
}

/**
 * Peer series -> our index code. Ornn's GPU index is USD per GPU-hour by type, fixed at 20:00 UTC;
 * "A100 SXM4" states no memory size and is compared with our 80 GB class (the rentable A100 SXM4 today).
 * No mapping for RTX 5090 (we publish no RTX 5090 index). No mapping for the per-lab token indices (lab =
 * openai, anthropic, google, deepseek) either: they move daily (openai 1.14 -> 0.39 from June to August 2026)
 * while every first-party list price stood still, and their levels match no single model's list price, so
 * they are usage-weighted mixes of a lab's models, not our one-model `TOK-...-LIST` series (methodology/token.md).
 * `cpi compare --series openai --index TOK-GPT5-BLEND-USD-LIST` still compares them on request.
 */
export const PEER_INDEX_MAP: Record<string, string> = {
  "H100 SXM": "GPU-H100SXM-OD",
  H200: "GPU-H200SXM-OD",
  B200: "GPU-B200-OD",
  "A100 SXM4": "GPU-A100SXM80-OD",
};

/**
 * A peer CSV in long format: a series column (gpu_type or lab), `timestamp`, a value column (index_value or
 * index_per_mtok). The date of a value is the UTC date of its timestamp (Ornn: 20:00Z or 23:59:59Z of that day).
 */
export function parsePeerCsv(text: string): Map<string, Point[]> {
  const rows = csvRecords(text, { trim: true, what: "peer CSV" }).map((x) => x.r);
  const header = rows[0] ? Object.keys(rows[0]) : [];
  const seriesCol = header.find((h) => h === "gpu_type" || h === "lab" || h === "series");
  const valueCol = header.find((h) => h === "index_value" || h === "index_per_mtok" || h === "value");
  if (!seriesCol || !valueCol || !header.includes("timestamp")) throw new Error(`peer CSV needs a series column (gpu_type|lab), timestamp and a value column; got ${header.join(",")}`);
  const out = new Map<string, Point[]>();
  for (const r of rows) {
    const name = r[seriesCol] ?? "";
    const ms = Date.parse(r.timestamp ?? "");
    const value = r[valueCol] ?? "";
    if (name === "" || !Number.isFinite(ms) || !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value)) continue;
    const list = out.get(name) ?? [];
    list.push({ date: new Date(ms).toISOString().slice(0, 10), value: plain(dec(value)) });
    out.set(name, list);
  }
  return out;
}

export interface Disagreement {
  date: string;
  ours: string;
  peer: string;
  /** (ours - peer) / peer, rounded to 4 places. */
  diffPct: string;
}

export interface Comparison {
  commonDays: number;
  from: string | null;
  to: string | null;
  /** Mean of ours - peer, and of |ours - peer|, in the index unit (6 places). */
  meanDiff: string | null;
  meanAbsDiff: string | null;
  /** Mean of (ours - peer) / peer (4 places). */
  meanDiffPct: string | null;
  /** Pearson correlation of daily log changes over consecutive common days (4 places); null below 3 pairs. */
  changeCorrelation: string | null;
  changePairs: number;
  threshold: string;
  disagreements: Disagreement[];
}

function lastPerDate(points: Point[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const p of points) m.set(p.date, p.value);
  return m;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Pearson correlation; statistics in binary floats (a diagnostic, never a published price). */
export function pearson(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  if (n < 3 || ys.length !== n) return null;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/**
 * Compare on the dates both series have (a later point of the same date wins). Daily changes are
 * ln(v_d / v_{d-1}) and only pair when both series have d and the calendar day before it.
 */
export function compareSeries(ours: Point[], peer: Point[], opts: { threshold?: string } = {}): Comparison {
  const threshold = opts.threshold ?? "0.1";
  const a = lastPerDate(ours.filter((p) => dec(p.value).gt(0)));
  const b = lastPerDate(peer.filter((p) => dec(p.value).gt(0)));
  const dates = [...a.keys()].filter((d) => b.has(d)).sort();
  const disagreements: Disagreement[] = [];
  let sum = dec(0);
  let sumAbs = dec(0);
  let sumPct = dec(0);
  for (const d of dates) {
    const o = dec(a.get(d)!);
    const p = dec(b.get(d)!);
    const diff = o.minus(p);
    const pct = diff.div(p);
    sum = sum.plus(diff);
    sumAbs = sumAbs.plus(diff.abs());
    sumPct = sumPct.plus(pct);
    if (pct.abs().gt(threshold)) disagreements.push({ date: d, ours: plain(o), peer: plain(p), diffPct: roundTo(pct, 4, "half_even") });
  }
  const common = new Set(dates);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const d of dates) {
    const next = nextDay(d);
    if (!common.has(next)) continue;
    xs.push(dec(a.get(next)!).div(a.get(d)!).ln().toNumber());
    ys.push(dec(b.get(next)!).div(b.get(d)!).ln().toNumber());
  }
  const n = dates.length;
  const r = pearson(xs, ys);
  return {
    commonDays: n,
    from: dates[0] ?? null,
    to: dates[n - 1] ?? null,
    meanDiff: n ? roundTo(sum.div(n), 6, "half_even") : null,
    meanAbsDiff: n ? roundTo(sumAbs.div(n), 6, "half_even") : null,
    meanDiffPct: n ? roundTo(sumPct.div(n), 4, "half_even") : null,
    changeCorrelation: r === null ? null : roundTo(dec(r), 4, "half_even"),
    changePairs: xs.length,
    threshold,
    disagreements,
  };
}
