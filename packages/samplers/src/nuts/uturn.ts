/**
 * The generalised no-U-turn criterion (Betancourt 2017): a trajectory whose momenta sum to rho
 * keeps going while the velocities at both of its ends still point along rho.
 */

/** True while sharpBegin . rho > 0 and sharpEnd . rho > 0 (no U-turn yet). */
export function noUTurn(sharpBegin: Float64Array, sharpEnd: Float64Array, rho: Float64Array): boolean {
  let begin = 0;
  let end = 0;
  for (let i = 0; i < rho.length; i++) {
    begin += sharpBegin[i] * rho[i];
    end += sharpEnd[i] * rho[i];
  }
  return begin > 0 && end > 0;
}

/** noUTurn with rho = rhoA + rhoB, summed on the fly so that no scratch vector is needed. */
export function noUTurnSum(
  sharpBegin: Float64Array,
  sharpEnd: Float64Array,
  rhoA: Float64Array,
  rhoB: Float64Array,
): boolean {
  let begin = 0;
  let end = 0;
  for (let i = 0; i < rhoA.length; i++) {
    const r = rhoA[i] + rhoB[i];
    begin += sharpBegin[i] * r;
    end += sharpEnd[i] * r;
  }
  return begin > 0 && end > 0;
}
