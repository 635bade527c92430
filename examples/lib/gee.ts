/**
 * The marginal (population-averaged) logistic regression a GEE estimates: with an independence
 * working correlation the GEE estimating equations are the pooled logistic regression's score
 * equations, solved here by iteratively reweighted least squares; the standard errors are the robust
 * (sandwich) ones with clusters as units (Liang & Zeger 1986), which stay valid whatever the
 * within-cluster correlation.
 */
import { solveSpd } from './trial.js';

export interface GeeFit {
  beta: number[];
  /** Robust (cluster sandwich) standard errors. */
  se: number[];
  iterations: number;
}

/** X: one row of covariates per observation (include the 1 for the intercept); y in {0, 1}; cluster labels. */
export function geeLogistic(X: readonly (readonly number[])[], y: readonly number[], cluster: readonly string[]): GeeFit {
  const p = X[0].length;
  let beta = new Array<number>(p).fill(0);
  let iterations = 0;
  const info = () => {
    const A = new Array<number>(p * p).fill(0);
    const score = new Array<number>(p).fill(0);
    X.forEach((x, i) => {
      const eta = x.reduce((a, v, j) => a + v * beta[j], 0);
      const mu = 1 / (1 + Math.exp(-eta));
      const w = mu * (1 - mu);
      for (let j = 0; j < p; j++) {
        score[j] += x[j] * (y[i] - mu);
        for (let k = 0; k < p; k++) A[j * p + k] += w * x[j] * x[k];
      }
    });
    return { A, score };
  };
  for (; iterations < 50; iterations++) {
    const { A, score } = info();
    const step = solveSpd(A, p, score);
    beta = beta.map((b, j) => b + step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  // Sandwich: A^-1 B A^-1 with B the sum over clusters of (cluster score)(cluster score)'.
  const { A } = info();
  const sums = new Map<string, number[]>();
  X.forEach((x, i) => {
    const mu = 1 / (1 + Math.exp(-x.reduce((a, v, j) => a + v * beta[j], 0)));
    const s = sums.get(cluster[i]) ?? sums.set(cluster[i], new Array<number>(p).fill(0)).get(cluster[i])!;
    for (let j = 0; j < p; j++) s[j] += x[j] * (y[i] - mu);
  });
  const B = new Array<number>(p * p).fill(0);
  for (const s of sums.values()) for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) B[j * p + k] += s[j] * s[k];
  const Ainv = Array.from({ length: p }, (_, j) => solveSpd(A, p, Array.from({ length: p }, (_, k) => (k === j ? 1 : 0))));
  const se = Array.from({ length: p }, (_, j) => {
    let v = 0;
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) v += Ainv[j][a] * B[a * p + b] * Ainv[b][j];
    return Math.sqrt(v);
  });
  return { beta, se, iterations };
}
