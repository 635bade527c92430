import normalFactory from '@stdlib/random-base-normal';

/** The random numbers a chain consumes. */
export interface Rng {
  /** A standard normal draw. */
  normal(): number;
  /** A uniform draw on [0, 1). */
  uniform(): number;
  /** A copy of the generator's full state (replaying from it gives the same stream). */
  getState(): Uint32Array;
  setState(state: Uint32Array): void;
}

const UINT32_MAX = 0xffffffff;

/**
 * One Mersenne Twister per chain, seeded from (seed, chain id) so that a chain's stream does not
 * depend on which thread runs it or on what other chains do. Normal draws come from @stdlib's
 * improved ziggurat built on that generator (not on a shared one: a generator wrapped around an
 * external PRNG has no replayable state), and uniform draws from the same generator's
 * 53-bit `normalized` output, so the chain has exactly one state to keep.
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
  return new ChainRng(normalFactory.factory(0, 1, { seed: new Uint32Array([seed, chain, 0x5eed]) }) as unknown as NormalGenerator);
}

/** The factory's generator as called here: parameters bound at creation, so no arguments. */
interface NormalGenerator {
  (): number;
  readonly PRNG: () => number;
  state: Uint32Array;
}

/**
 * A class rather than an object of closures: every chain's generator then shares the same methods,
 * so the sampler's call sites stay monomorphic. (Per-chain closures made V8 deoptimise the NUTS
 * transition with "wrong call target" each time a new chain started, about 20 times per chain.)
 */
class ChainRng implements Rng {
  private readonly uniformDraw: () => number;

  constructor(private readonly normalDraw: NormalGenerator) {
    this.uniformDraw = normalDraw.PRNG;
  }

  normal(): number {
    return this.normalDraw();
  }

  uniform(): number {
    return this.uniformDraw();
  }

  getState(): Uint32Array {
    return this.normalDraw.state;
  }

  setState(state: Uint32Array): void {
    this.normalDraw.state = state;
  }
}

// Two throwaway generators, drawn from at load. Each generator is a fresh set of @stdlib
// closures; without this, V8 first optimises the sampler with chain 0's closures inlined and
// deoptimises everything that draws when chain 1 starts ("wrong call target"), then runs
// unoptimised for ~0.1 s while it recompiles. Having seen two closures at each call site from the
// start, it never specialises on one chain's (a draw then costs ~35 ns rather than ~23 ns in chain
// 0, as it did anyway from chain 1 on).
const warmGenerators = [chainRng(0, 0), chainRng(0, 1)];
for (let k = 0; k < 100; k++) {
  // Alternating, and often enough that V8 has allocated the feedback vectors that record them.
  for (const warm of warmGenerators) {
    warm.normal();
    warm.uniform();
  }
}
