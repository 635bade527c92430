/**
 * Posterior prediction under `y | trunc(lb, ub)`: the draws of rows outside their bounds are
 * redrawn from the family's generator (rejection sampling), so every draw follows the truncated
 * distribution. A row whose truncation region keeps no draw in MAX_TRIES has negligible mass under
 * that posterior draw: a SpecError names the row.
 */
import { SpecError, type Family, type RandomSource } from '@strata/core';

const MAX_TRIES = 10000;

export interface TruncBounds {
  lb: Float64Array;
  ub: Float64Array;
}

export function truncateRows(family: Family, eta: Float64Array, aux: ArrayLike<number>, extra: Float64Array | null, rng: RandomSource, out: Float64Array, bounds: TruncBounds): void {
  const { lb, ub } = bounds;
  const one = new Float64Array(1);
  for (let i = 0; i < out.length; i++) {
    if (out[i] >= lb[i] && out[i] <= ub[i]) continue;
    const e = eta.subarray(i, i + 1);
    const x = extra ? extra.subarray(i, i + 1) : null;
    let tries = 0;
    do {
      if (++tries > MAX_TRIES) {
        throw new SpecError(`posteriorPredict: the trunc() region [${lb[i]}, ${ub[i]}] of row ${i + 1} has negligible probability (no draw inside in ${MAX_TRIES} tries)`, 'trunc');
      }
      family.simulate(e, aux, x, rng, one);
    } while (!(one[0] >= lb[i] && one[0] <= ub[i]));
    out[i] = one[0];
  }
}
