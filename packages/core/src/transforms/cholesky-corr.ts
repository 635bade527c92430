/**
 * Cholesky factor L of a K x K correlation matrix from K(K-1)/2 unconstrained values (nuts.md):
 * row by row over the strict lower triangle, z = tanh(y);
 *   L[0,0] = 1;  L[i,0] = z;  L[i,j] = z sqrt(1 - ss_j)  (ss_j = sum_{m<j} L[i,m]^2);  L[i,i] = sqrt(1 - ss_i)
 *   log J = sum log(1 - z^2) + sum_{i, 1 <= j < i} 0.5 log(1 - ss_j)
 * (the Jacobian of y -> the strictly-lower entries of L).
 *
 * Since 1 - ss_{j+1} = (1 - ss_j)(1 - z_j^2), sqrt(1 - ss_j) is the product of sech(y_m) over m < j.
 * We compute it that way, with sech and log(1 - z^2) = 2 log sech(y) evaluated from exp(-|y|): the
 * same numbers as the formula above, without the cancellation in 1 - ss or 1 - tanh^2 when |y| is
 * large. Per row i the log-Jacobian is then sum_m (1 + (i - 1 - m) / 2) * 2 log sech(y_m).
 *
 * Matrices are row-major K x K Float64Arrays owned by the caller; the upper triangle is written as 0.
 * Offsets let the caller keep all parameters in one vector without allocating views.
 */
import { SpecError } from '../errors.js';

const LOG2 = Math.LN2;

/** Number of unconstrained values for a K x K correlation matrix. */
export function choleskyCorrSize(K: number): number {
  return (K * (K - 1)) / 2;
}

/**
 * Writes L (K x K) from y[offset .. offset + K(K-1)/2) and returns log |J|.
 */
export function choleskyCorrConstrain(y: ArrayLike<number>, offset: number, K: number, L: Float64Array): number {
  let logJ = 0;
  let k = offset;
  L[0] = 1;
  for (let j = 1; j < K; j++) L[j] = 0;
  for (let i = 1; i < K; i++) {
    const row = i * K;
    let w = 1; // sqrt(1 - ss_j) for the current j
    for (let j = 0; j < i; j++) {
      const yk = y[k++];
      const a = Math.abs(yk);
      const e1 = Math.exp(-a);
      const e2 = e1 * e1;
      const z = (yk >= 0 ? 1 - e2 : e2 - 1) / (1 + e2);
      const logSech = LOG2 - a - Math.log1p(e2);
      L[row + j] = z * w;
      w *= (2 * e1) / (1 + e2); // times sech(y)
      logJ += (2 + (i - 1 - j)) * logSech; // 2 log sech * (1 + (i - 1 - j) / 2)
    }
    L[row + i] = w;
    for (let j = i + 1; j < K; j++) L[row + j] = 0;
  }
  return logJ;
}

/**
 * Backward pass: given dL = df/dL (K x K, row-major; only the lower triangle incl. diagonal is read)
 * and the L that choleskyCorrConstrain produced from the same y, ADDS
 * d/dy [f(L(y)) + log J(y)] into grad[gradOffset ..].
 *
 * With w_j = prod_{m<j} sech(y_m):  dL[i,j]/dy_j = (1 - z_j^2) w_j,  dL[i,j']/dy_m = -z_m L[i,j'] for
 * m < j' <= i, and d log J / dy_m = -z_m (i + 1 - m). The sum over j' > m is the row total minus a
 * running prefix, so each row costs O(i).
 */
export function choleskyCorrGradient(
  y: ArrayLike<number>,
  offset: number,
  K: number,
  L: Float64Array,
  dL: Float64Array,
  grad: Float64Array,
  gradOffset: number,
): void {
  let k = offset; // index of y_{i,0}
  let g = gradOffset;
  for (let i = 1; i < K; i++) {
    const row = i * K;
    let total = 0; // sum_{j <= i} dL[i,j] L[i,j]
    for (let j = 0; j <= i; j++) total += dL[row + j] * L[row + j];
    let prefix = 0; // sum_{j <= m} dL[i,j] L[i,j], so the suffix sum over j > m is total - prefix
    let w = 1; // w_m
    for (let m = 0; m < i; m++) {
      const ym = y[k++];
      const a = Math.abs(ym);
      const e1 = Math.exp(-a);
      const e2 = e1 * e1;
      const z = (ym >= 0 ? 1 - e2 : e2 - 1) / (1 + e2);
      const sech = (2 * e1) / (1 + e2);
      prefix += dL[row + m] * L[row + m];
      grad[g++] += dL[row + m] * sech * sech * w - z * (total - prefix) - z * (i + 1 - m);
      w *= sech;
    }
  }
}

/**
 * Inverse map, for user initial values: y from the Cholesky factor L of a correlation matrix.
 * SpecError when L is not lower triangular with unit-length rows and a positive diagonal.
 */
export function choleskyCorrUnconstrain(
  L: ArrayLike<number>,
  K: number,
  out: Float64Array,
  outOffset: number,
  name = 'the correlation matrix',
): void {
  const tol = 1e-8;
  const bad = (why: string): never => {
    throw new SpecError(`initial value for ${name} is not the Cholesky factor of a correlation matrix: ${why}`, 'inits');
  };
  let k = outOffset;
  for (let i = 0; i < K; i++) {
    let norm2 = 0;
    for (let j = 0; j < K; j++) {
      const v = L[i * K + j];
      if (!Number.isFinite(v)) bad(`entry [${i + 1},${j + 1}] is ${v}`);
      if (j > i && v !== 0) bad(`entry [${i + 1},${j + 1}] above the diagonal is ${v}, not 0`);
      norm2 += v * v;
    }
    if (Math.abs(norm2 - 1) > tol) bad(`row ${i + 1} has squared length ${norm2}, not 1`);
    if (!(L[i * K + i] > 0)) bad(`diagonal entry [${i + 1},${i + 1}] is ${L[i * K + i]}, not > 0`);
    let remaining = 1; // 1 - ss_j
    for (let j = 0; j < i; j++) {
      const z = L[i * K + j] / Math.sqrt(remaining);
      if (!(Math.abs(z) < 1)) bad(`row ${i + 1} is on the boundary (a correlation of +-1)`);
      out[k++] = Math.atanh(z);
      remaining *= 1 - z * z;
    }
  }
}

/** out = L L^T (K x K), the correlation matrix of a Cholesky factor. */
export function correlationFromCholesky(L: ArrayLike<number>, K: number, out: Float64Array): void {
  for (let i = 0; i < K; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let m = 0; m <= j; m++) s += L[i * K + m] * L[j * K + m];
      out[i * K + j] = s;
      out[j * K + i] = s;
    }
  }
}

/**
 * Lower Cholesky factor of a correlation matrix Omega (for user initial values given as correlations).
 * SpecError when Omega is not symmetric with unit diagonal and positive definite.
 */
export function choleskyFromCorrelation(
  omega: ArrayLike<number>,
  K: number,
  L: Float64Array,
  name = 'the correlation matrix',
): void {
  const bad = (why: string): never => {
    throw new SpecError(`initial value for ${name} is not a valid correlation matrix: ${why}`, 'inits');
  };
  for (let i = 0; i < K; i++) {
    if (Math.abs(omega[i * K + i] - 1) > 1e-8) bad(`diagonal entry [${i + 1},${i + 1}] is ${omega[i * K + i]}, not 1`);
    for (let j = 0; j < i; j++) {
      const a = omega[i * K + j];
      if (!Number.isFinite(a) || Math.abs(a - omega[j * K + i]) > 1e-8) bad(`not symmetric at [${i + 1},${j + 1}]`);
    }
  }
  L.fill(0, 0, K * K);
  for (let j = 0; j < K; j++) {
    let d = omega[j * K + j];
    for (let m = 0; m < j; m++) d -= L[j * K + m] * L[j * K + m];
    if (!(d > 0)) bad('not positive definite');
    const ljj = Math.sqrt(d);
    L[j * K + j] = ljj;
    for (let i = j + 1; i < K; i++) {
      let s = omega[i * K + j];
      for (let m = 0; m < j; m++) s -= L[i * K + m] * L[j * K + m];
      L[i * K + j] = s / ljj;
    }
  }
  // Normalise rows so that L L^T has an exact unit diagonal despite rounding.
  for (let i = 0; i < K; i++) {
    let n2 = 0;
    for (let j = 0; j <= i; j++) n2 += L[i * K + j] * L[i * K + j];
    const s = 1 / Math.sqrt(n2);
    for (let j = 0; j <= i; j++) L[i * K + j] *= s;
  }
}
