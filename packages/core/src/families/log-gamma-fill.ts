/**
 * lgamma and digamma of one positive argument as a library-style `fill(args, out)` object for generated
 * code: out[0] = log Gamma(args[0]), out[1] = psi(args[0]). Arithmetic and Math only, and nothing but
 * arrays crosses the call, so a per-observation call allocates nothing (a call of @stdlib's gammaln
 * with a double argument V8 does not inline boxes the number). Method: the recurrences
 * Gamma(x + 1) = x Gamma(x), psi(x + 1) = psi(x) + 1/x up to x >= 10, then the Stirling series
 *   log Gamma(x) = (x - 1/2) log x - x + log(2 pi)/2 + sum_k B_2k / (2k (2k - 1) x^(2k - 1)),
 *   psi(x) = log x - 1/(2x) - sum_k B_2k / (2k x^(2k)),
 * through k = 7; the next terms are below 5e-17 at x = 10. Absolute error about 1e-15 (the recurrence's
 * product), so relative accuracy is lost only next to the roots of log Gamma (x = 1, 2) and psi.
 */
const HALF_LOG_2PI = 0.9189385332046727;

export const logGammaFill = {
  fill(args: ArrayLike<number>, out: Float64Array): void {
    let x = args[0];
    if (!(x > 0) || x === Infinity) {
      out[0] = x === Infinity ? Infinity : Number.NaN;
      out[1] = x === Infinity ? Infinity : Number.NaN;
      return;
    }
    let product = 1;
    let reciprocals = 0;
    while (x < 10) {
      product *= x;
      reciprocals += 1 / x;
      x += 1;
    }
    const inv = 1 / x;
    const inv2 = inv * inv;
    const logX = Math.log(x);
    const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 * (1 / 1188 - inv2 * (691 / 360360 - inv2 / 156))))));
    out[0] = (x - 0.5) * logX - x + HALF_LOG_2PI + series - Math.log(product);
    out[1] = logX - 0.5 * inv - inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 / 12)))))) - reciprocals;
  },
};

/** In/out scratch for logGammaFill: write x to [0], call fill(IO, IO), read lgamma from [0], psi from [1]. */
export const LOG_GAMMA_IO = new Float64Array(2);

/**
 * Student t's nu-only terms into t[1], t[2] from nu in t[0]: lgamma((nu + 1)/2) - lgamma(nu/2) - log(nu pi)/2
 * and (psi((nu + 1)/2) - psi(nu/2))/2 - 1/(2 nu). Arrays only cross the calls (prepare runs in the sampler's loop).
 */
export function studentNuTerms(t: Float64Array): void {
  const nu = t[0];
  LOG_GAMMA_IO[0] = 0.5 * (nu + 1);
  logGammaFill.fill(LOG_GAMMA_IO, LOG_GAMMA_IO);
  const lgHi = LOG_GAMMA_IO[0];
  const psiHi = LOG_GAMMA_IO[1];
  LOG_GAMMA_IO[0] = 0.5 * nu;
  logGammaFill.fill(LOG_GAMMA_IO, LOG_GAMMA_IO);
  t[1] = lgHi - LOG_GAMMA_IO[0] - 0.5 * (Math.log(nu) + Math.log(Math.PI));
  t[2] = 0.5 * (psiHi - LOG_GAMMA_IO[1]) - 0.5 / nu;
}
