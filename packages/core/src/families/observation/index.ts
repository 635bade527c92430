/**
 * Per-observation likelihood pieces for the kernels: log densities, log CDFs / CCDFs, log interval
 * probabilities, random draws and means. Slot convention in ./slots.ts; formulas in
 * packages/core/docs/likelihoods.md.
 */
export { setImpossible, setCertain } from './slots.js';
export { gaussianLpdf, gaussianLcdf, gaussianLccdf, gaussianRng, gaussianMean } from './gaussian.js';
export { studentLpdf, studentLcdf, studentLccdf, stdStudentLcdf, studentRng, studentMean } from './student.js';
export { lognormalLpdf, lognormalLcdf, lognormalLccdf, lognormalRng, lognormalMean } from './lognormal.js';
export { gammaLpdf, gammaLcdf, gammaLccdf, gammaRng, gammaMean } from './gamma.js';
export { weibullLpdf, weibullLcdf, weibullLccdf, weibullRng, weibullMean } from './weibull.js';
export { exponentialLpdf, exponentialLcdf, exponentialLccdf, exponentialRng, exponentialMean } from './exponential.js';
export { betaLpdf, betaLcdf, betaLccdf, betaRng, betaMean } from './beta.js';
export {
  bernoulliLpmf,
  binomialLpmf,
  binomialLpmfFromLogProbs,
  binomialLcdf,
  binomialLccdf,
  bernoulliRng,
  binomialRng,
  bernoulliMean,
  binomialMean,
} from './binary.js';
export { poissonLpmf, poissonLcdf, poissonLccdf, poissonRng, poissonMean } from './poisson.js';
export {
  negbinomialLpmf,
  negbinomialLogZero,
  negbinomialLcdf,
  negbinomialLccdf,
  negbinomialRng,
  negbinomialMean,
} from './negbinomial.js';
export {
  zeroInflatedPoissonLpmf,
  zeroInflatedNegbinomialLpmf,
  zeroInflatedPoissonRng,
  zeroInflatedNegbinomialRng,
  zeroInflatedMean,
} from './zero-inflated.js';
export {
  hurdlePoissonLpmf,
  hurdleNegbinomialLpmf,
  hurdleLognormalLpdf,
  zeroTruncatedPoissonRng,
  zeroTruncatedNegbinomialRng,
  hurdlePoissonRng,
  hurdleNegbinomialRng,
  hurdleLognormalRng,
  hurdlePoissonMean,
  hurdleNegbinomialMean,
  hurdleLognormalMean,
} from './hurdle.js';
export {
  cumulativeLogitLpmf,
  cumulativeProbitLpmf,
  cumulativeLogitLpmfAt,
  cumulativeProbitLpmfAt,
  cumulativeLogitRng,
  cumulativeProbitRng,
  cumulativeLogitMean,
  cumulativeProbitMean,
} from './cumulative.js';
export {
  gaussianLogInterval,
  studentLogInterval,
  lognormalLogInterval,
  gammaLogInterval,
  weibullLogInterval,
  exponentialLogInterval,
  betaLogInterval,
  poissonLogInterval,
  negbinomialLogInterval,
  binomialLogInterval,
} from './interval.js';
