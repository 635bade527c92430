/**
 * A simulated longitudinal trial with visits missing at random (MAR): patients drop out with a
 * probability that depends only on their last observed score.
 *
 * Patient i, visit t = 0..visits-1, arm trt_i in {0, 1} (alternating, so the arms are balanced):
 *   y_it = (b0 + u0_i) + (slope + effect * trt_i + u1_i) * t + e_it,
 *   (u0_i, u1_i) ~ N(0, diag(sdIntercept, sdSlope)^2),  e_it ~ N(0, sigma^2).
 * Higher scores are worse. Visit 0 is always observed. At each later visit a patient who is still
 * in the study drops out (that visit and all later ones are missing) with probability
 *   p_it = inv_logit(logit(dropout.base) + dropout.perPoint * (y_i,t-1 - dropout.reference)),
 * a function of the previous, observed score only: missing at random, not completely at random.
 */
import { chainRng } from '@strata/samplers';

export interface TrialSettings {
  patients: number;
  visits: number;
  b0: number;
  /** Slope per visit in the control arm. */
  slope: number;
  /** Treatment effect on the slope (per visit): the quantity of interest. */
  effect: number;
  sdIntercept: number;
  sdSlope: number;
  sigma: number;
  dropout: {
    /** Probability of dropping out at a visit when the previous score equals `reference`. */
    base: number;
    /** Change in the log odds of dropping out per point of the previous score. */
    perPoint: number;
    reference: number;
  };
}

export const DEFAULT_TRIAL: TrialSettings = {
  patients: 60,
  visits: 5,
  b0: 50,
  slope: 1,
  effect: -1.5,
  sdIntercept: 6,
  sdSlope: 1.5,
  sigma: 3,
  dropout: { base: 0.1, perPoint: 0.25, reference: 50 },
};

/** One visit (a type alias, not an interface, so that it is a row object compile() accepts). */
export type TrialRow = {
  patient: string;
  trt: number;
  time: number;
  y: number;
};

export interface SimulatedTrial {
  settings: TrialSettings;
  /** Every visit with its score as it would have been measured (the complete data, for reference). */
  complete: TrialRow[];
  /** The visits actually observed. */
  observed: TrialRow[];
  /** Per visit at risk of dropout (t >= 1, patient still in): the previous observed score, p_it and whether the patient dropped out there. */
  risk: { patient: string; time: number; previous: number; probability: number; dropped: boolean }[];
  /** Patients observed at every visit. */
  completers: string[];
}

const logit = (p: number) => Math.log(p / (1 - p));
const invLogit = (x: number) => 1 / (1 + Math.exp(-x));

/** Dropout probability at a visit, from the previous observed score (the MAR mechanism). */
export function dropoutProbability(settings: TrialSettings, previous: number): number {
  const d = settings.dropout;
  return invLogit(logit(d.base) + d.perPoint * (previous - d.reference));
}

/** Simulates the trial; the same seed and settings give the same data. */
export function simulateTrial(seed: number, overrides: Partial<TrialSettings> = {}): SimulatedTrial {
  const s: TrialSettings = { ...DEFAULT_TRIAL, ...overrides, dropout: { ...DEFAULT_TRIAL.dropout, ...overrides.dropout } };
  const rng = chainRng(seed, 0);
  const width = String(s.patients).length;
  const complete: TrialRow[] = [];
  const observed: TrialRow[] = [];
  const risk: SimulatedTrial['risk'] = [];
  const completers: string[] = [];
  for (let i = 0; i < s.patients; i++) {
    const patient = `P${String(i + 1).padStart(width, '0')}`;
    const trt = i % 2;
    const u0 = s.sdIntercept * rng.normal();
    const u1 = s.sdSlope * rng.normal();
    let inStudy = true;
    let previous = Number.NaN;
    for (let t = 0; t < s.visits; t++) {
      const y = s.b0 + u0 + (s.slope + s.effect * trt + u1) * t + s.sigma * rng.normal();
      const row = { patient, trt, time: t, y };
      complete.push(row);
      if (inStudy && t > 0) {
        const probability = dropoutProbability(s, previous);
        const dropped = rng.uniform() < probability;
        risk.push({ patient, time: t, previous, probability, dropped });
        if (dropped) inStudy = false;
      }
      if (inStudy) {
        observed.push(row);
        previous = y;
      }
    }
    if (inStudy) completers.push(patient);
  }
  return { settings: s, complete, observed, risk, completers };
}

/**
 * The mixed model's estimate of the fixed effects [Intercept, time, trt, time:trt] by generalised
 * least squares with the variance components known (the simulation's true values): per patient
 * V = Z D Z' + sigma^2 I with Z = [1, time], D = diag(sdIntercept^2, sdSlope^2). This is the
 * maximum-likelihood estimate given the variances, so it shows cheaply (without MCMC) what the mixed
 * model does with the observed visits over many simulated trials.
 */
export function glsFixedEffects(rows: readonly TrialRow[], settings: TrialSettings): number[] {
  const p = 4;
  const xtvx = new Float64Array(p * p);
  const xtvy = new Float64Array(p);
  const byPatient = new Map<string, TrialRow[]>();
  for (const r of rows) (byPatient.get(r.patient) ?? byPatient.set(r.patient, []).get(r.patient)!).push(r);
  const d0 = settings.sdIntercept ** 2;
  const d1 = settings.sdSlope ** 2;
  const s2 = settings.sigma ** 2;
  for (const visits of byPatient.values()) {
    const n = visits.length;
    const v = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) v[a * n + b] = d0 + d1 * visits[a].time * visits[b].time + (a === b ? s2 : 0);
    }
    const x = visits.map((r) => [1, r.time, r.trt, r.time * r.trt]);
    // V^-1 X and V^-1 y by solving with V (small, symmetric positive definite).
    const rhs = [...Array.from({ length: p }, (_, j) => x.map((row) => row[j])), visits.map((r) => r.y)];
    const sol = rhs.map((b) => solveSpd(v, n, b));
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < p; k++) xtvx[j * p + k] += x.reduce((s, row, a) => s + row[j] * sol[k][a], 0);
      xtvy[j] += x.reduce((s, row, a) => s + row[j] * sol[p][a], 0);
    }
  }
  return solveSpd(xtvx, p, Array.from(xtvy));
}

/** Solves A x = b for a symmetric positive definite n x n matrix A (row-major) by Cholesky. */
export function solveSpd(a: ArrayLike<number>, n: number, b: readonly number[]): number[] {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = i === j ? Math.sqrt(s) : s / l[j * n + j];
    }
  }
  const z = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * z[k];
    z[i] = s / l[i * n + i];
  }
  const out = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * out[k];
    out[i] = s / l[i * n + i];
  }
  return out;
}
