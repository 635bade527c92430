/**
 * Lower Cholesky factor L of a symmetric positive-definite d x d matrix A = L L' (row-major, upper
 * triangle of the result zero). Throws when A is not numerically positive definite.
 */
export function choleskyLower(a: Float64Array, d: number): Float64Array {
  if (a.length !== d * d) throw new RangeError(`expected a ${d} x ${d} matrix, got ${a.length} values`);
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * d + j];
      for (let k = 0; k < j; k++) sum -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(sum > 0 && sum < Infinity)) {
          throw new RangeError(`matrix is not positive definite (pivot ${i} is ${sum})`);
        }
        l[i * d + i] = Math.sqrt(sum);
      } else {
        l[i * d + j] = sum / l[j * d + j];
      }
    }
  }
  return l;
}

/** Solves L' x = b in place (b becomes x), L lower triangular row-major: back substitution. */
export function solveUpperTransposed(l: Float64Array, d: number, b: Float64Array): void {
  for (let i = d - 1; i >= 0; i--) {
    let sum = b[i];
    // (L')[i, k] = L[k, i] for k > i
    for (let k = i + 1; k < d; k++) sum -= l[k * d + i] * b[k];
    b[i] = sum / l[i * d + i];
  }
}
