/**
 * The agreement rule every acceptance test applies against a Stan reference: per parameter,
 * |mean - ref| <= 5 combined MCSE, and q5 / q95 within 0.2 reference sd.
 */
import { mcseMean } from '@strata/diagnostics';
import { drawSummary, type Fit } from '../../src/index.js';

export interface RefParam {
  mean: number;
  sd: number;
  q5: number;
  q95: number;
  mcse_mean: number;
}

/** One line per bound a parameter misses; empty when the fit agrees with the reference. */
export function agreementFailures(result: Fit, parameters: Record<string, RefParam>): string[] {
  const failures: string[] = [];
  for (const [variable, r] of Object.entries(parameters)) {
    const { mean, q5, q95 } = drawSummary(result.pooled(variable));
    const mcse = Math.hypot(mcseMean(result.draws(variable)), r.mcse_mean);
    if (!(Math.abs(mean - r.mean) <= 5 * mcse)) failures.push(`${variable}: mean ${mean} vs Stan ${r.mean} (5 MCSE = ${5 * mcse})`);
    if (!(Math.abs(q5 - r.q5) <= 0.2 * r.sd)) failures.push(`${variable}: q5 ${q5} vs Stan ${r.q5} (0.2 sd = ${0.2 * r.sd})`);
    if (!(Math.abs(q95 - r.q95) <= 0.2 * r.sd)) failures.push(`${variable}: q95 ${q95} vs Stan ${r.q95} (0.2 sd = ${0.2 * r.sd})`);
  }
  return failures;
}
