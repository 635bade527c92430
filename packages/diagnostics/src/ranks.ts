import type { DrawMatrix } from './draws.js';
import { normalQuantile } from './normal-quantile.js';
import { argsort, gather, lowerBound } from './sort.js';

/**
 * Normal scores of ranks among S draws, z = qnorm((r - 3/8) / (S + 1/4)) (Blom's offset, as
 * posterior), indexed by twice the rank (average ranks of ties are halves). Integer ranks are filled
 * at once, half ranks on first use; tables are shared, since every variable of a fit has the same S.
 */
const scoreTables = new Map<number, Float64Array>();

function scoreOf(count: number, doubledRank: number): number {
  return normalQuantile((doubledRank / 2 - 3 / 8) / (count - 2 * (3 / 8) + 1));
}

function normalScores(count: number): Float64Array {
  let table = scoreTables.get(count);
  if (table === undefined) {
    if (scoreTables.size >= 8) scoreTables.clear(); // a summary needs one or two sizes at a time
    table = new Float64Array(2 * count + 2).fill(NaN);
    for (let doubled = 2; doubled <= 2 * count; doubled += 2) table[doubled] = scoreOf(count, doubled);
    scoreTables.set(count, table);
  }
  return table;
}

/**
 * Rank-normal scores written to out[target[i]] for each input i visited in ascending order
 * (sorted[k] = values[order[k]]); inputs with target -1 are left out of the ranking. Ties (exact
 * equality, as R's rank) share their average rank; NaN gets NaN and, like R's rank(na.last = TRUE),
 * does not shift the ranks of the others. S (for the scores) is out.length.
 */
export function scoresInOrder(
  sorted: Float64Array,
  order: Uint32Array,
  target: Int32Array | null,
  out: Float64Array,
): void {
  const count = out.length;
  const table = normalScores(count);
  const n = sorted.length;
  let ranked = 0;
  let k = 0;
  while (k < n) {
    const v = sorted[k];
    if (v !== v) {
      // NaN sorts last: the rest are NaN
      for (; k < n; k++) {
        const position = target === null ? order[k] : target[order[k]];
        if (position >= 0) out[position] = NaN;
      }
      break;
    }
    if (k + 1 === n || sorted[k + 1] !== v) {
      // no tie: the common case
      const position = target === null ? order[k] : target[order[k]];
      if (position >= 0) out[position] = table[2 * ++ranked];
      k++;
      continue;
    }
    let end = k;
    let kept = 0;
    while (end < n && sorted[end] === v) {
      if (target === null || target[order[end]] >= 0) kept++;
      end++;
    }
    // ranks ranked+1 .. ranked+kept share their mean; doubled it is an integer
    const doubled = 2 * ranked + kept + 1;
    let z = table[doubled];
    if (z !== z) z = table[doubled] = scoreOf(count, doubled);
    for (let j = k; j < end; j++) {
      const position = target === null ? order[j] : target[order[j]];
      if (position >= 0) out[position] = z;
    }
    ranked += kept;
    k = end;
  }
}

/** posterior's z_scale: ranks over all draws of all chains pooled, mapped to normal scores. */
export function zScale(x: DrawMatrix): DrawMatrix {
  const order = argsort(x.values);
  const values = new Float64Array(x.values.length);
  scoresInOrder(gather(x.values, order), order, null, values);
  return { chains: x.chains, iterations: x.iterations, values };
}

/** posterior's fold_draws: |x - centre|, with the centre the median of all (unsplit) draws. */
export function foldDraws(x: DrawMatrix, centre: number): DrawMatrix {
  const values = new Float64Array(x.values.length);
  for (let i = 0; i < values.length; i++) values[i] = Math.abs(x.values[i] - centre);
  return { chains: x.chains, iterations: x.iterations, values };
}

/**
 * |x - centre| in ascending order, from the draws in ascending order, in linear time: walk outwards
 * from the centre merging the distances below it with those above. With `order` (sorted[k] =
 * x[order[k]]) the matching order of the original indices comes along. Needs sorted without NaN.
 */
export function foldAscending(
  sorted: Float64Array,
  order: Uint32Array | null,
  centre: number,
  outValues?: Float64Array,
  outOrder?: Uint32Array,
): { values: Float64Array; order: Uint32Array | null } {
  const n = sorted.length;
  const values = outValues ?? new Float64Array(n);
  const foldedOrder = order === null ? null : (outOrder ?? new Uint32Array(n));
  let above = lowerBound(sorted, centre);
  let below = above - 1;
  for (let k = 0; k < n; k++) {
    const up = above < n ? Math.abs(sorted[above] - centre) : Infinity;
    const down = below >= 0 ? Math.abs(sorted[below] - centre) : Infinity;
    // (fl(c - x) = -fl(x - c), so |x - c| grows monotonically away from c on both sides)
    if (above < n && (below < 0 || up <= down)) {
      values[k] = up;
      if (foldedOrder !== null) foldedOrder[k] = order![above];
      above++;
    } else {
      values[k] = down;
      if (foldedOrder !== null) foldedOrder[k] = order![below];
      below--;
    }
  }
  return { values, order: foldedOrder };
}
