import type { PhasePoint } from '../phase-point.js';

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

/**
 * Joins two adjacent parts of a trajectory, `left` (earlier in time, or built first) and `right`,
 * whose points and momentum sums (offsets rhoLeft, rhoRight) all live in `store`: writes
 * rhoLeft + rhoRight at rhoOut (which may be either input) and returns true while none of Stan's
 * three checks sees a U-turn: on the joined span, on the left part plus the first state of the
 * right one, and on the right part plus the last state of the left one. One pass instead of four;
 * each dot product is still summed in index order, so the result is that of noUTurn / noUTurnSum
 * called one after another.
 */
export function joinNoUTurn(
  store: Float64Array,
  leftBegin: PhasePoint,
  leftEnd: PhasePoint,
  rhoLeft: number,
  rightBegin: PhasePoint,
  rightEnd: PhasePoint,
  rhoRight: number,
  rhoOut: number,
): boolean {
  const d = leftBegin.dimension;
  const sharpBegin = leftBegin.sharpAt;
  const sharpEnd = rightEnd.sharpAt;
  if (leftBegin === leftEnd && rightBegin === rightEnd) {
    // Two single states, whose momentum sums are their own momenta: both checks across the join
    // sum the same two vectors as the joined span (a + b == b + a exactly), so one check decides.
    let begin = 0;
    let end = 0;
    for (let i = 0; i < d; i++) {
      const joined = store[rhoLeft + i] + store[rhoRight + i];
      store[rhoOut + i] = joined;
      begin += store[sharpBegin + i] * joined;
      end += store[sharpEnd + i] * joined;
    }
    return begin > 0 && end > 0;
  }

  const { pAt: pLeftEnd, sharpAt: sharpLeftEnd } = leftEnd;
  const { pAt: pRightBegin, sharpAt: sharpRightBegin } = rightBegin;
  let joinedBegin = 0;
  let joinedEnd = 0;
  let leftPlusBegin = 0;
  let leftPlusEnd = 0;
  let rightPlusBegin = 0;
  let rightPlusEnd = 0;
  for (let i = 0; i < d; i++) {
    const l = store[rhoLeft + i];
    const r = store[rhoRight + i];
    const joined = l + r;
    store[rhoOut + i] = joined;
    const sb = store[sharpBegin + i];
    const se = store[sharpEnd + i];
    joinedBegin += sb * joined;
    joinedEnd += se * joined;
    const leftPlus = l + store[pRightBegin + i];
    leftPlusBegin += sb * leftPlus;
    leftPlusEnd += store[sharpRightBegin + i] * leftPlus;
    const rightPlus = r + store[pLeftEnd + i];
    rightPlusBegin += store[sharpLeftEnd + i] * rightPlus;
    rightPlusEnd += se * rightPlus;
  }
  return (
    joinedBegin > 0 && joinedEnd > 0 && leftPlusBegin > 0 && leftPlusEnd > 0 && rightPlusBegin > 0 && rightPlusEnd > 0
  );
}
