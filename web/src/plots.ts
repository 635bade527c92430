/** Trace, rank and trajectory plots of a fit, rendered by vega-embed (SVG). */
import embed from 'vega-embed';
import { rankSpec, spaghettiSpec, traceSpec, type Fit, type GroupTrajectory } from '@strata/strata';

type Row = Record<string, string | number>;

/** Up to four population-level and scale parameters: what a first look needs. */
function plotVariables(fit: Fit): string[] {
  return fit.names.filter((n) => /^(b_|sd_|sigma)/.test(n)).slice(0, 4);
}

/**
 * Fitted mean against the first numeric predictor, per level of the first grouping factor (at most
 * 12 levels, 100 draws): the model's trajectories. Null when the formula has no such pair.
 */
function trajectories(fit: Fit, spec: { formula?: unknown }, rows: Row[]): GroupTrajectory[] | null {
  const formula = typeof spec.formula === 'string' ? spec.formula : '';
  const group = /\|\|?\s*([A-Za-z_][\w.]*)\s*\)/.exec(formula)?.[1];
  const [response, rhs = ''] = formula.split('~');
  const covariate = rhs.match(/[A-Za-z_][\w.]*/g)?.find((name) => name !== group && rows.length > 0 && typeof rows[0][name] === 'number');
  if (!group || !covariate) return null;
  const prediction = fit.posteriorEpred(undefined, { draws: 100 });
  const levels = [...new Set(rows.map((r) => String(r[group])))].slice(0, 12);
  return levels.map((level) => {
    const idx = rows.map((r, i) => [r, i] as const).filter(([r]) => String(r[group]) === level).sort(([a], [b]) => Number(a[covariate]) - Number(b[covariate])).map(([, i]) => i);
    const draws = Array.from({ length: prediction.S }, (_, s) => idx.map((i) => prediction.draws[s * prediction.N + i]));
    const x = idx.map((i) => Number(rows[i][covariate]));
    return { group: level, x, draws, observed: { x, y: idx.map((i) => Number(rows[i][response.trim()])) } };
  });
}

export async function renderPlots(fit: Fit, spec: { formula?: unknown }, rows: Row[], targets: Record<'trace' | 'rank' | 'trajectory', HTMLElement>): Promise<void> {
  const variables = plotVariables(fit);
  const draws = Object.fromEntries(variables.map((v) => [v, fit.draws(v)]));
  const options = { renderer: 'svg' as const, actions: false };
  await embed(targets.trace, traceSpec(draws, { variables }) as never, options);
  await embed(targets.rank, rankSpec(draws, { variables }) as never, options);
  targets.trajectory.replaceChildren();
  const groups = trajectories(fit, spec, rows);
  if (groups) await embed(targets.trajectory, spaghettiSpec(groups, { title: 'Fitted trajectories (first 12 groups)' }) as never, options);
}
