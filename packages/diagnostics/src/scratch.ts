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
