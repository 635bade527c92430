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

/** Returns order with values[order[0]] <= values[order[1]] <= ... */
export function argsort(values: Float64Array): Uint32Array {
  const n = values.length;
  const result = new Uint32Array(n);
  if (n === 0) return result;
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const keys = keyScratch.take(n);
  const count = countScratch.take(3 * BUCKETS).fill(0);
  // little-endian: the high word (sign, exponent, top of the mantissa) is the second of each pair
  const highOffset = littleEndian ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const high = words[2 * i + highOffset];
    // order-preserving map: flip every bit of negatives, only the sign bit of positives
    let key = high & 0x80000000 ? ~high >>> 0 : (high | 0x80000000) >>> 0;
    if (values[i] !== values[i]) key = 0xffffffff; // NaN (of either sign) last
    keys[i] = key;
    count[key & DIGIT_MASK]++;
    count[BUCKETS + ((key >>> DIGIT_BITS) & DIGIT_MASK)]++;
    count[2 * BUCKETS + (key >>> (2 * DIGIT_BITS))]++;
  }
  let order = result;
  let scratch = orderScratch.take(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let pass = 0; pass < 3; pass++) {
    const base = pass * BUCKETS;
    const shift = pass * DIGIT_BITS;
    if (count[base + ((keys[0] >>> shift) & DIGIT_MASK)] === n) continue; // all share this digit
    let start = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = count[base + b];
      count[base + b] = start;
      start += c;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k];
      scratch[count[base + ((keys[i] >>> shift) & DIGIT_MASK)]++] = i;
    }
    const swap = order;
    order = scratch;
    scratch = swap;
  }
  if (order !== result) result.set(order);
  order = result;
  // insertion pass on full values: only runs whose upper words tie are out of order
  for (let k = 1; k < n; k++) {
    const i = order[k];
    const v = values[i];
    let j = k - 1;
    if (!(values[order[j]] > v)) continue;
    do {
      order[j + 1] = order[j];
      j--;
    } while (j >= 0 && values[order[j]] > v);
    order[j + 1] = i;
  }
  return order;
}

const keyScratch = new ScratchUint32();
const countScratch = new ScratchUint32();
const orderScratch = new ScratchUint32();
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** values gathered in the given order. */
export function gather(values: Float64Array, order: Uint32Array): Float64Array {
  const out = new Float64Array(order.length);
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
