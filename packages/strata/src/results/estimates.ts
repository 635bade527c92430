/**
 * The estimates users read first, as brms prints them: fixed effects, group-level effects per grouping
 * factor, variance components; each row the posterior mean, sd and 90% interval of one quantity.
 */
import { drawSummary } from '../stats.js';
import { columnOf, pooledDraws, type FitData } from './fit-data.js';
import { parseRanefName } from './parameter-names.js';

/** A row of fixef() / ranef() / varCorr(): posterior mean, sd and 90% interval. */
export interface EstimateRow {
  name: string;
  mean: number;
  sd: number;
  q5: number;
  q95: number;
}

/** A row of ranef(): one level and coefficient of a grouping factor. */
export type RanefRow = EstimateRow & { level: string; coef: string };

/** Variance components: group-level sds, correlations and the residual sd (when estimated). */
export interface VarCorr {
  sd: EstimateRow[];
  cor: EstimateRow[];
  sigma: EstimateRow | null;
}

/** Posterior mean, sd and 90% interval of quantities. */
export function estimates(fit: FitData, names: readonly string[]): EstimateRow[] {
  return names.map((name) => {
    const { mean, sd, q5, q95 } = drawSummary(pooledDraws(fit, name));
    return { name, mean, sd, q5, q95 };
  });
}

/** Fixed effects (population-level coefficients). */
export function fixef(fit: FitData): EstimateRow[] {
  return estimates(fit, fit.names.filter((n) => n.startsWith('b_')));
}

/** Group-level effects per grouping factor (as brms): one row per level and coefficient; a nonlinear parameter's coefficients are named nlpar_coef. */
export function ranef(fit: FitData): Record<string, RanefRow[]> {
  const out: Record<string, RanefRow[]> = {};
  for (const name of fit.names) {
    const parts = parseRanefName(name);
    if (!parts) continue;
    // As brms: keyed by the grouping factor; a nonlinear parameter's effects (r_Tree__Asym[...])
    // are that factor's coefficients named nlpar_coef (Asym_Intercept).
    const { group, nlpar, level, coef } = parts;
    (out[group] ??= []).push({ ...estimates(fit, [name])[0], level, coef: nlpar ? `${nlpar}_${coef}` : coef });
  }
  return out;
}

export function varCorr(fit: FitData): VarCorr {
  return {
    sd: estimates(fit, fit.names.filter((n) => n.startsWith('sd_'))),
    cor: estimates(fit, fit.names.filter((n) => n.startsWith('cor_'))),
    sigma: columnOf(fit, 'sigma') !== undefined ? estimates(fit, ['sigma'])[0] : null,
  };
}
