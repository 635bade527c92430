/**
 * Shrinkage (partial pooling) of group-level coefficients in a gaussian linear model, per group term,
 * level and coefficient k of the term (see docs/results.md):
 *
 *   noPooling      c_j = argmin_c sum_{i in j} w_i (y_i - o_i - Z_i c)^2: least squares on the level's own
 *                  rows of y on the term's columns Z (weights w_i = 1/se_i^2 with se(), else 1). o_i is the
 *                  rest of the model at its posterior mean: fixed columns that are not also columns of Z
 *                  (e.g. a group-level predictor) and the other group terms' effects. Without such
 *                  columns o = 0 and c_j is the per-group OLS fit (lm(y ~ Z) on group j's rows).
 *                  null when the level's rows do not determine c (fewer rows than columns, or collinear).
 *   population     posterior mean of the fixed coefficient of the same name (0 when there is none).
 *   partialPooling posterior mean of (fixed coefficient + group effect): population + mean r_{j,k}.
 *   poolingFactor  1 - |partialPooling - population| / |noPooling - population|: 0 = no pooling (the
 *                  level's own estimate), 1 = complete pooling (the population value). Can leave [0, 1]
 *                  for terms with several correlated coefficients; null when noPooling is null or equal
 *                  to the population value.
 *   poolingFactorVariance  random intercepts (1 | g) only: posterior mean of v_j / (tau^2 + v_j), with
 *                  v_j = sigma^2 / n_j (or 1 / sum_{i in j} 1/se_i^2 with se()), the variance of the level's
 *                  own mean: Gelman & Hill's (2007, sec. 12.2) pooling factor, same orientation as poolingFactor.
 * With a dpars formula for sigma, w_i is the posterior mean of 1/sigma_i^2 and v_j = 1 / sum_{i in j} 1/sigma_i^2
 * per draw; group terms of dpars formulas are not listed (they shrink sigma, not the mean).
 */
import { SpecError } from '@strata/core';
import { constrainedDraw, type FitData } from './fit-data.js';
import { paramIndex, posteriorMeans } from './draws-access.js';
import { posteriorEpred } from './posterior-draws.js';

export interface ShrinkageEstimate {
  level: string;
  coef: string;
  /** Observations of this level. */
  n: number;
  noPooling: number | null;
  partialPooling: number;
  population: number;
  poolingFactor: number | null;
  poolingFactorVariance: number | null;
}

/** Rows per grouping factor (level by level, coefficients in term order), as ranef(). */
export type ShrinkageResult = Record<string, ShrinkageEstimate[]>;

export function shrinkage(fit: FitData): ShrinkageResult {
  const { model } = fit;
    if (model.nonlinear) {
    throw new SpecError('shrinkage() supports linear models only: the no-pooling estimate of a nonlinear parameter needs a separate nonlinear fit per group', 'shrinkage');
  }
  if (model.family.name !== 'gaussian') {
    throw new SpecError(
      `shrinkage() supports the gaussian family only (got ${model.family.name}): per-group least squares is the no-pooling estimate only for a gaussian linear model`,
      'shrinkage',
    );
  }
  const all = paramIndex(model);
  // the mean's group terms only (a dpars formula's terms shrink sigma, not the mean)
  const idx = { ...all, groups: all.groups.filter((g) => model.structure.predictors[g.block.predictor].dpar === undefined) };
  if (idx.groups.length === 0) throw new SpecError('the model has no group-level effects, so nothing is shrunk', 'shrinkage');

  const means = posteriorMeans(fit);
  const n = model.nobs;
  const fixed = model.layout.fixed[0].design;
  const beta = idx.beta[0];
  const w = new Float64Array(n).fill(1);
  if (model.response.se) for (let i = 0; i < n; i++) w[i] = 1 / (model.response.se[i] * model.response.se[i]);
  const sigmaAt = model.family.knownSe ? -1 : idx.aux[model.family.aux.findIndex((a) => a.name === 'sigma')];
  // sigma with a dpars formula: per-row precisions 1/sigma_i^2 (their posterior means weight the least squares)
  const precisions = !model.family.knownSe && sigmaAt < 0 ? rowPrecisions(fit) : null;
  if (precisions) for (let i = 0; i < n; i++) w[i] = precisions.mean[i];

  const out: ShrinkageResult = {};
  idx.groups.forEach((g, t) => {
    const d = g.block.design;
    const q = d.q;
    const matched = d.coefNames.map((c) => fixed.names.indexOf(c));
    // offset: fixed columns not in Z, plus the other group terms, at the posterior mean
    const offset = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let o = 0;
      for (let j = 0; j < fixed.p; j++) if (!matched.includes(j)) o += fixed.X[i * fixed.p + j] * means[beta[j]];
      offset[i] = o;
    }
    idx.groups.forEach((h, u) => {
      if (u === t) return;
      const e = h.block.design;
      for (let i = 0; i < n; i++) for (let k = 0; k < e.q; k++) offset[i] += e.Z[i * e.q + k] * means[h.r + e.index[i] * e.q + k];
    });
    const J = d.levels.length;
    const A = Array.from({ length: J }, () => new Float64Array(q * q));
    const b = Array.from({ length: J }, () => new Float64Array(q));
    const count = new Int32Array(J);
    const precision = new Float64Array(J);
    for (let i = 0; i < n; i++) {
      const j = d.index[i];
      count[j]++;
      precision[j] += w[i];
      const target = model.response.y[i] - offset[i];
      for (let a = 0; a < q; a++) {
        const za = d.Z[i * q + a];
        b[j][a] += w[i] * za * target;
        for (let c = 0; c < q; c++) A[j][a * q + c] += w[i] * za * d.Z[i * q + c];
      }
    }
    const randomIntercept = q === 1 && d.coefNames[0] === 'Intercept';
    const varianceFactor = randomIntercept ? varianceBasedPooling(fit, g.sd[0], sigmaAt, count, precision, precisions && { draws: precisions.draws, level: d.index }) : null;
    const rows = out[d.group] ?? [];
    for (let j = 0; j < J; j++) {
      const c = solve(A[j], b[j], q);
      d.coefNames.forEach((coef, k) => {
        const population = matched[k] >= 0 ? means[beta[matched[k]]] : 0;
        const partialPooling = population + means[g.r + j * q + k];
        const noPooling = c ? c[k] : null;
        const gap = noPooling === null ? 0 : Math.abs(noPooling - population);
        rows.push({
          level: d.levels[j],
          coef,
          n: count[j],
          noPooling,
          partialPooling,
          population,
          poolingFactor: gap > 0 ? 1 - Math.abs(partialPooling - population) / gap : null,
          poolingFactorVariance: varianceFactor ? varianceFactor[j] : null,
        });
      });
    }
    out[d.group] = rows;
  });
  return out;
}

/** 1/sigma_i^2 per draw and training row (S x n) and its posterior mean per row, for a sigma with a dpars formula. */
function rowPrecisions(fit: FitData): { draws: Float64Array; mean: Float64Array } {
  const p = posteriorEpred(fit, undefined, { dpar: 'sigma' });
  const draws = p.draws.map((sigma) => 1 / (sigma * sigma));
  const mean = new Float64Array(p.N);
  for (let d = 0; d < p.S; d++) for (let i = 0; i < p.N; i++) mean[i] += draws[d * p.N + i] / p.S;
  return { draws, mean };
}

/**
 * Posterior mean of v_j / (tau^2 + v_j) per level: v_j = sigma^2 / n_j, or 1 / sum_{i in j} 1/se_i^2 with
 * se(), or 1 / sum_{i in j} 1/sigma_i^2 per draw when sigma has a dpars formula (`rows`).
 */
function varianceBasedPooling(
  fit: FitData,
  tauAt: number,
  sigmaAt: number,
  count: Int32Array,
  precision: Float64Array,
  rows: { draws: Float64Array; level: Int32Array } | null,
): Float64Array {
  const J = count.length;
  const acc = new Float64Array(J);
  const S = fit.totalDraws;
  const levelPrecision = new Float64Array(J);
  for (let s = 0; s < S; s++) {
    const row = constrainedDraw(fit, s);
    const tau2 = row[tauAt] * row[tauAt];
    const sigma2 = sigmaAt >= 0 ? row[sigmaAt] * row[sigmaAt] : 0;
    if (rows) {
      levelPrecision.fill(0);
      const n = rows.level.length;
      for (let i = 0; i < n; i++) levelPrecision[rows.level[i]] += rows.draws[s * n + i];
    }
    for (let j = 0; j < J; j++) {
      const v = rows ? 1 / levelPrecision[j] : sigmaAt >= 0 ? sigma2 / count[j] : 1 / precision[j];
      acc[j] += v / (tau2 + v);
    }
  }
  for (let j = 0; j < J; j++) acc[j] /= S;
  return acc;
}

/** Solves A x = b (q x q, symmetric positive semi-definite) by Gaussian elimination with partial pivoting; null if singular. */
export function solve(A0: Float64Array, b0: Float64Array, q: number): Float64Array | null {
  const A = Float64Array.from(A0);
  const x = Float64Array.from(b0);
  let scale = 0;
  for (let k = 0; k < q; k++) scale = Math.max(scale, Math.abs(A[k * q + k]));
  if (!(scale > 0)) return null;
  const tol = 1e-10 * scale;
  for (let col = 0; col < q; col++) {
    let piv = col;
    for (let r = col + 1; r < q; r++) if (Math.abs(A[r * q + col]) > Math.abs(A[piv * q + col])) piv = r;
    if (!(Math.abs(A[piv * q + col]) > tol)) return null;
    if (piv !== col) {
      for (let c = 0; c < q; c++) [A[col * q + c], A[piv * q + c]] = [A[piv * q + c], A[col * q + c]];
      [x[col], x[piv]] = [x[piv], x[col]];
    }
    for (let r = col + 1; r < q; r++) {
      const f = A[r * q + col] / A[col * q + col];
      if (f === 0) continue;
      for (let c = col; c < q; c++) A[r * q + c] -= f * A[col * q + c];
      x[r] -= f * x[col];
    }
  }
  for (let r = q - 1; r >= 0; r--) {
    let v = x[r];
    for (let c = r + 1; c < q; c++) v -= A[r * q + c] * x[c];
    x[r] = v / A[r * q + r];
  }
  return x;
}
