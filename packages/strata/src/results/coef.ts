/**
 * brms coef(): per grouping factor, level and coefficient, the population-level coefficient plus the
 * level's group-level effect, per posterior draw (b_Days + r_Subject[308,Days]). A coefficient of a
 * group term with no population-level counterpart is the group effect alone, as in brms.
 */
import { drawSummary } from '../stats.js';
import { columnOf, pooledDraws, type FitData } from './fit-data.js';
import type { RanefRow } from './estimates.js';
import { parseRanefName } from './parameter-names.js';

/** One level and coefficient: summary (mean, sd, q5, q95) and the per-draw values (pooled, chain-major). */
export type CoefRow = RanefRow & { draws: Float64Array };

export function coef(fit: FitData): Record<string, CoefRow[]> {
  const out: Record<string, CoefRow[]> = {};
  for (const name of fit.names) {
    const parts = parseRanefName(name);
    if (!parts) continue;
    const coefName = parts.nlpar ? `${parts.nlpar}_${parts.coef}` : parts.coef;
    const draws = pooledDraws(fit, name);
    const fixedName = `b_${coefName}`;
    if (columnOf(fit, fixedName) !== undefined) {
      const b = pooledDraws(fit, fixedName);
      for (let s = 0; s < draws.length; s++) draws[s] += b[s];
    }
    const { mean, sd, q5, q95 } = drawSummary(draws);
    (out[parts.group] ??= []).push({ name: `${parts.group}[${parts.level},${coefName}]`, mean, sd, q5, q95, level: parts.level, coef: coefName, draws });
  }
  return out;
}
