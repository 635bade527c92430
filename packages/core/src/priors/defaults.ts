/**
 * Default priors for parameters the user left unset: weakly informative, scaled to the data, never
 * flat. With yLoc / yScale from DataScale, sd_x the sd of a coefficient's design column and
 * s_nl the scale of a nonlinear parameter (nlparScales[nlpar], default max(|yLoc|, yScale)):
 *
 *   b, coef Intercept (linear)       student_t(3, yLoc, 2.5 yScale)
 *   b, coef Intercept[k] (ordinal)   student_t(3, 0, 2.5)
 *   b, other coef (linear)           normal(0, 2.5 yScale / sd_x)
 *      ... in a linear predictor without an Intercept (level coefficients carry the location):
 *                                    normal(0, 2.5 (yScale + |yLoc|) / sd_x)
 *   b of a nonlinear parameter       normal(0, 10 s_nl) for its Intercept, normal(0, 10 s_nl / sd_x) else
 *                                    (deliberately wide: set informative priors for nonlinear parameters)
 *   sd (linear)                      student_t(3, 0, 2.5 yScale), half (lower bound 0)
 *   sd of a nonlinear parameter      student_t(3, 0, 2.5 s_nl), half
 *   sigma                            student_t(3, 0, 2.5 yScale), half
 *   cor                              lkj(1)
 *   nu                               gamma(2, 0.1)    (lower bound 1)
 *   shape, phi                       gamma(0.01, 0.01)
 *   sigma_prop                       student_t(3, 0, 1), half (a relative sd: no data scale; no brms default)
 *   ar                               uniform(-1, 1)   (brms: flat on the stationary range)
 *   car1                             uniform(0, 1)
 *   zi, hu                           beta(1, 1)       (as brms)
 * Computed scales are rounded to 4 significant digits so the printed table stays readable.
 */
import type { DataScale, PriorSlot } from './types.js';
import { formatNumber } from './distributions.js';
import { positiveOr } from './data-scale.js';

export interface DefaultPrior {
  text: string;
  /** The rule that produced it, for the `source` column. */
  rule: string;
}

function round4(x: number): number {
  return Number(x.toPrecision(4));
}

function num(x: number): string {
  return formatNumber(round4(x));
}

/** Sanitised view of a DataScale: location finite, every scale > 0. */
export function normaliseScale(scale: DataScale): { yLocation: number; yScale: number } {
  return {
    yLocation: Number.isFinite(scale.yLocation) ? scale.yLocation : 0,
    yScale: positiveOr(1, scale.yScale),
  };
}

export function nlparScale(scale: DataScale, nlpar: string): number {
  const { yLocation, yScale } = normaliseScale(scale);
  return positiveOr(Math.max(Math.abs(yLocation), yScale), scale.nlparScales?.[nlpar] ?? Number.NaN);
}

function predictorSd(scale: DataScale, coef: string | undefined): number {
  return positiveOr(1, coef === undefined ? Number.NaN : (scale.predictorSds?.[coef] ?? Number.NaN));
}

/**
 * The default prior of one slot. `hasIntercept` says whether the slot's linear predictor (same
 * nlpar) has an Intercept coefficient.
 */
export function defaultPrior(slot: PriorSlot, scale: DataScale, hasIntercept: boolean): DefaultPrior {
  const { yLocation, yScale } = normaliseScale(scale);
  switch (slot.class) {
    case 'b': {
      const sdX = predictorSd(scale, slot.coef);
      if (slot.dpar) {
        // on the dpar's link scale (log, logit), whatever the response's units
        if (slot.coef === 'Intercept') return { text: 'student_t(3, 0, 2.5)', rule: `student_t(3, 0, 2.5) on the link scale of ${slot.dpar}, as brms` };
        return { text: `normal(0, ${num(2.5 / sdX)})`, rule: `normal(0, 2.5 / sd(${slot.coef})) on the link scale of ${slot.dpar} (brms: flat)` };
      }
      if (slot.nlpar) {
        const s = nlparScale(scale, slot.nlpar);
        if (slot.coef === 'Intercept') {
          return { text: `normal(0, ${num(10 * s)})`, rule: `normal(0, 10 * scale of ${slot.nlpar}), deliberately wide` };
        }
        return {
          text: `normal(0, ${num((10 * s) / sdX)})`,
          rule: `normal(0, 10 * scale of ${slot.nlpar} / sd(${slot.coef})), deliberately wide`,
        };
      }
      if (slot.coef?.startsWith('Intercept[')) return { text: 'student_t(3, 0, 2.5)', rule: 'student_t(3, 0, 2.5) as brms for ordinal thresholds' };
      if (slot.coef === 'Intercept') {
        return { text: `student_t(3, ${num(yLocation)}, ${num(2.5 * yScale)})`, rule: 'student_t(3, yLocation, 2.5 * yScale)' };
      }
      if (!hasIntercept) {
        return {
          text: `normal(0, ${num((2.5 * (yScale + Math.abs(yLocation))) / sdX)})`,
          rule: `normal(0, 2.5 * (yScale + |yLocation|) / sd(${slot.coef})), no intercept`,
        };
      }
      return { text: `normal(0, ${num((2.5 * yScale) / sdX)})`, rule: `normal(0, 2.5 * yScale / sd(${slot.coef}))` };
    }
    case 'sd':
      if (slot.dpar) return { text: 'student_t(3, 0, 2.5)', rule: `half student_t(3, 0, 2.5) on the link scale of ${slot.dpar}, as brms` };
      if (slot.nlpar) {
        return {
          text: `student_t(3, 0, ${num(2.5 * nlparScale(scale, slot.nlpar))})`,
          rule: `half student_t(3, 0, 2.5 * scale of ${slot.nlpar})`,
        };
      }
      return { text: `student_t(3, 0, ${num(2.5 * yScale)})`, rule: 'half student_t(3, 0, 2.5 * yScale)' };
    case 'sigma':
      return { text: `student_t(3, 0, ${num(2.5 * yScale)})`, rule: 'half student_t(3, 0, 2.5 * yScale)' };
    case 'cor':
      return { text: 'lkj(1)', rule: 'lkj(1), uniform over correlation matrices' };
    case 'nu':
      return { text: 'gamma(2, 0.1)', rule: 'gamma(2, 0.1) as brms' };
    case 'shape':
    case 'phi':
      return { text: 'gamma(0.01, 0.01)', rule: 'gamma(0.01, 0.01) as brms' };
    case 'sigma_prop':
      return { text: 'student_t(3, 0, 1)', rule: 'half student_t(3, 0, 1): a relative sd' };
    case 'ar':
      return { text: 'uniform(-1, 1)', rule: 'uniform(-1, 1), flat on the stationary range as brms' };
    case 'car1':
      return { text: 'uniform(0, 1)', rule: 'uniform(0, 1), flat on its range' };
    case 'zi':
    case 'hu':
      return { text: 'beta(1, 1)', rule: 'beta(1, 1) as brms' };
  }
}
