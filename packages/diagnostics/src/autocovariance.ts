import type { DrawMatrix } from './draws.js';
import { fftPlan, nextPowerOfTwo } from './fft.js';
import type { Fft } from './fft.js';
import { correctedMean } from './moments.js';

/**
 * Lags computed by direct sums before switching to the FFT. A direct lag costs S multiply-adds, the
 * FFT of all lags some tens of them; well-mixing chains stop Geyer's sequence after a handful of
 * lags, so most ESS computations never need the FFT (on the benchmark, 12 to 64 perform alike).
 */
export const DIRECT_LAGS = 24;

/**
 * Mean over chains of each chain's biased autocovariance (1/N) sum_i y_i y_{i+k}, y = chain - its
 * mean, for lags 0 .. N-1 on demand. Lag 0 is exactly the mean of sum(y^2)/N (posterior rescales its
 * FFT result to make it so); chains with zero variance contribute zeros. Chains must be finite.
 */
export class MeanAutocovariance {
  readonly chains: number;
  readonly iterations: number;
  /** Centred chains, chain-major; all zeros for a constant chain. */
  readonly centred: Float64Array;
  readonly chainMeans: Float64Array;
  /** sum(y^2) per chain. */
  readonly sumsOfSquares: Float64Array;
  readonly lagZero: number;
  readonly directLags: number;
  #all?: Float64Array;
  /** Direct lags computed so far, in blocks of four (one pass over the chains fills four lags). */
  readonly #direct: Float64Array;
  #directReady = 1;

  /**
   * `buffer` (length chains x iterations) receives the centred chains when given, so that a caller
   * computing many ESS values can reuse one array.
   */
  constructor(x: DrawMatrix, options: { buffer?: Float64Array; directLags?: number } = {}) {
    const m = (this.chains = x.chains);
    const n = (this.iterations = x.iterations);
    this.directLags = options.directLags ?? DIRECT_LAGS;
    this.centred = options.buffer ?? new Float64Array(m * n);
    this.chainMeans = new Float64Array(m);
    this.sumsOfSquares = new Float64Array(m);
    const values = x.values;
    const centred = this.centred;
    let lagZero = 0;
    for (let c = 0; c < m; c++) {
      const from = c * n;
      const end = from + n;
      const first = values[from];
      let constant = true;
      let sum = 0;
      for (let i = from; i < end; i++) {
        const v = values[i];
        sum += v;
        if (v !== first) constant = false;
      }
      if (constant) {
        // posterior: zero variance means all autocovariances are zero
        this.chainMeans[c] = first;
        centred.fill(0, from, end);
        continue;
      }
      const centre = correctedMean(values, from, end, sum);
      this.chainMeans[c] = centre;
      let sumsq = 0;
      for (let i = from; i < end; i++) {
        const y = values[i] - centre;
        centred[i] = y;
        sumsq += y * y;
      }
      this.sumsOfSquares[c] = sumsq;
      lagZero += sumsq / n;
    }
    this.lagZero = m > 0 ? lagZero / m : NaN;
    this.#direct = new Float64Array(Math.min(this.directLags, n) + 3);
  }

  /** Mean autocovariance at one lag (0 <= lag < iterations). */
  at(lag: number): number {
    if (lag === 0) return this.lagZero;
    if (this.#all !== undefined) return this.#all[lag];
    if (lag < this.directLags) {
      while (this.#directReady <= lag) this.#directBlock(this.#directReady);
      return this.#direct[lag];
    }
    return this.all()[lag];
  }

  /** All lags 0 .. N-1 (by FFT). */
  all(): Float64Array {
    return (this.#all ??= this.#byFft());
  }

  /** Lags first .. first+3 by direct sums, in one pass over each chain. */
  #directBlock(first: number): void {
    const { chains: m, iterations: n, centred } = this;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let c = 0; c < m; c++) {
      const from = c * n;
      // i + first + 3 < end: all four products exist
      const blockEnd = from + n - first - 3;
      let i = from;
      for (; i < blockEnd; i++) {
        const y = centred[i];
        const j = i + first;
        s0 += y * centred[j];
        s1 += y * centred[j + 1];
        s2 += y * centred[j + 2];
        s3 += y * centred[j + 3];
      }
      // the last few products of the shorter lags
      const end = from + n;
      for (; i < end; i++) {
        const y = centred[i];
        const j = i + first;
        if (j < end) s0 += y * centred[j];
        if (j + 1 < end) s1 += y * centred[j + 1];
        if (j + 2 < end) s2 += y * centred[j + 2];
      }
    }
    const scale = 1 / (n * m);
    this.#direct[first] = s0 * scale;
    this.#direct[first + 1] = s1 * scale;
    this.#direct[first + 2] = s2 * scale;
    this.#direct[first + 3] = s3 * scale;
    this.#directReady = first + 4;
  }

  /**
   * All lags through zero-padded FFTs (length >= 2N makes the circular correlation linear). Each
   * chain's result is scaled so that its lag 0 is sum(y^2)/N exactly. The inverse transform is linear,
   * so the scaled power spectra are summed and transformed back once, and two real chains share one
   * complex forward FFT (one in the real part, one in the imaginary part).
   */
  #byFft(): Float64Array {
    const { chains: m, iterations: n, centred, sumsOfSquares } = this;
    const out = new Float64Array(n);
    if (m === 0 || n === 0) return out;
    const ws = workspaceFor(n);
    const { plan, re, im, power } = ws;
    const size = plan.size;
    const half = size >> 1;
    power.fill(0);
    for (let c = 0; c < m; c += 2) {
      const pair = c + 1 < m;
      re.fill(0);
      im.fill(0);
      re.set(centred.subarray(c * n, (c + 1) * n));
      if (pair) im.set(centred.subarray((c + 1) * n, (c + 2) * n));
      plan.forward(re, im);
      // Z = F(a + i b): F(a)[k] = (Z[k] + conj Z[-k]) / 2, F(b)[k] = (Z[k] - conj Z[-k]) / 2i; both
      // power spectra are even, so k = 0 .. N/2 suffices
      let totalFirst = 0;
      let totalSecond = 0;
      const first = ws.first;
      const second = ws.second;
      for (let k = 0; k <= half; k++) {
        const k2 = (size - k) & (size - 1);
        const sr = re[k] + re[k2];
        const si = im[k] - im[k2];
        const dr = re[k] - re[k2];
        const di = im[k] + im[k2];
        const p1 = 0.25 * (sr * sr + si * si);
        const p2 = 0.25 * (dr * dr + di * di);
        first[k] = p1;
        second[k] = p2;
        const multiplicity = k === 0 || k === half ? 1 : 2;
        totalFirst += multiplicity * p1;
        totalSecond += multiplicity * p2;
      }
      // the unnormalised inverse at lag 0 is the spectrum's total: scale that to sum(y^2) / (N m)
      const w1 = sumsOfSquares[c] > 0 ? sumsOfSquares[c] / (n * m * totalFirst) : 0;
      const w2 = pair && sumsOfSquares[c + 1] > 0 ? sumsOfSquares[c + 1] / (n * m * totalSecond) : 0;
      for (let k = 0; k <= half; k++) power[k] += w1 * first[k] + w2 * second[k];
    }
    // the summed spectrum is real and even, so its unnormalised inverse is its forward transform
    for (let k = 1; k < half; k++) power[size - k] = power[k];
    re.set(power);
    im.fill(0);
    plan.forward(re, im);
    for (let k = 1; k < n; k++) out[k] = re[k];
    out[0] = this.lagZero;
    return out;
  }
}

/** Scratch buffers for chains of one length, kept between calls so that a summary allocates little. */
interface Workspace {
  readonly plan: Fft;
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly first: Float64Array;
  readonly second: Float64Array;
  readonly power: Float64Array;
}

const workspaces = new Map<number, Workspace>();

function workspaceFor(iterations: number): Workspace {
  let ws = workspaces.get(iterations);
  if (ws === undefined) {
    const size = nextPowerOfTwo(2 * iterations);
    if (workspaces.size >= 8) workspaces.clear();
    ws = {
      plan: fftPlan(size),
      re: new Float64Array(size),
      im: new Float64Array(size),
      first: new Float64Array(size),
      second: new Float64Array(size),
      power: new Float64Array(size),
    };
    workspaces.set(iterations, ws);
  }
  return ws;
}

/** Mean autocovariance over chains, all lags 0 .. N-1, by FFT. */
function meanAutocovariance(x: DrawMatrix): Float64Array {
  return new MeanAutocovariance(x).all();
}

/** Biased autocovariance of one finite sequence, lags 0 .. N-1 (posterior's autocovariance()). */
export function autocovariance(x: ArrayLike<number>): Float64Array {
  const values = Float64Array.from(x);
  return meanAutocovariance({ chains: 1, iterations: values.length, values });
}
