/**
 * Ascending argsort of doubles, the one sort a variable needs. NaN goes last; equal values keep their
 * input order (stable), with -0 before +0 as in TypedArray.prototype.sort.
 *
 * Least-significant-digit radix sort on the upper 32 bits of each double's order-preserving key
 * (3 passes of 11 bits), then one insertion pass on the full values to order the few draws whose
 * upper 32 bits agree. Several times faster than the built-in sort for the sizes of MCMC output.
 */

import { ScratchUint32 } from './scratch.js';

const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const DIGIT_MASK = BUCKETS - 1;

/**
 * Returns order with values[order[0]] <= values[order[1]] <= ... Writes into `out` when given
 * (length values.length).
 */
export function argsort(values: Float64Array, out?: Uint32Array): Uint32Array {
  const n = values.length;
  const result = out ?? new Uint32Array(n);
  if (n === 0) return result;
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let keys = keyScratch.take(n);
  let keysNext = keyScratchNext.take(n);
  let order = orderScratch.take(n);
  let orderNext = orderScratchNext.take(n);
  const count = countScratch.take(3 * BUCKETS).fill(0);
  // little-endian: the high word (sign, exponent, top of the mantissa) is the second of each pair
  const highOffset = littleEndian ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const high = words[2 * i + highOffset];
    // order-preserving map: flip every bit of negatives, only the sign bit of positives
    let key = high & 0x80000000 ? ~high >>> 0 : (high | 0x80000000) >>> 0;
    if (values[i] !== values[i]) key = 0xffffffff; // NaN (of either sign) last
    keys[i] = key;
    order[i] = i;
    count[key & DIGIT_MASK]++;
    count[BUCKETS + ((key >>> DIGIT_BITS) & DIGIT_MASK)]++;
    count[2 * BUCKETS + (key >>> (2 * DIGIT_BITS))]++;
  }
  for (let pass = 0; pass < 3; pass++) {
    const base = pass * BUCKETS;
    const shift = pass * DIGIT_BITS;
    if (count[base + ((keys[0] >>> shift) & DIGIT_MASK)] === n) continue; // all share this digit
    let start = 0;
    for (let b = base; b < base + BUCKETS; b++) {
      const c = count[b];
      count[b] = start;
      start += c;
    }
    // keys travel with their indices so that every pass reads sequentially
    for (let k = 0; k < n; k++) {
      const key = keys[k];
      const to = count[base + ((key >>> shift) & DIGIT_MASK)]++;
      keysNext[to] = key;
      orderNext[to] = order[k];
    }
    const swapKeys = keys;
    keys = keysNext;
    keysNext = swapKeys;
    const swapOrder = order;
    order = orderNext;
    orderNext = swapOrder;
  }
  // insertion pass on full values: only runs whose upper words tie are out of order
  result[0] = order[0];
  let previous = values[order[0]];
  for (let k = 1; k < n; k++) {
    const i = order[k];
    const v = values[i];
    if (!(previous > v)) {
      result[k] = i;
      previous = v;
      continue;
    }
    let j = k - 1;
    do {
      result[j + 1] = result[j];
      j--;
    } while (j >= 0 && values[result[j]] > v);
    result[j + 1] = i;
  }
  return result;
}

const keyScratch = new ScratchUint32();
const countScratch = new ScratchUint32();
const keyScratchNext = new ScratchUint32();
const orderScratch = new ScratchUint32();
const orderScratchNext = new ScratchUint32();
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** values gathered in the given order (into `out` when given). */
export function gather(values: Float64Array, order: Uint32Array, out: Float64Array = new Float64Array(order.length)): Float64Array {
  for (let k = 0; k < order.length; k++) out[k] = values[order[k]];
  return out;
}

/** Ascending copy; NaN last. */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const copy = values instanceof Float64Array ? values : Float64Array.from(values);
  return gather(copy, argsort(copy));
}

/** First index whose value is >= v in an ascending array (NaN counts as larger than everything). */
export function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
