/**
 * When no chain can start (the samplers' InitializationError), the model or the data is at fault,
 * not Strata: turn it into a typed, one-line user error that says what was tried, why the last point
 * failed, which data row has a non-finite log-likelihood there, and what to check.
 */
import { StrataError, type CompiledModel } from '@strata/core';

/** No starting point with a finite log density: a problem with the model or the data. */
export class ModelInitError extends StrataError {
  constructor(
    message: string,
    /** Starting points tried by the chain that failed first. */
    readonly attempts: number,
    /** Why the last point failed. */
    readonly reason: string,
    /** 1-based data row (header excluded) whose log-likelihood is not finite at the last point, if one was found. */
    readonly row?: number,
  ) {
    super('INIT', message);
  }
}

interface InitFailure {
  attempts: number;
  where: string;
  reason: string;
  lastPosition?: Float64Array;
}

// Within this thread the error keeps its fields; from a worker thread comlink passes on only the
// name and message, so the message (written by the samplers' InitializationError) is parsed instead.
const MESSAGE = /^Initialization failed after (\d+) attempts? (.*?): (.*?)\.?$/s;

/** The InitializationError in an error's cause chain (ChainError wraps it), or null. */
export function findInitFailure(error: unknown): InitFailure | null {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.name !== 'InitializationError') continue;
    const f = e as Error & Partial<InitFailure>;
    if (typeof f.attempts === 'number' && typeof f.reason === 'string' && typeof f.where === 'string') {
      return { attempts: f.attempts, where: f.where, reason: f.reason, ...(f.lastPosition instanceof Float64Array && { lastPosition: f.lastPosition }) };
    }
    const m = MESSAGE.exec(e.message);
    return m ? { attempts: Number(m[1]), where: m[2], reason: m[3] } : { attempts: 0, where: '', reason: e.message };
  }
  return null;
}

/** 1-based source row of observation i (0-based among the rows kept), skipping rows dropped for missing values. */
function sourceRow(i: number, dropped: readonly number[]): number {
  let row = i + 1;
  for (const d of [...dropped].sort((a, b) => a - b)) if (d <= row) row++;
  return row;
}

/** The first observation whose log-likelihood is not finite at theta, with how many are not. */
export function firstNonFiniteRow(model: CompiledModel, theta: Float64Array): { row: number; value: number; count: number } | null {
  let ll: Float64Array;
  try {
    ll = model.pointwiseLogLik(theta);
  } catch {
    return null; // the diagnosis is a bonus; the error is reported without it
  }
  let first = -1;
  let count = 0;
  for (let i = 0; i < ll.length; i++) {
    if (Number.isFinite(ll[i])) continue;
    if (first < 0) first = i;
    count++;
  }
  return first < 0 ? null : { row: sourceRow(first, model.dropped.rows), value: ll[first], count };
}

/** The user-facing error for an initialisation failure of this model. */
export function modelInitError(model: CompiledModel, failure: InitFailure): ModelInitError {
  // The last point tried when it is known (chains in this thread), else zero (what initRadius: 0 tries).
  const known = failure.lastPosition?.length === model.dimension;
  const theta = known ? failure.lastPosition! : new Float64Array(model.dimension);
  const bad = firstNonFiniteRow(model, theta);
  const tried = failure.attempts > 0 ? ` after ${failure.attempts} starting point${failure.attempts === 1 ? '' : 's'}${failure.where ? ` ${failure.where}` : ''}` : '';
  const rowText = bad
    ? `; at ${known ? 'the last point tried' : 'zero'} the log-likelihood of data row ${bad.row} is ${bad.value}${bad.count > 1 ? ` (${bad.count} of ${model.nobs} rows are not finite)` : ''}`
    : '';
  const message =
    `cannot start sampling: the log density is not finite${tried} (last reason: ${failure.reason})${rowText}. ` +
    'Check the model and data for division by zero, log or sqrt of non-positive values, and extreme response values';
  return new ModelInitError(message, failure.attempts, failure.reason, bad?.row);
}
