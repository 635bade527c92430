/**
 * Reusable buffers for intermediate arrays that never leave the function using them. Allocating a
 * large typed array costs several microseconds (zero-filled memory outside the JS heap), which adds
 * up over thousands of variables. Each caller owns one named slot; results are never pooled.
 */
export class ScratchFloat64 {
  #buffer = new Float64Array(0);
  /** A view of exactly `length` elements; contents are whatever the previous use left. */
  take(length: number): Float64Array {
    if (this.#buffer.length < length) this.#buffer = new Float64Array(Math.max(length, 2 * this.#buffer.length));
    return this.#buffer.length === length ? this.#buffer : this.#buffer.subarray(0, length);
  }
}

export class ScratchUint32 {
  #buffer = new Uint32Array(0);
  take(length: number): Uint32Array {
    if (this.#buffer.length < length) this.#buffer = new Uint32Array(Math.max(length, 2 * this.#buffer.length));
    return this.#buffer.length === length ? this.#buffer : this.#buffer.subarray(0, length);
  }
}

/** The arrays a VariableDraws derives from its draws. */
export type ArraySlot =
  | 'draws' | 'order' | 'sorted' | 'split' | 'splitPositions' | 'zSplit' | 'folded' | 'foldedOrder' | 'zFoldedSplit';

/**
 * Where VariableDraws gets its derived arrays: fresh ones by default, or (in summarizeDraws, which
 * keeps only numbers from each variable) one set reused from variable to variable.
 */
export interface ArrayProvider {
  float64(slot: ArraySlot, length: number): Float64Array;
  uint32(slot: ArraySlot, length: number): Uint32Array;
  int32(slot: ArraySlot, length: number): Int32Array;
}

export const freshArrays: ArrayProvider = {
  float64: (_slot, length) => new Float64Array(length),
  uint32: (_slot, length) => new Uint32Array(length),
  int32: (_slot, length) => new Int32Array(length),
};

/** Hands out the same array for a slot every time (re-allocated only when the length changes). */
export class ReusedArrays implements ArrayProvider {
  readonly #float64 = new Map<ArraySlot, Float64Array>();
  readonly #uint32 = new Map<ArraySlot, Uint32Array>();
  readonly #int32 = new Map<ArraySlot, Int32Array>();

  float64(slot: ArraySlot, length: number): Float64Array {
    return reuse(this.#float64, slot, length, (n) => new Float64Array(n));
  }
  uint32(slot: ArraySlot, length: number): Uint32Array {
    return reuse(this.#uint32, slot, length, (n) => new Uint32Array(n));
  }
  int32(slot: ArraySlot, length: number): Int32Array {
    return reuse(this.#int32, slot, length, (n) => new Int32Array(n));
  }
}

function reuse<T extends { length: number }>(
  map: Map<ArraySlot, T>,
  slot: ArraySlot,
  length: number,
  make: (length: number) => T,
): T {
  let array = map.get(slot);
  if (array === undefined || array.length !== length) {
    array = make(length);
    map.set(slot, array);
  }
  return array;
}
