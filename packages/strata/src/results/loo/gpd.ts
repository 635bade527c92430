/**
 * The generalized Pareto distribution (location 0) and its fit by Zhang & Stephens (2009)'s
 * empirical-Bayes estimator, as used by PSIS (Vehtari, Simpson, Gelman, Yao & Gabry 2024, appendix).
 *
 * Parameterisation (the one PSIS reports): shape k, scale sigma > 0,
 *   F(x) = 1 - (1 + k x / sigma)^(-1/k)     (k = 0: 1 - exp(-x / sigma)),
 * so k > 0 is a heavy (power-law) tail whose moments of order >= 1/k do not exist.
 *
 * Zhang & Stephens reparameterise with theta = -k / sigma. For fixed theta the likelihood is maximised
 * by k(theta) = mean(log(1 - theta x_i)), giving the profile log-likelihood
 *   l(theta) = n (log(-theta / k(theta)) - k(theta) - 1).
 * theta is then estimated by its posterior mean over a grid of m = 30 + floor(sqrt(n)) points
 *   theta_j = 1 / x_(n) + (1 - sqrt(m / (j - 1/2))) / (3 x*),   x* = the first quartile x_(floor(n/4 + 1/2)),
 * weighted by exp(l(theta_j)) (the grid comes from their prior), and k, sigma follow from theta:
 *   k = mean(log(1 - theta x_i)),  sigma = -k / theta.
 * PSIS then shrinks k toward 0.5 with a weakly informative prior worth 10 observations:
 *   k <- (n k + 10 * 0.5) / (n + 10).
 */

export interface GpdFit {
  k: number;
  sigma: number;
}

export interface GpdFitOptions {
  /** Apply the weakly informative prior on k (toward 0.5 with weight 10). Default true. */
  prior?: boolean;
  /** Grid size is minGridPoints + floor(sqrt(n)). Default 30. */
  minGridPoints?: number;
}

/**
 * Fits a GPD to positive exceedances x (any order; not modified). Returns k = NaN when the fit is
 * degenerate (fewer than 2 values, or all equal).
 */
export function gpdFit(x: ArrayLike<number>, options: GpdFitOptions = {}): GpdFit {
  const n = x.length;
  if (n < 2) return { k: NaN, sigma: NaN };
  const xs = Float64Array.from(x).sort();
  const xmax = xs[n - 1];
  if (!(xmax > 0) || xs[0] === xmax) return { k: NaN, sigma: NaN };
  let xstar = xs[Math.floor(n / 4 + 0.5) - 1];
  if (!(xstar > 0)) {
    // Ties at zero (values equal to the threshold): use the smallest positive value instead.
    for (let i = 0; i < n; i++) {
      if (xs[i] > 0) {
        xstar = xs[i];
        break;
      }
    }
  }
  const m = (options.minGridPoints ?? 30) + Math.floor(Math.sqrt(n));
  const theta = new Float64Array(m);
  const logLik = new Float64Array(m);
  let lmax = -Infinity;
  for (let j = 0; j < m; j++) {
    const t = 1 / xmax + (1 - Math.sqrt(m / (j + 0.5))) / (3 * xstar);
    theta[j] = t;
    const k = profileK(t, xs);
    let l = n * (Math.log(-t / k) - k - 1);
    if (!Number.isFinite(l)) l = -Infinity;
    logLik[j] = l;
    if (l > lmax) lmax = l;
  }
  if (lmax === -Infinity) return { k: NaN, sigma: NaN };
  let wsum = 0;
  let thetaHat = 0;
  for (let j = 0; j < m; j++) {
    const w = Math.exp(logLik[j] - lmax);
    wsum += w;
    thetaHat += w * theta[j];
  }
  thetaHat /= wsum;
  let k = profileK(thetaHat, xs);
  const sigma = -k / thetaHat;
  if (options.prior ?? true) k = (n * k + 10 * 0.5) / (n + 10);
  return { k, sigma };
}

/** mean(log(1 - theta x_i)): the shape maximising the likelihood at theta. */
function profileK(theta: number, x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.log1p(-theta * x[i]);
  return s / x.length;
}

/** GPD quantile function (location 0); the k -> 0 limit (exponential) is used when k t is negligible. */
export function gpdQuantile(p: number, k: number, sigma: number): number {
  const t = -Math.log1p(-p); // exponential quantile, >= 0
  const x = k * t;
  if (Math.abs(x) < 1e-10) return sigma * t * (1 + x / 2);
  return (sigma * Math.expm1(x)) / k;
}

/** GPD cumulative distribution function (location 0). */
export function gpdCdf(x: number, k: number, sigma: number): number {
  if (x <= 0) return 0;
  const y = (k * x) / sigma;
  if (Math.abs(y) < 1e-10) return -Math.expm1(-(x / sigma) * (1 - y / 2));
  if (1 + y <= 0) return 1; // beyond the upper end point (k < 0)
  return -Math.expm1(-Math.log1p(y) / k);
}
