/** What the plots of a fit read from it: draws by variable, divergent draws, a plot as spec + SVG. */
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../plots/render.js';
import type { DrawsByVariable } from '../plots/draws.js';
import { variableDraws, type FitData } from '../results/fit-data.js';

/** A plot of a fit: the vega-lite spec (for notebooks and browsers) and the same rendered to SVG text. */
export interface FitPlot {
  spec: TopLevelSpec;
  svg: string;
}

export async function fitPlot(spec: TopLevelSpec): Promise<FitPlot> {
  return { spec, svg: await renderSvg(spec) };
}

/** The parameters a reader looks at first: everything except the group-level effects r_* (at most `max`). */
export function mainVariables(fit: FitData, max = 8): string[] {
  return fit.names.filter((n) => !n.startsWith('r_')).slice(0, max);
}

/** variable -> chains x iterations, for the draws plots. */
export function drawsOf(fit: FitData, variables: readonly string[]): DrawsByVariable {
  return Object.fromEntries(variables.map((v) => [v, variableDraws(fit, v)]));
}

/** Per pooled draw (chain-major), whether its transition diverged. */
export function divergentDraws(fit: FitData): Uint8Array {
  const out = new Uint8Array(fit.totalDraws);
  fit.run.chains.forEach((c, k) => {
    const d = c.stats?.divergent__;
    if (d) for (let i = 0; i < fit.iterations; i++) out[k * fit.iterations + i] = d[i];
  });
  return out;
}
