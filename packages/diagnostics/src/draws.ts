/**
 * One variable's draws as a chains x iterations matrix, and the checks every diagnostic shares.
 */

/** One chain of draws of one variable. */
export type Chain = ArrayLike<number>;
/** One variable: an array of chains, all of the same length. */
export type Chains = readonly Chain[];

/** Draws of one variable, stored chain after chain (chain-major). */
export interface DrawMatrix {
  readonly chains: number;
  readonly iterations: number;
  /** Draw `i` of chain `c` is `values[c * iterations + i]`. */
  readonly values: Float64Array;
}

/** R's `.Machine$double.eps`: posterior calls draws constant when max - min is below it. */
export const DOUBLE_EPS = 2.220446049250313e-16;

/**
 * Copies chains into a DrawMatrix. Entries that are not numbers (e.g. `null` read from JSON
 * for R's NA) become NaN. Throws a RangeError when chains have different lengths.
 */
export function toDrawMatrix(
  x: Chains,
  allocate: (length: number) => Float64Array = (length) => new Float64Array(length),
): DrawMatrix {
  if (!Array.isArray(x)) {
    throw new TypeError('draws of one variable must be an array of chains (each an array of numbers)');
  }
  const chains = x.length;
  if (chains === 0) return { chains: 0, iterations: 0, values: new Float64Array(0) };
  const iterations = chainLength(x[0], 0);
  for (let c = 1; c < chains; c++) {
    const length = chainLength(x[c], c);
    if (length !== iterations) {
      throw new RangeError(
        `chain ${c + 1} has ${length} draws but chain 1 has ${iterations}: all chains of a variable need the same length`,
      );
    }
  }
  const values = allocate(chains * iterations);
  for (let c = 0; c < chains; c++) {
    const chain = x[c];
    const offset = c * iterations;
    if (chain instanceof Float64Array) {
      values.set(chain, offset);
    } else {
      for (let i = 0; i < iterations; i++) {
        const v = chain[i];
        values[offset + i] = typeof v === 'number' ? v : NaN;
      }
    }
  }
  return { chains, iterations, values };
}

function chainLength(chain: Chain | undefined, index: number): number {
  if (chain == null || typeof chain.length !== 'number') {
    throw new TypeError(`chain ${index + 1} is not an array of numbers`);
  }
  return chain.length;
}

/** All draws pooled into one array (a view or copy, not to be mutated by callers). */
export function pooled(x: Chains | Chain): Float64Array {
  if (x instanceof Float64Array) return x;
  if (isChains(x)) return toDrawMatrix(x).values;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = typeof v === 'number' ? v : NaN;
  }
  return out;
}

/** Tells an array of chains from a flat array of draws. */
function isChains(x: Chains | Chain): x is Chains {
  if (!Array.isArray(x)) return false;
  for (let i = 0; i < x.length; i++) {
    const v: unknown = x[i];
    if (v != null && typeof v === 'object') return true;
    if (typeof v === 'number') return false;
  }
  return false;
}

/** True when every value is finite (no NaN, no +-Infinity). */
export function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // v - v is NaN exactly for NaN and +-Infinity
    if (v - v !== 0) return false;
  }
  return true;
}

/** posterior's is_constant: max - min below R's double epsilon. Assumes finite values. */
export function isConstant(values: ArrayLike<number>): boolean {
  if (values.length === 0) return true;
  let min = values[0];
  let max = values[0];
  for (let i = 1; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  return Math.abs(max - min) < DOUBLE_EPS;
}

/** posterior's should_return_NA: any non-finite draw, or (numerically) constant draws. One pass. */
export function shouldReturnNaN(values: ArrayLike<number>): boolean {
  if (values.length === 0) return true;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) return true;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max - min < DOUBLE_EPS;
}
