/**
 * Response checks shared by the families. Each throws a DataError naming the column and the 1-based
 * row of the first offending value, so a user can find it in their spreadsheet.
 */
import { DataError, SpecError } from '../errors.js';

function fail(column: string, index: number, problem: string): never {
  const row = index + 1;
  throw new DataError(`column "${column}", row ${row}: ${problem}`, { column, row });
}

export function requireFinite(y: Float64Array, column: string): void {
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) fail(column, i, `value ${y[i]} is not a finite number`);
  }
}

export function requirePositive(y: Float64Array, column: string, why: string): void {
  requireFinite(y, column);
  for (let i = 0; i < y.length; i++) {
    if (!(y[i] > 0)) fail(column, i, `value ${y[i]} must be > 0 (${why})`);
  }
}

export function requireCounts(y: Float64Array, column: string, family: string): void {
  requireFinite(y, column);
  for (let i = 0; i < y.length; i++) {
    if (y[i] < 0) fail(column, i, `negative count ${y[i]} (family ${family} needs counts 0, 1, 2, ...)`);
    if (!Number.isInteger(y[i])) fail(column, i, `non-integer count ${y[i]} (family ${family} needs whole numbers)`);
  }
}

export function requireBinary(y: Float64Array, column: string): void {
  requireFinite(y, column);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) fail(column, i, `value ${y[i]} is not 0 or 1 (family bernoulli)`);
  }
}

export function requireTrials(trials: Float64Array, column: string): void {
  requireFinite(trials, column);
  for (let i = 0; i < trials.length; i++) {
    const t = trials[i];
    if (!(t > 0) || !Number.isInteger(t)) fail(column, i, `number of trials ${t} must be a positive whole number`);
  }
}

export function requireWithinTrials(y: Float64Array, trials: Float64Array, column: string, trialsColumn: string): void {
  for (let i = 0; i < y.length; i++) {
    if (y[i] > trials[i]) {
      fail(column, i, `${y[i]} successes out of ${trials[i]} trials (column "${trialsColumn}")`);
    }
  }
}

/** Programming errors between layers (wrong array lengths) are spec problems, not data problems. */
export function requireSameLength(what: string, a: { length: number }, b: { length: number }): void {
  if (a.length !== b.length) {
    throw new SpecError(`${what} has ${b.length} values but the response has ${a.length}`);
  }
}
