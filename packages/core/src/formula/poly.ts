/**
 * poly(x, k): R's orthogonal polynomials (stats::poly) and poly(x, k, raw = TRUE) raw powers, with
 * brms's column names. The orthogonal basis is the monic polynomials orthogonal over the training
 * x (Stieltjes' three-term recurrence, which is what R's predict.poly evaluates from poly()'s
 * `alpha` and `norm2` coefficients), each divided by its norm. R builds the training basis with a QR
 * decomposition of the centred powers; the two agree to rounding. New data is evaluated with the
 * training coefficients, as predict(poly(x, k), newx), so a prediction uses the fitted basis.
 */
import { DataError } from '../errors.js';
import { pow } from '../math/pow.js';

/** R's attr(poly(x, k), "coefs"): alpha (length k) and norm2 (length k + 2, starting 1, n). */
export interface PolyCoefficients {
  alpha: number[];
  norm2: number[];
}

export interface PolyBasis {
  /** k columns, each of length n. */
  columns: Float64Array[];
  /** null for raw powers. */
  coefs: PolyCoefficients | null;
}

/** The basis on the training values; DataError (column named) when k is not below the number of distinct values. */
export function polyBasis(x: Float64Array, degree: number, raw: boolean, column: string): PolyBasis {
  if (raw) return { columns: rawPowers(x, degree), coefs: null };
  const distinct = new Set(x).size;
  if (degree >= distinct) {
    throw new DataError(`poly(${column}, ${degree}): the degree must be less than the number of distinct values of '${column}' (${distinct})`, { column });
  }
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  // Centred x keeps the sums well conditioned; alpha is reported on the scale of x, as R's.
  const xc = Float64Array.from(x, (v) => v - mean);
  const alpha: number[] = [];
  const norm2: number[] = [1, n];
  let previous = new Float64Array(n).fill(1);
  let current = new Float64Array(n).fill(1);
  const monic: Float64Array[] = [];
  for (let j = 0; j < degree; j++) {
    // alpha_j = sum(x p_j^2) / sum(p_j^2), p_0 = 1.
    let sxp = 0;
    for (let i = 0; i < n; i++) sxp += xc[i] * current[i] * current[i];
    const shift = sxp / norm2[j + 1];
    alpha.push(mean + shift);
    const next = new Float64Array(n);
    const ratio = j === 0 ? 0 : norm2[j + 1] / norm2[j];
    let ss = 0;
    for (let i = 0; i < n; i++) {
      next[i] = (xc[i] - shift) * current[i] - ratio * previous[i];
      ss += next[i] * next[i];
    }
    norm2.push(ss);
    monic.push(next);
    previous = current;
    current = next;
  }
  const columns = monic.map((p, j) => scaled(p, 1 / Math.sqrt(norm2[j + 2])));
  return { columns, coefs: { alpha, norm2 } };
}

/** The basis on new values: the training coefficients for an orthogonal basis (R's predict.poly). */
export function polyBasisNew(x: Float64Array, degree: number, coefs: PolyCoefficients | null): Float64Array[] {
  if (coefs === null) return rawPowers(x, degree);
  const { alpha, norm2 } = coefs;
  const n = x.length;
  let previous = new Float64Array(n).fill(1);
  let current = Float64Array.from(x, (v) => v - alpha[0]);
  const columns = [scaled(current, 1 / Math.sqrt(norm2[2]))];
  for (let j = 1; j < degree; j++) {
    const next = new Float64Array(n);
    const ratio = norm2[j + 1] / norm2[j];
    for (let i = 0; i < n; i++) next[i] = (x[i] - alpha[j]) * current[i] - ratio * previous[i];
    columns.push(scaled(next, 1 / Math.sqrt(norm2[j + 2])));
    previous = current;
    current = next;
  }
  return columns;
}

function rawPowers(x: Float64Array, degree: number): Float64Array[] {
  return Array.from({ length: degree }, (_, j) => Float64Array.from(x, (v) => pow(v, j + 1))); // not **: engines differ
}

function scaled(v: Float64Array, factor: number): Float64Array {
  return Float64Array.from(v, (e) => e * factor);
}

/**
 * brms's names for the basis columns: R labels them `poly(x, 2)1` (`poly(x, 2, raw = TRUE)1`) and
 * brms strips spaces, parentheses, commas and quotes and writes `=` as EQ (its rename()):
 * polyx21, polyx22; polyx2rawEQTRUE1.
 */
export function polyColumnNames(column: string, degree: number, raw: boolean): string[] {
  const label = raw ? `poly(${column}, ${degree}, raw = TRUE)` : `poly(${column}, ${degree})`;
  return Array.from({ length: degree }, (_, j) => brmsRename(label + String(j + 1)));
}

const RENAME: readonly [string, string][] = [
  [' ', ''], ['(', ''], [')', ''], ['[', ''], [']', ''], [',', ''], ['"', ''], ["'", ''], ['?', ''],
  ['+', 'P'], ['-', 'M'], ['*', 'MU'], ['/', 'D'], ['^', 'E'], ['=', 'EQ'],
];

/** brms's rename() with its default character map (applied in its order). */
export function brmsRename(text: string): string {
  let out = text;
  for (const [from, to] of RENAME) out = out.split(from).join(to);
  return out;
}
