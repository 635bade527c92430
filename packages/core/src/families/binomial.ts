/**
 * Binomial with logit link: y successes out of n trials. The log binomial coefficients are data-only
 * and precomputed in bind. Stable form (L = log1p(exp(-|eta|))):
 *   log p = lchoose(n, y) - n L - y max(-eta, 0) - (n - y) max(eta, 0).
 */
import { formatNumber } from '../codegen/format.js';
import { SpecError } from '../errors.js';
import type { Family, FusedLikelihoodCode, Likelihood, RandomSource, ResponseData, ResponseExtras } from './types.js';
import { invLogit, logChoose } from './special.js';
import { requireCounts, requireSameLength, requireTrials, requireWithinTrials } from './validate.js';
import { sampleBinomial } from './random.js';

class BinomialLikelihood implements Likelihood {
  readonly n: number;
  private readonly y: Float64Array;
  private readonly trials: Float64Array;
  private readonly logCoef: Float64Array;
  private readonly sumLogCoef: number;
  constructor(y: Float64Array, trials: Float64Array) {
    this.n = y.length;
    this.y = Float64Array.from(y);
    this.trials = Float64Array.from(trials);
    this.logCoef = new Float64Array(this.n);
    let s = 0;
    for (let i = 0; i < this.n; i++) {
      this.logCoef[i] = logChoose(trials[i], y[i]);
      s += this.logCoef[i];
    }
    this.sumLogCoef = s;
    this.fused = {
      before: 'let acc = 0;',
      perObservation:
        'const e = Math.exp(-Math.abs(m));\nconst p = m >= 0 ? 1 / (1 + e) : e / (1 + e);\nconst t = V0[i];\nacc -= t * Math.log1p(e) + (m < 0 ? -y * m : (t - y) * m);\nconst d = y - t * p;',
      after: `lp = ${formatNumber(s)} + acc;`,
      arrays: { V0: this.trials },
    };
  }
  /** logLik below as code for the fused data loop. */
  readonly fused: FusedLikelihoodCode;

  logLik(eta: Float64Array, _aux: Float64Array, dEta: Float64Array, _dAux: Float64Array): number {
    const { n, y, trials } = this;
    let lp = this.sumLogCoef;
    for (let i = 0; i < n; i++) {
      const a = eta[i];
      const e = Math.exp(-Math.abs(a));
      const p = a >= 0 ? 1 / (1 + e) : e / (1 + e);
      const yi = y[i];
      const ni = trials[i];
      lp -= ni * Math.log1p(e) + (a < 0 ? -yi * a : (ni - yi) * a);
      dEta[i] = yi - ni * p;
    }
    return lp === lp ? lp : -Infinity;
  }

  pointwise(eta: Float64Array, _aux: Float64Array, out: Float64Array): void {
    const { n, y, trials, logCoef } = this;
    for (let i = 0; i < n; i++) {
      const a = eta[i];
      const L = Math.log1p(Math.exp(-Math.abs(a)));
      const v = logCoef[i] - trials[i] * L - (a < 0 ? -y[i] * a : (trials[i] - y[i]) * a);
      out[i] = v === v ? v : -Infinity;
    }
  }
}

function needTrials(): never {
  throw new SpecError('the binomial family needs the number of trials: write the response as y | trials(n)', 'formula');
}

export const binomial: Family = {
  name: 'binomial',
  link: 'logit',
  aux: [],
  needsTrials: true,
  knownSe: false,
  checkResponse(y: Float64Array, trials: Float64Array | null, column: string, extras?: ResponseExtras): void {
    if (!trials) needTrials();
    const trialsColumn = extras?.trialsColumn ?? 'trials';
    requireSameLength(`trials column "${trialsColumn}"`, y, trials);
    requireCounts(y, column, 'binomial');
    requireTrials(trials, trialsColumn);
    requireWithinTrials(y, trials, column, trialsColumn);
  },
  bind(obs: ResponseData): Likelihood {
    binomial.checkResponse(obs.y, obs.trials ?? null, obs.column ?? 'response', { trialsColumn: obs.trialsColumn });
    return new BinomialLikelihood(obs.y, obs.trials as Float64Array);
  },
  inverseLink: invLogit,
  mean: (eta, _aux, trials) => trials * invLogit(eta),
  simulate(eta, _aux, extra, rng: RandomSource, out) {
    if (!extra) needTrials();
    for (let i = 0; i < eta.length; i++) out[i] = sampleBinomial(extra[i], invLogit(eta[i]), rng);
  },
};
