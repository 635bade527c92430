/** Seeded fake data for the plot tests and the example renderer. */
import { seededRandom } from '../../src/random.js';
import type { GroupTrajectory, ShrinkageInput, ShrinkageLevel } from '../../src/plots/index.js';

/** Keeps the fixtures' streams apart from SBC's and predict()'s. */
const FIXTURE_SALT = 0xf1;

/** Standard normal draws from strata's one seeded source (src/random.ts, as SBC and predict use). */
export function normal(seed: number): () => number {
  const rng = seededRandom(seed, 0, FIXTURE_SALT);
  return () => rng.normal();
}

/** AR(1) chain with stationary mean `m`, sd `s` and autocorrelation `phi`. */
export function ar1(rnorm: () => number, n: number, m: number, s: number, phi: number): number[] {
  const out: number[] = [];
  let z = rnorm();
  for (let i = 0; i < n; i++) {
    out.push(m + s * z);
    z = phi * z + Math.sqrt(1 - phi * phi) * rnorm();
  }
  return out;
}

/** Four chains of three well-mixed variables and one (`tau`) whose chain 4 is stuck higher. */
export function fakeDraws(iterations = 500, seed = 1): Record<string, number[][]> {
  const r = normal(seed);
  const chains = [0, 1, 2, 3];
  return {
    mu: chains.map(() => ar1(r, iterations, 251.4, 6.8, 0.3)),
    sigma: chains.map(() => ar1(r, iterations, 0, 0.05, 0.5).map((v) => 25.6 * Math.exp(v))),
    'b_Days': chains.map(() => ar1(r, iterations, 10.47, 1.6, 0.4)),
    tau: chains.map((c) => ar1(r, iterations, c === 3 ? 1.6 : 0, 0.35, 0.9).map((v) => 24 * Math.exp(v / 3))),
  };
}

export interface FakeHierarchy {
  trajectories: GroupTrajectory[];
  shrinkage: ShrinkageInput[];
}

/** A sleepstudy-like data set: 18 subjects, days 0..9, posterior draws of each subject's line. */
export function fakeHierarchy(nDraws = 400, seed = 7, nGroups = 18): FakeHierarchy {
  const r = normal(seed);
  const days = Array.from({ length: 10 }, (_, i) => i);
  const b0 = 251.4;
  const b1 = 10.5;
  const trajectories: GroupTrajectory[] = [];
  const interceptLevels: ShrinkageLevel[] = [];
  const slopeLevels: ShrinkageLevel[] = [];
  for (let g = 0; g < nGroups; g++) {
    const group = String(308 + g * 3);
    const u0 = 24 * r();
    const u1 = 6 * r();
    const y = days.map((d) => b0 + u0 + (b1 + u1) * d + 25 * r());
    // no pooling: least squares on the group's own data
    const mx = 4.5;
    const my = y.reduce((s, v) => s + v, 0) / y.length;
    const sxy = days.reduce((s, d, i) => s + (d - mx) * (y[i] - my), 0);
    const sxx = days.reduce((s, d) => s + (d - mx) ** 2, 0);
    const np1 = sxy / sxx;
    const np0 = my - np1 * mx;
    // partial pooling: shrink towards the population by a fixed factor, with posterior noise
    const pp0 = b0 + 0.8 * (np0 - b0);
    const pp1 = b1 + 0.7 * (np1 - b1);
    interceptLevels.push({ group, noPooling: np0, partialPooling: pp0 });
    slopeLevels.push({ group, noPooling: np1, partialPooling: pp1 });
    const draws: number[][] = [];
    for (let s = 0; s < nDraws; s++) {
      const a = pp0 + 12 * r();
      const b = pp1 + 2.2 * r();
      draws.push(days.map((d) => a + b * d));
    }
    trajectories.push({ group, x: days, draws, observed: { x: days, y } });
  }
  const shrinkage: ShrinkageInput[] = [
    { parameter: 'Intercept', populationMean: b0, levels: interceptLevels },
    { parameter: 'Days', populationMean: b1, levels: slopeLevels },
  ];
  return { trajectories, shrinkage };
}

/** Right-skewed observations and replicated sets from a (misfitting) normal model. */
export function fakePpc(n = 180, nRep = 200, seed = 3): { y: number[]; yrep: number[][] } {
  const r = normal(seed);
  const y = Array.from({ length: n }, () => 200 + 60 * Math.exp(0.55 * r()));
  const m = y.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(y.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
  const yrep = Array.from({ length: nRep }, () => {
    const mu = m + (sd / Math.sqrt(n)) * r();
    return Array.from({ length: n }, () => mu + sd * r());
  });
  return { y, yrep };
}
