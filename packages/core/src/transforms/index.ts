export { boundTransform, identityTransform } from './bounds.js';
export type { BoundKind, ScalarTransform } from './bounds.js';
export {
  choleskyCorrSize,
  choleskyCorrConstrain,
  choleskyCorrGradient,
  choleskyCorrUnconstrain,
  correlationFromCholesky,
  choleskyFromCorrelation,
} from './cholesky-corr.js';
