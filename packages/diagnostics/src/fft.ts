/**
 * In-place radix-2 complex FFT on separate real / imaginary Float64Arrays. One plan per size holds
 * the twiddle factors and the bit-reversal permutation, so repeated transforms allocate nothing.
 */
export class Fft {
  readonly size: number;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly reversed: Uint32Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1 || (size & (size - 1)) !== 0 || size > 2 ** 30) {
      throw new RangeError(`FFT size must be a power of two (got ${size})`);
    }
    this.size = size;
    const half = size >> 1;
    this.cos = new Float64Array(half);
    this.sin = new Float64Array(half);
    for (let k = 0; k < half; k++) {
      // direct evaluation (no recurrence) keeps every twiddle within an ulp
      const angle = (2 * Math.PI * k) / size;
      this.cos[k] = Math.cos(angle);
      this.sin[k] = Math.sin(angle);
    }
    this.reversed = new Uint32Array(size);
    const bits = Math.log2(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0, v = i; b < bits; b++, v >>= 1) r = (r << 1) | (v & 1);
      this.reversed[i] = r;
    }
  }

  /** X[k] = sum_j x[j] exp(-2 pi i j k / N), in place. */
  forward(re: Float64Array, im: Float64Array): void {
    this.check(re, im);
    this.transform(re, im);
  }

  /** x[j] = (1/N) sum_k X[k] exp(+2 pi i j k / N), in place. */
  inverse(re: Float64Array, im: Float64Array): void {
    this.check(re, im);
    // conj(DFT(conj(z))) = DFT with real and imaginary parts swapped
    this.transform(im, re);
    const scale = 1 / this.size;
    for (let i = 0; i < this.size; i++) {
      re[i] *= scale;
      im[i] *= scale;
    }
  }

  private check(re: Float64Array, im: Float64Array): void {
    if (re.length !== this.size || im.length !== this.size) {
      throw new RangeError(`FFT of size ${this.size} given arrays of length ${re.length} and ${im.length}`);
    }
  }

  private transform(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    const reversed = this.reversed;
    for (let i = 0; i < n; i++) {
      const j = reversed[i];
      if (j > i) {
        const tr = re[i];
        re[i] = re[j];
        re[j] = tr;
        const ti = im[i];
        im[i] = im[j];
        im[j] = ti;
      }
    }
    // first stage: butterflies of size 2 need no twiddles
    for (let a = 0; a + 1 < n; a += 2) {
      const b = a + 1;
      const tr = re[b];
      const ti = im[b];
      re[b] = re[a] - tr;
      im[b] = im[a] - ti;
      re[a] += tr;
      im[a] += ti;
    }
    const cos = this.cos;
    const sin = this.sin;
    for (let span = 4; span <= n; span <<= 1) {
      const half = span >> 1;
      const stride = n / span;
      for (let j = 0, k = 0; j < half; j++, k += stride) {
        const wr = cos[k];
        const wi = -sin[k];
        for (let a = j; a < n; a += span) {
          const b = a + half;
          const xr = re[b];
          const xi = im[b];
          const tr = wr * xr - wi * xi;
          const ti = wr * xi + wi * xr;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
  }
}

const plans = new Map<number, Fft>();

/** Shared plan for a power-of-two size. */
export function fftPlan(size: number): Fft {
  let plan = plans.get(size);
  if (plan === undefined) {
    plan = new Fft(size);
    plans.set(size, plan);
  }
  return plan;
}

/** Smallest power of two >= n (and >= 1). */
export function nextPowerOfTwo(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}
