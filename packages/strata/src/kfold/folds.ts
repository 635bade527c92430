/**
 * Fold assignment for K-fold cross-validation, as loo's kfold_split_random / kfold_split_grouped:
 * random folds are a seeded permutation of 1..K repeated over the rows (sizes differ by at most
 * one); grouped folds put every row of a level of the grouping column in the same fold (levels are
 * permuted and dealt out 1..K), as brms's folds = "grouped".
 */
import { StrataError } from '@strata/core';
import { sbcRandom } from '../sbc/random.js';

export class FoldError extends StrataError {
  constructor(message: string) {
    super('FOLDS', message);
  }
}

/** Fisher-Yates with the seeded stream. */
function permutation(n: number, seed: number): number[] {
  const rng = sbcRandom(seed, 0xf01d);
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/** Fold (0..K-1) of each row. */
export function assignFolds(rows: number, K: number, seed: number, groups?: readonly (string | number)[]): number[] {
  if (!Number.isInteger(K) || K < 2) throw new FoldError(`K-fold needs a whole number of folds >= 2, got ${K}`);
  if (!groups) {
    if (K > rows) throw new FoldError(`${K} folds for ${rows} rows: each fold needs at least one row`);
    const perm = permutation(rows, seed);
    const fold = new Array<number>(rows);
    perm.forEach((row, k) => (fold[row] = k % K));
    return fold;
  }
  const levels = [...new Set(groups.map(String))];
  if (K > levels.length) throw new FoldError(`${K} grouped folds for ${levels.length} levels: each fold needs at least one level`);
  const perm = permutation(levels.length, seed);
  const foldOf = new Map<string, number>();
  perm.forEach((l, k) => foldOf.set(levels[l], k % K));
  return groups.map((g) => foldOf.get(String(g))!);
}
