export type {
  DataScale,
  LkjPrior,
  Prior,
  PriorClass,
  PriorDist,
  PriorFamily,
  PriorSlot,
  PriorSpec,
  ResolvedPrior,
  ScalarPriorFamily,
  Support,
} from './types.js';
export { parsePrior, printPrior, makePrior, priorFamilies } from './parse.js';
export { lkjCholeskyLogDensity, lkjLogNormalizer } from './lkj.js';
export { resolvePriors, naturalBounds, specificity, priorClasses } from './resolve.js';
export { defaultPrior } from './defaults.js';
export type { DefaultPrior } from './defaults.js';
export { computeDataScale, median, mad, standardDeviation, predictorScale } from './data-scale.js';
export type { DataScaleOptions } from './data-scale.js';
export { listPriors, formatPriorTable } from './list.js';
export type { PriorRow } from './list.js';
export { incompleteGamma, incompleteBeta, lgamma } from './special.js';
export type { Tails } from './special.js';
export { unconstrainedPriorScale } from './sampling-scale.js';
export type { UnconstrainedScale } from './sampling-scale.js';
