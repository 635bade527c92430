import stdlibExpImport from '@stdlib/math-base-special-exp';
import stdlibLnImport from '@stdlib/math-base-special-ln';
import normalFactory from '@stdlib/random-base-normal';

// Plain constants: a bundler turns each use of an import into a property read on the module
// object, which in a rarely taken branch has no type feedback and deoptimises the sampler the
// first time it runs.
const stdlibExp: (x: number) => number = stdlibExpImport;
const stdlibLn: (x: number) => number = stdlibLnImport;

/** The random numbers a chain consumes. */
export interface Rng {
  /** A standard normal draw. */
  normal(): number;
  /** Fills out[0 .. length - 1] with standard normal draws (the same stream as that many normal() calls). */
  fillNormal(out: Float64Array, length: number): void;
  /** A uniform draw on [0, 1). */
  uniform(): number;
  /** A copy of the generator's full state (replaying from it gives the same stream). */
  getState(): Uint32Array;
  setState(state: Uint32Array): void;
}

const UINT32_MAX = 0xffffffff;

/**
 * One Mersenne Twister per chain, seeded from (seed, chain id) so that a chain's stream does not
 * depend on which thread runs it or on what other chains do. The stream is exactly @stdlib's: the
 * generator is created and seeded by @stdlib/random-base-normal, and its state array (in @stdlib's
 * documented layout, so getState/setState interoperate with @stdlib's generators) then drives
 * MT19937 and the improved ziggurat (Doornik 2005) written out below, as @stdlib computes them.
 * Normal draws use the ziggurat, uniform draws MT19937's 53-bit `normalized` output, so the chain
 * has exactly one state to keep.
 */
export function chainRng(seed: number, chain: number): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed > UINT32_MAX) {
    throw new RangeError(`seed must be an integer in [0, ${UINT32_MAX}], got ${seed}`);
  }
  if (!Number.isInteger(chain) || chain < 0 || chain > UINT32_MAX) {
    throw new RangeError(`chain id must be a non-negative integer, got ${chain}`);
  }
  // A seed array is mixed into mt19937's initial state by init_by_array: distinct pairs give
  // unrelated streams.
  const seeded = normalFactory.factory(0, 1, { seed: new Uint32Array([seed, chain, 0x5eed]) }) as unknown as { state: Uint32Array };
  return new ChainRng(seeded.state);
}

// @stdlib's MT19937 state array: | version | sections | N | N words | 1 | index | seed length | seed... |
const N = 624;
const M = 397;
const STATE_VERSION = 1;
const WORDS_AT = 3;
const INDEX_AT = N + 4;
const FIXED_LENGTH = N + 6;
// As int32 (the words are handled through an Int32Array view).
const UPPER_MASK = 0x80000000 | 0;
const LOWER_MASK = 0x7fffffff;
const MATRIX_A = 0x9908b0df | 0;
const TEMPER_B = 0x9d2c5680 | 0;
const TEMPER_C = 0xefc60000 | 0;
const TWO_26 = 67108864;
const TO_UNIT = 1 / 9007199254740992; // 2^-53

// Improved ziggurat with 128 blocks: X[i] are the block edges (equal areas), R[i] = X[i+1] / X[i].
// Computed with @stdlib's exp and ln, as @stdlib computes its tables, so the draws agree bit for bit.
const BLOCKS = 128;
const TAIL_START = 3.442619855899;
const BLOCK_AREA = 9.91256303526217e-3;
const X = new Float64Array(BLOCKS + 1);
const R = new Float64Array(BLOCKS);
{
  let f = stdlibExp(-0.5 * TAIL_START * TAIL_START);
  X[0] = BLOCK_AREA / f;
  X[1] = TAIL_START;
  for (let i = 2; i < BLOCKS; i++) {
    X[i] = Math.sqrt(-2 * stdlibLn(BLOCK_AREA / X[i - 1] + f));
    f = stdlibExp(-0.5 * X[i] * X[i]);
  }
  X[BLOCKS] = 0;
  for (let i = 0; i < BLOCKS; i++) R[i] = X[i + 1] / X[i];
}

/**
 * Regenerates the N words of the state in place. On an Int32Array view the whole recurrence stays
 * in 32-bit integer arithmetic (4x faster than on the Uint32Array, whose words above 2^31 are not
 * small integers to V8); the bits are the same.
 */
function twist(s: Int32Array): void {
  let i = 0;
  for (; i < N - M; i++) {
    const w = (s[i] & UPPER_MASK) | (s[i + 1] & LOWER_MASK);
    s[i] = s[i + M] ^ (w >>> 1) ^ (-(w & 1) & MATRIX_A);
  }
  for (; i < N - 1; i++) {
    const w = (s[i] & UPPER_MASK) | (s[i + 1] & LOWER_MASK);
    s[i] = s[i + M - N] ^ (w >>> 1) ^ (-(w & 1) & MATRIX_A);
  }
  const w = (s[N - 1] & UPPER_MASK) | (s[0] & LOWER_MASK);
  s[N - 1] = s[M - 1] ^ (w >>> 1) ^ (-(w & 1) & MATRIX_A);
}

/**
 * A class with the generator written out, rather than @stdlib's closures: every chain shares the
 * same methods (monomorphic call sites), V8 inlines the common path into the sampler, and no draw
 * leaves a closure as a boxed double (the momentum draws were ~730 bytes of garbage per transition
 * at d = 42, and ~36 ns a draw).
 */
class ChainRng implements Rng {
  /** @stdlib's state array; its index entry is brought up to date by getState. */
  private state!: Uint32Array;
  /** The N words, as int32 (a view of state). */
  private words!: Int32Array;
  private index = 0;

  constructor(state: Uint32Array) {
    this.setState(state);
  }

  /** The next tempered 32-bit output, as a non-negative number. */
  private next(): number {
    let i = this.index;
    if (i >= N) {
      twist(this.words);
      i = 0;
    }
    let r = this.words[i];
    this.index = i + 1;
    r ^= r >>> 11;
    r ^= (r << 7) & TEMPER_B;
    r ^= (r << 15) & TEMPER_C;
    r ^= r >>> 18;
    return r >>> 0;
  }

  uniform(): number {
    const hi = this.next() >>> 5;
    const lo = this.next() >>> 6;
    return (hi * TWO_26 + lo) * TO_UNIT;
  }

  normal(): number {
    const u = 2 * this.uniform() - 1;
    const i = this.next() & (BLOCKS - 1);
    return Math.abs(u) < R[i] ? u * X[i] : this.slowNormal(u, i);
  }

  fillNormal(out: Float64Array, length: number): void {
    for (let k = 0; k < length; k++) {
      // The rectangle test passes ~98.8% of the time; the rest takes the out-of-line path.
      const u = 2 * this.uniform() - 1;
      const i = this.next() & (BLOCKS - 1);
      // Two stores, not one store of a conditional: a value that is either a computed double or
      // a call's result is boxed (an allocation per draw).
      if (Math.abs(u) < R[i]) out[k] = u * X[i];
      else out[k] = this.slowNormal(u, i);
    }
  }

  /**
   * The try (u, i) missed its rectangle: sample the bottom block's tail or the wedge, and on a
   * rejection try afresh (the rest of @stdlib's loop, in the same order of draws).
   */
  private slowNormal(u: number, i: number): number {
    for (;;) {
      if (i === 0) {
        let x: number;
        let y: number;
        do {
          x = stdlibLn(this.uniform()) / TAIL_START;
          y = stdlibLn(this.uniform());
        } while (-2 * y < x * x);
        return u < 0 ? x - TAIL_START : TAIL_START - x;
      }
      const x = u * X[i];
      const x2 = x * x;
      const f0 = stdlibExp(-0.5 * (X[i] * X[i] - x2));
      const f1 = stdlibExp(-0.5 * (X[i + 1] * X[i + 1] - x2));
      if (f1 + this.uniform() * (f0 - f1) < 1) return x;
      u = 2 * this.uniform() - 1;
      i = this.next() & (BLOCKS - 1);
      if (Math.abs(u) < R[i]) return u * X[i];
    }
  }

  /**
   * Runs every branch once on a throwaway generator. V8 optimises code with the type feedback
   * it has seen, and code never run has none: without this, the sampler is optimised before the
   * first tail or wedge draw and deoptimised (then recompiled) when one comes, in the first chain.
   */
  static warmUp(): void {
    const seeded = normalFactory.factory(0, 1, { seed: new Uint32Array([0, 0, 0x5eed]) }) as unknown as { state: Uint32Array };
    const warm = new ChainRng(seeded.state);
    const buffer = new Float64Array(BLOCKS);
    // Few enough calls that V8 does not optimise anything yet (it would do so without the
    // feedback still to come); u near 1 makes wedge draws reject and try afresh, smaller u accept.
    for (const u of [0.3, -0.6, 0.9, 0.999]) {
      warm.slowNormal(u, 0);
      for (let i = 1; i < BLOCKS; i += 3) warm.slowNormal(u, i);
    }
    warm.fillNormal(buffer, buffer.length);
    warm.normal();
  }

  getState(): Uint32Array {
    const copy = Uint32Array.from(this.state);
    copy[INDEX_AT] = this.index;
    return copy;
  }

  setState(state: Uint32Array): void {
    if (!(state instanceof Uint32Array)) throw new TypeError('Rng state must be a Uint32Array');
    if (state.length < FIXED_LENGTH + 1 || state[0] !== STATE_VERSION || state[1] !== 3 || state[2] !== N || state[N + 3] !== 1 || state[N + 5] !== state.length - FIXED_LENGTH || state[INDEX_AT] > N) {
      throw new RangeError('Rng state is not an MT19937 state array in @stdlib layout (version 1)');
    }
    this.state = Uint32Array.from(state);
    this.words = new Int32Array(this.state.buffer, WORDS_AT * 4, N);
    this.index = state[INDEX_AT];
  }
}

ChainRng.warmUp();
