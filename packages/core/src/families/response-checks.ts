/**
 * Response checks by kind of response (catalog.ts FamilyInfo.response), for the contract's new
 * families; each family's bind() may call checkResponseKind. The first invalid value is a DataError
 * naming the column and its 1-based row: a beta response outside (0, 1), a negative (or, for gamma
 * and weibull, zero) positive response, a non-integer or negative count, an ordinal response that is
 * not a positive whole number or has a gap in its categories.
 */
import { DataError } from '../errors.js';
import type { FamilyInfo } from './catalog.js';

/** Families whose density is not positive at y = 0 (or is infinite there), as brms requires y > 0. */
const STRICTLY_POSITIVE = new Set(['gamma', 'weibull', 'lognormal']);

export function checkResponseKind(family: FamilyInfo, y: Float64Array, column: string, rowOf: (i: number) => number = (i) => i + 1): void {
  const fail = (i: number, what: string): never => {
    throw new DataError(`the ${family.name} family needs ${what}, but '${column}' is ${y[i]} at row ${rowOf(i)}`, { column, row: rowOf(i) });
  };
  switch (family.response) {
    case 'positive': {
      const strict = STRICTLY_POSITIVE.has(family.name);
      for (let i = 0; i < y.length; i++) if (strict ? !(y[i] > 0) : !(y[i] >= 0)) fail(i, strict ? 'a positive response' : 'a non-negative response');
      return;
    }
    case 'unit':
      for (let i = 0; i < y.length; i++) if (!(y[i] > 0 && y[i] < 1)) fail(i, 'a response strictly between 0 and 1');
      return;
    case 'count':
      for (let i = 0; i < y.length; i++) if (!(y[i] >= 0 && Number.isInteger(y[i]))) fail(i, 'a count (a whole number >= 0)');
      return;
    case 'ordinal': {
      let max = 0;
      for (let i = 0; i < y.length; i++) {
        if (!(y[i] >= 1 && Number.isInteger(y[i]))) fail(i, 'ordinal categories 1, 2, 3, ...');
        max = Math.max(max, y[i]);
      }
      const seen = new Uint8Array(max + 1);
      for (let i = 0; i < y.length; i++) seen[y[i]] = 1;
      const gap = seen.indexOf(0, 1);
      if (gap !== -1) {
        throw new DataError(`the ordinal response '${column}' has no observation of category ${gap} (its categories run from 1 to ${max}); number the categories without gaps`, { column });
      }
      if (max < 2) throw new DataError(`the ordinal response '${column}' has only one category`, { column });
      return;
    }
    default:
      return;
  }
}
