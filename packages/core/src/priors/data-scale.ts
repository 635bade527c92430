/**
 * The data-derived scales behind the default priors (in the spirit of rstanarm's autoscaling and
 * brms' student_t(3, median, mad) defaults), computed once at compile time.
 *
 * Response location / scale on the link scale:
 *   gaussian, student (identity): median(y), mad(y) (1.4826 * median absolute deviation)
 *   lognormal:                    median(log y), mad(log y)
 *   bernoulli, binomial (logit):  0, 1        (so the defaults read student_t(3, 0, 2.5), normal(0, 2.5 / sd(x)))
 *   poisson, negbinomial (log):   log(mean y) (0 if mean y = 0), 1; likewise the other log-link families
 *   hurdle_lognormal:             median and mad of log y over y > 0; beta (logit): 0, 1
 * A scale that comes out 0 or not finite falls back to sd(y), then to 1; a location that is not
 * finite falls back to 0. So no default is ever degenerate.
 */
import type { FamilyName } from '../families/types.js';
import type { DataScale } from './types.js';

export function median(x: ArrayLike<number>): number {
  const n = x.length;
  if (n === 0) return Number.NaN;
  const s = Float64Array.from(x).sort();
  return n % 2 === 1 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

/** Median absolute deviation scaled by 1.4826 (consistent for the normal sd), as R's mad(). */
export function mad(x: ArrayLike<number>): number {
  const m = median(x);
  const dev = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) dev[i] = Math.abs(x[i] - m);
  return 1.4826 * median(dev);
}

/** Sample standard deviation (n - 1 divisor); NaN for fewer than two values. */
export function standardDeviation(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return Number.NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) * (x[i] - mean);
  return Math.sqrt(ss / (n - 1));
}

/** First usable (finite, > 0) candidate, else `fallback`. */
export function positiveOr(fallback: number, ...candidates: number[]): number {
  for (const c of candidates) if (Number.isFinite(c) && c > 0) return c;
  return fallback;
}

/** sd of a design column for the default slope priors: sd(x), or 1 for a constant column. */
export function predictorScale(x: ArrayLike<number>): number {
  return positiveOr(1, standardDeviation(x));
}

function robustScale(v: ArrayLike<number>): number {
  return positiveOr(1, mad(v), standardDeviation(v));
}

export interface DataScaleOptions {
  predictorSds?: Record<string, number>;
  nlparScales?: Record<string, number>;
}

/** DataScale for a response `y` (already validated by the family) of the given family. */
export function computeDataScale(family: FamilyName, y: ArrayLike<number>, options: DataScaleOptions = {}): DataScale {
  let yLocation = 0;
  let yScale = 1;
  switch (family) {
    case 'gaussian':
    case 'student':
      yLocation = median(y);
      yScale = robustScale(y);
      break;
    case 'lognormal': {
      const logY = Float64Array.from(y, Math.log);
      yLocation = median(logY);
      yScale = robustScale(logY);
      break;
    }
    case 'poisson':
    case 'negbinomial':
    case 'gamma':
    case 'weibull':
    case 'exponential':
    case 'zero_inflated_poisson':
    case 'zero_inflated_negbinomial':
    case 'hurdle_poisson':
    case 'hurdle_negbinomial': {
      let sum = 0;
      for (let i = 0; i < y.length; i++) sum += y[i];
      yLocation = sum > 0 ? Math.log(sum / y.length) : 0;
      break;
    }
    case 'hurdle_lognormal': {
      const logY = Float64Array.from(Array.from(y).filter((v) => v > 0), Math.log);
      yLocation = median(logY);
      yScale = robustScale(logY);
      break;
    }
    case 'bernoulli':
    case 'binomial':
    case 'beta':
      break;
  }
  return {
    yLocation: Number.isFinite(yLocation) ? yLocation : 0,
    yScale,
    ...(options.predictorSds ? { predictorSds: options.predictorSds } : {}),
    ...(options.nlparScales ? { nlparScales: options.nlparScales } : {}),
  };
}
