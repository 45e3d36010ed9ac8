// Small dense symmetric solver for the TPD normal equations: Cholesky in float64 with a rank check.
// Only +, -, *, / and sqrt are used (IEEE 754 correctly rounded in every ECMAScript engine) in a fixed
// order, so the same system gives the same bits on every machine; no Math.log/exp here.

/** Lower-triangular factor L of A = L L'; rows as plain arrays. */
export type CholeskyFactor = number[][];

export type CholeskyResult = { ok: true; factor: CholeskyFactor } | { ok: false; column: number };

/**
 * Factor a symmetric positive definite matrix. A pivot at or below `relTol` x the column's own diagonal
 * (or a non-positive diagonal) means the column is a linear combination of earlier ones: rank deficient.
 */
export function cholesky(a: readonly (readonly number[])[], relTol = 1e-10): CholeskyResult {
  const n = a.length;
  const l: number[][] = a.map(() => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const diag = a[j]![j]!;
    let d = diag;
    for (let k = 0; k < j; k++) d -= l[j]![k]! * l[j]![k]!;
    if (!(diag > 0) || !(d > relTol * diag)) return { ok: false, column: j };
    const ljj = Math.sqrt(d);
    l[j]![j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = s / ljj;
    }
  }
  return { ok: true, factor: l };
}

/** Solve (L L') x = b by forward then back substitution. */
export function choleskySolve(l: CholeskyFactor, b: readonly number[]): number[] {
  const n = l.length;
  const z = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * z[k]!;
    z[i] = s / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

/** A^-1 column by column (the systems are a few dozen unknowns: cheap). */
export function choleskyInverse(l: CholeskyFactor): number[][] {
  const n = l.length;
  const cols = Array.from({ length: n }, (_, j) => choleskySolve(l, Array.from({ length: n }, (_, i) => (i === j ? 1 : 0))));
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => cols[j]![i]!));
}

/** An n x n matrix of zeros. */
export function zeros(n: number): number[][] {
  return Array.from({ length: n }, () => new Array<number>(n).fill(0));
}
