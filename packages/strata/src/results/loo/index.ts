export { psis, psisTailLength, paretoKThreshold, type PsisResult } from './psis.js';
export { gpdFit, gpdQuantile, gpdCdf, type GpdFit, type GpdFitOptions } from './gpd.js';
export {
  loo,
  waic,
  looCompare,
  type LooOptions,
  type LooResult,
  type LooPointwise,
  type WaicResult,
  type LooCompareRow,
  type NamedLoo,
} from './loo.js';
export { bayesR2, type BayesR2Options, type BayesR2Result } from './r2.js';
