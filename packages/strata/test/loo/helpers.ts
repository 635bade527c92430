/**
 * Deterministic random numbers that R can reproduce exactly (fixtures/generate-loo-reference.R):
 * the Park-Miller "minimal standard" generator (x <- 16807 x mod 2^31 - 1, exact in doubles) and
 * Box-Muller normals. The first 10 outputs are discarded (from a small seed they are tiny).
 */
export function parkMiller(seed: number): () => number {
  let state = seed;
  const next = () => {
    state = (16807 * state) % 2147483647;
    return state / 2147483647;
  };
  for (let i = 0; i < 10; i++) next();
  return next;
}

export function normals(seed: number, n: number): Float64Array {
  const u = parkMiller(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u1 = u();
    const u2 = u();
    out[i] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
  return out;
}

export function uniforms(seed: number, n: number): Float64Array {
  const u = parkMiller(seed);
  return Float64Array.from({ length: n }, () => u());
}

/** log N(y | mu, sd). */
export function dnormLog(y: number, mu: number, sd: number): number {
  const z = (y - mu) / sd;
  return -0.5 * z * z - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
}

/**
 * The conjugate normal model used by the LOO tests: y_i ~ N(mu, 1), flat prior, so
 * mu | y ~ N(ybar, 1/n) and draws mu_s = ybar + z_s / sqrt(n). Returns the log-likelihood matrix
 * (S x n, row-major).
 */
export function normalModelLogLik(y: Float64Array, z: Float64Array): Float64Array {
  const n = y.length;
  const S = z.length;
  const ybar = y.reduce((a, b) => a + b, 0) / n;
  const ll = new Float64Array(S * n);
  for (let s = 0; s < S; s++) {
    const mu = ybar + z[s] / Math.sqrt(n);
    for (let i = 0; i < n; i++) ll[s * n + i] = dnormLog(y[i], mu, 1);
  }
  return ll;
}

/** Exact LOO for that model: y_i | y_-i ~ N(ybar_-i, 1 + 1/(n - 1)). */
export function exactNormalElpd(y: Float64Array): Float64Array {
  const n = y.length;
  const total = y.reduce((a, b) => a + b, 0);
  return Float64Array.from(y, (yi) => dnormLog(yi, (total - yi) / (n - 1), Math.sqrt(1 + 1 / (n - 1))));
}
