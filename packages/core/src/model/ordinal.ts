/**
 * The cumulative family's model pieces: its linear predictor has no intercept (the thresholds
 * b_Intercept[k] take its place, as brms), so the Intercept column is dropped from the design built
 * by the usual rules (factor coding as with an intercept, again as brms), on the training data and
 * on new data alike.
 */
import { SpecError } from '../errors.js';
import type { Design, FixedDesign } from '../formula/index.js';

export function dropIntercept(fixed: FixedDesign): FixedDesign {
  const k = fixed.names.indexOf('Intercept');
  if (k === -1) return fixed;
  const { p, X } = fixed;
  const n = p === 0 ? 0 : X.length / p;
  const q = p - 1;
  const out = new Float64Array(n * q);
  for (let i = 0; i < n; i++) for (let j = 0, c = 0; j < p; j++) if (j !== k) out[i * q + c++] = X[i * p + j];
  return { names: fixed.names.filter((_, j) => j !== k), p: q, X: out, terms: fixed.terms.filter((_, j) => j !== k) };
}

/** The design of an ordinal model's predictor; nonlinear ordinal models are refused. */
export function ordinalDesign(design: Design, nonlinear: boolean): Design {
  if (nonlinear) throw new SpecError('a nonlinear formula with the cumulative family is not supported yet', 'spec.nl');
  return { ...design, fixed: dropIntercept(design.fixed) };
}

/** The number of categories K of an ordinal response 1..K (checked before: no gaps). */
export function categoryCount(y: Float64Array): number {
  let max = 0;
  for (let i = 0; i < y.length; i++) max = Math.max(max, y[i]);
  return max;
}
