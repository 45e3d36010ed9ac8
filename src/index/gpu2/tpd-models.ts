// The two TPD regressions by weighted least squares: time + constituent dummies, or time + hedonic terms.
import { cholesky, choleskyInverse, choleskySolve, zeros } from "./tpd-linalg.ts";
import type { Panel, PanelObs } from "./tpd-panel.ts";

/** One estimated term other than a time effect; se null when there are no residual degrees of freedom. */
export interface RawEffect {
  term: string;
  coef: number;
  se: number | null;
}

export interface RawFit {
  /** a_t - a_base per panel day (0 on the base day). */
  logIndex: number[];
  seLog: (number | null)[];
  effects: RawEffect[];
  params: number;
  dof: number;
  ssr: number;
  sst: number;
}

/** Not identified: `term` names the first column found to be a combination of earlier ones. */
export type ModelResult = { ok: true; fit: RawFit } | { ok: false; term: string };

/** Per-characteristic columns: names and each constituent's values (constant per constituent). */
export interface HedonicDesign {
  names: string[];
  values: number[][];
}

const timeCol = (base: number) => (d: number) => (d < base ? d : d === base ? -1 : d - 1);

function groups(obs: readonly PanelObs[]): PanelObs[][] {
  const out: PanelObs[][] = [];
  for (const o of obs) {
    if (out.length === 0 || out[out.length - 1]![0]!.cons !== o.cons) out.push([]);
    out[out.length - 1]!.push(o);
  }
  return out;
}

function totalSs(obs: readonly PanelObs[]): number {
  let sw = 0;
  let swy = 0;
  for (const o of obs) {
    sw += o.w;
    swy += o.w * o.y;
  }
  const mean = swy / sw;
  let ss = 0;
  for (const o of obs) ss += o.w * (o.y - mean) * (o.y - mean);
  return ss;
}

const sigma2Of = (ssr: number, dof: number) => (dof > 0 ? ssr / dof : null);

/**
 * ln p_it = a_t + b_i. The constituent effects are absorbed (within transformation): the normal equations
 * shrink to the T-1 time effects, b_i = weighted mean of (y_it - a_t), and Var(b_i) = s^2/W_i + g'Cov(a)g.
 */
export function fitDummies(panel: Panel, base: number): ModelResult {
  const col = timeCol(base);
  const p = panel.days.length - 1;
  const a = zeros(p);
  const rhs = new Array<number>(p).fill(0);
  const gs = groups(panel.obs);
  const means = gs.map((g) => {
    let w = 0;
    let wy = 0;
    for (const o of g) {
      w += o.w;
      wy += o.w * o.y;
    }
    return { w, ybar: wy / w };
  });
  gs.forEach((g, i) => {
    const { w, ybar } = means[i]!;
    for (const o of g) {
      const c = col(o.day);
      if (c < 0) continue;
      rhs[c]! += o.w * (o.y - ybar);
      a[c]![c]! += o.w;
      for (const o2 of g) {
        const c2 = col(o2.day);
        if (c2 >= 0) a[c]![c2]! -= (o.w * o2.w) / w;
      }
    }
  });
  const chol = cholesky(a);
  if (!chol.ok) return { ok: false, term: panel.days[chol.column < base ? chol.column : chol.column + 1]! };
  const sol = choleskySolve(chol.factor, rhs);
  const logIndex = panel.days.map((_, d) => (d === base ? 0 : sol[col(d)]!));
  const effects = gs.map((g, i) => {
    let coef = means[i]!.ybar;
    for (const o of g) coef -= (o.w / means[i]!.w) * logIndex[o.day]!;
    return coef;
  });
  let ssr = 0;
  for (const o of panel.obs) {
    const e = o.y - logIndex[o.day]! - effects[o.cons]!;
    ssr += o.w * e * e;
  }
  const params = p + gs.length;
  const dof = panel.obs.length - params;
  const s2 = sigma2Of(ssr, dof);
  const inv = s2 === null ? null : choleskyInverse(chol.factor);
  const seLog = panel.days.map((_, d) => (d === base ? 0 : inv === null ? null : Math.sqrt(s2! * inv[col(d)]![col(d)]!)));
  const seEffect = (g: PanelObs[], i: number): number | null => {
    if (inv === null) return null;
    const W = means[i]!.w;
    let q = 0;
    for (const o of g) {
      for (const o2 of g) {
        const c = col(o.day);
        const c2 = col(o2.day);
        if (c >= 0 && c2 >= 0) q += (o.w / W) * (o2.w / W) * inv[c]![c2]!;
      }
    }
    return Math.sqrt(s2! / W + s2! * q);
  };
  return {
    ok: true,
    fit: {
      logIndex,
      seLog,
      effects: gs.map((g, i) => ({ term: panel.constituents[i]!, coef: effects[i]!, se: seEffect(g, i) })),
      params,
      dof,
      ssr,
      sst: totalSs(panel.obs),
    },
  };
}

/** ln p_it = a_t + c0 + c.x_i with the hedonic columns of `design`; full normal equations (few unknowns). */
export function fitHedonic(panel: Panel, base: number, design: HedonicDesign): ModelResult {
  const col = timeCol(base);
  const nt = panel.days.length - 1;
  const terms = ["(intercept)", ...design.names];
  const p = nt + terms.length;
  const a = zeros(p);
  const rhs = new Array<number>(p).fill(0);
  const row = (o: PanelObs): [number, number][] => {
    const entries: [number, number][] = [];
    if (col(o.day) >= 0) entries.push([col(o.day), 1]);
    entries.push([nt, 1]);
    design.values[o.cons]!.forEach((x, k) => {
      if (x !== 0) entries.push([nt + 1 + k, x]);
    });
    return entries;
  };
  for (const o of panel.obs) {
    const entries = row(o);
    for (const [i, vi] of entries) {
      rhs[i]! += o.w * vi * o.y;
      for (const [j, vj] of entries) a[i]![j]! += o.w * vi * vj;
    }
  }
  const chol = cholesky(a);
  if (!chol.ok) {
    const c = chol.column;
    return { ok: false, term: c < nt ? panel.days[c < base ? c : c + 1]! : terms[c - nt]! };
  }
  const sol = choleskySolve(chol.factor, rhs);
  const logIndex = panel.days.map((_, d) => (d === base ? 0 : sol[col(d)]!));
  let ssr = 0;
  for (const o of panel.obs) {
    let fitted = 0;
    for (const [i, v] of row(o)) fitted += v * sol[i]!;
    ssr += o.w * (o.y - fitted) * (o.y - fitted);
  }
  const dof = panel.obs.length - p;
  const s2 = sigma2Of(ssr, dof);
  const inv = s2 === null ? null : choleskyInverse(chol.factor);
  const se = (i: number) => (inv === null ? null : Math.sqrt(s2! * inv[i]![i]!));
  return {
    ok: true,
    fit: {
      logIndex,
      seLog: panel.days.map((_, d) => (d === base ? 0 : se(col(d)))),
      effects: terms.map((term, k) => ({ term, coef: sol[nt + k]!, se: se(nt + k) })),
      params: p,
      dof,
      ssr,
      sst: totalSs(panel.obs),
    },
  };
}
