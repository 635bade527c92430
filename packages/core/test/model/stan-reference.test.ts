/**
 * For each reference model in ../shared/reference, the Stan program's log density is written out here
 * directly (model block + the Jacobians of Stan's constraining transforms) and compared with the
 * compiled model: differences of log density between random points must agree to 1e-8 relative.
 * Stan's `~` drops constants, so only differences are comparable.
 *
 * The Stan-side parameters (beta, sigma, tau, L, z) are recovered from the compiled model's named
 * constrained values alone (z_j = (diag(tau) L)^-1 r_j), so this test does not depend on our layout.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/index.js';
import type { ModelSpec } from '../../src/index.js';

const sharedDir = fileURLToPath(new URL('../../../../../shared/', import.meta.url));

function loadShared(rel: string): string {
  const path = sharedDir + rel;
  if (!existsSync(path)) throw new Error(`missing shared reference file ${path}: the tests need ../shared next to the repository`);
  return readFileSync(path, 'utf8');
}

function readCsvSimple(text: string): Record<string, string[]> {
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const cols: Record<string, string[]> = Object.fromEntries(header.map((h) => [h, [] as string[]]));
  for (const line of lines.slice(1)) line.split(',').forEach((v, k) => cols[header[k]].push(v));
  return cols;
}

const normalLp = (x: number, mu: number, s: number) => -0.5 * ((x - mu) / s) ** 2 - Math.log(s);
const cauchyLp = (x: number, mu: number, s: number) => -Math.log1p(((x - mu) / s) ** 2) - Math.log(s);

/** Deterministic uniform(-a, a) points from a small LCG (no dependence on the samplers package). */
function randomPoint(dim: number, seed: number, radius: number): Float64Array {
  let s = seed >>> 0;
  const out = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 2 * radius - radius;
  }
  return out;
}

interface Case {
  name: string;
  stanLogDensity: (v: Record<string, number>) => number;
  /** A plausible centre for random points (unconstrained), so log densities stay moderate. */
  centre: (names: string[]) => Float64Array;
}

/** Random-intercept + slope models: recover z from r, tau and the correlation. */
function correlatedZ(r1: number, r2: number, t1: number, t2: number, c: number): [number, number] {
  const l22 = Math.sqrt(1 - c * c);
  const z1 = r1 / t1;
  const z2 = (r2 / t2 - c * z1) / l22;
  return [z1, z2];
}

function lkjCholesky2(c: number, eta: number): number {
  // K = 2: (K - i + 2 eta - 2) log L[i,i] for i = 2 -> (2 eta - 2) log sqrt(1 - c^2)
  return (2 * eta - 2) * Math.log(Math.sqrt(1 - c * c));
}

function cholesky2Jacobian(c: number): number {
  // y = atanh(c): dc/dy = 1 - c^2
  return Math.log(1 - c * c);
}

function centreFrom(names: string[], values: Record<string, number>): Float64Array {
  return Float64Array.from(names, (n) => values[n] ?? 0);
}

const cases: Case[] = [];

cases.push({
  name: 'sleepstudy',
  stanLogDensity: (() => {
  const cols = readCsvSimple(loadShared('data/sleepstudy.csv'));
  const n = cols.Reaction.length;
  return (v: Record<string, number>) => {
    const { sigma } = v;
    const t1 = v.sd_Subject__Intercept;
    const t2 = v.sd_Subject__Days;
    const c = v.cor_Subject__Intercept__Days;
    let lp = normalLp(v.b_Intercept, 250, 100) + normalLp(v.b_Days, 0, 50);
    lp += normalLp(sigma, 0, 100) + normalLp(t1, 0, 100) + normalLp(t2, 0, 100) + lkjCholesky2(c, 2);
    for (const level of new Set(cols.Subject)) {
      const [z1, z2] = correlatedZ(v[`r_Subject[${level},Intercept]`], v[`r_Subject[${level},Days]`], t1, t2, c);
      lp += -0.5 * (z1 * z1 + z2 * z2);
    }
    for (let i = 0; i < n; i++) {
      const g = cols.Subject[i];
      const x = Number(cols.Days[i]);
      const mu = v.b_Intercept + v[`r_Subject[${g},Intercept]`] + (v.b_Days + v[`r_Subject[${g},Days]`]) * x;
      lp += normalLp(Number(cols.Reaction[i]), mu, sigma);
    }
    return lp + Math.log(sigma) + Math.log(t1) + Math.log(t2) + cholesky2Jacobian(c);
  };
})(),
  centre: (names) => centreFrom(names, { b_Intercept: 250, b_Days: 10, 'log(sigma)': Math.log(25), 'log(sd_Subject__Intercept)': Math.log(25), 'log(sd_Subject__Days)': Math.log(6) }),
});

cases.push({
  name: 'orthodont',
  stanLogDensity: (() => {
    const cols = readCsvSimple(loadShared('data/orthodont.csv'));
    const n = cols.distance.length;
    return (v: Record<string, number>) => {
      const { sigma } = v;
      const t1 = v.sd_Subject__Intercept;
      const t2 = v.sd_Subject__age;
      const c = v.cor_Subject__Intercept__age;
      let lp = normalLp(v.b_Intercept, 20, 10) + normalLp(v.b_age, 0, 5) + normalLp(v.b_SexFemale, 0, 5) + normalLp(v['b_age:SexFemale'], 0, 5);
      lp += normalLp(sigma, 0, 5) + normalLp(t1, 0, 5) + normalLp(t2, 0, 5) + lkjCholesky2(c, 2);
      for (const level of new Set(cols.Subject)) {
        const [z1, z2] = correlatedZ(v[`r_Subject[${level},Intercept]`], v[`r_Subject[${level},age]`], t1, t2, c);
        lp += -0.5 * (z1 * z1 + z2 * z2);
      }
      for (let i = 0; i < n; i++) {
        const g = cols.Subject[i];
        const age = Number(cols.age[i]);
        const female = cols.Sex[i] === 'Female' ? 1 : 0;
        const mu =
          v.b_Intercept + v.b_age * age + v.b_SexFemale * female + v['b_age:SexFemale'] * age * female +
          v[`r_Subject[${g},Intercept]`] + v[`r_Subject[${g},age]`] * age;
        lp += normalLp(Number(cols.distance[i]), mu, sigma);
      }
      return lp + Math.log(sigma) + Math.log(t1) + Math.log(t2) + cholesky2Jacobian(c);
    };
  })(),
  centre: (names) => centreFrom(names, { b_Intercept: 17, b_age: 0.7, 'log(sigma)': Math.log(1.4), 'log(sd_Subject__Intercept)': Math.log(1.7), 'log(sd_Subject__age)': Math.log(0.1) }),
});

cases.push({
  name: 'radon',
  stanLogDensity: (() => {
    const cols = readCsvSimple(loadShared('data/radon.csv'));
    const n = cols.log_radon.length;
    return (v: Record<string, number>) => {
      const { sigma } = v;
      const t1 = v.sd_county__Intercept;
      const t2 = v.sd_county__floor;
      const c = v.cor_county__Intercept__floor;
      let lp = normalLp(v.b_Intercept, 0, 5) + normalLp(v.b_floor, 0, 5) + normalLp(v.b_log_uranium, 0, 5);
      lp += normalLp(sigma, 0, 2) + normalLp(t1, 0, 2) + normalLp(t2, 0, 2) + lkjCholesky2(c, 2);
      for (const level of new Set(cols.county)) {
        const [z1, z2] = correlatedZ(v[`r_county[${level},Intercept]`], v[`r_county[${level},floor]`], t1, t2, c);
        lp += -0.5 * (z1 * z1 + z2 * z2);
      }
      for (let i = 0; i < n; i++) {
        const g = cols.county[i];
        const fl = Number(cols.floor[i]);
        const mu = v.b_Intercept + v.b_floor * fl + v.b_log_uranium * Number(cols.log_uranium[i]) + v[`r_county[${g},Intercept]`] + v[`r_county[${g},floor]`] * fl;
        lp += normalLp(Number(cols.log_radon[i]), mu, sigma);
      }
      return lp + Math.log(sigma) + Math.log(t1) + Math.log(t2) + cholesky2Jacobian(c);
    };
  })(),
  centre: (names) => centreFrom(names, { b_Intercept: 1.5, b_floor: -0.6, b_log_uranium: 0.7, 'log(sigma)': Math.log(0.7), 'log(sd_county__Intercept)': Math.log(0.13), 'log(sd_county__floor)': Math.log(0.3) }),
});

cases.push({
  name: 'eight_schools',
  stanLogDensity: (() => {
    const cols = readCsvSimple(loadShared('data/eight_schools.csv'));
    return (v: Record<string, number>) => {
      const tau = v.sd_school__Intercept;
      let lp = normalLp(v.b_Intercept, 0, 5) + cauchyLp(tau, 0, 5);
      cols.school.forEach((s, i) => {
        const r = v[`r_school[${s},Intercept]`];
        const z = r / tau;
        lp += -0.5 * z * z + normalLp(Number(cols.y[i]), v.b_Intercept + r, Number(cols.sigma[i]));
      });
      return lp + Math.log(tau);
    };
  })(),
  centre: (names) => centreFrom(names, { b_Intercept: 4, 'log(sd_school__Intercept)': 1 }),
});

cases.push({
  name: 'orange',
  stanLogDensity: (() => {
    const cols = readCsvSimple(loadShared('data/orange.csv'));
    const n = cols.circumference.length;
    return (v: Record<string, number>) => {
      const { sigma } = v;
      const tau = v.sd_Tree__Asym_Intercept;
      const a = v.b_Asym_Intercept;
      const xmid = v.b_xmid_Intercept;
      const scal = v.b_scal_Intercept;
      let lp = normalLp(a, 200, 100) + normalLp(xmid, 700, 300) + normalLp(scal, 350, 150) + normalLp(sigma, 0, 50) + normalLp(tau, 0, 100);
      for (const level of new Set(cols.Tree)) {
        const z = v[`r_Tree__Asym[${level},Intercept]`] / tau;
        lp += -0.5 * z * z;
      }
      for (let i = 0; i < n; i++) {
        const r = v[`r_Tree__Asym[${cols.Tree[i]},Intercept]`];
        const mu = (a + r) / (1 + Math.exp(-(Number(cols.age[i]) - xmid) / scal));
        lp += normalLp(Number(cols.circumference[i]), mu, sigma);
      }
      return lp + Math.log(sigma) + Math.log(tau);
    };
  })(),
  centre: (names) => centreFrom(names, { b_Asym_Intercept: 190, b_xmid_Intercept: 720, b_scal_Intercept: 350, 'log(sigma)': 2, 'log(sd_Tree__Asym_Intercept)': 3.5 }),
});

describe('compiled log density equals the Stan program of each reference model (up to a constant)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const ref = JSON.parse(loadShared(`reference/${c.name}.json`)) as { spec: ModelSpec };
      const model = compile(ref.spec, loadShared(`data/${c.name}.csv`));
      const centre = c.centre(model.parameterNames);
      expect(centre.length).toBe(model.dimension);
      const stanAt = (theta: Float64Array) => c.stanLogDensity(model.constrainNamed(theta));
      const base = centre;
      const lpBase = model.logDensity(base);
      const stanBase = stanAt(base);
      expect(Number.isFinite(lpBase)).toBe(true);
      let worst = 0;
      for (let k = 0; k < 20; k++) {
        const jitter = randomPoint(model.dimension, 1000 + k, 1);
        const theta = base.map((b, i) => b + jitter[i]);
        const ours = model.logDensity(theta) - lpBase;
        const theirs = stanAt(theta) - stanBase;
        const rel = Math.abs(ours - theirs) / Math.max(1, Math.abs(theirs));
        worst = Math.max(worst, rel);
      }
      expect(worst).toBeLessThan(1e-8);
    });
  }
});
