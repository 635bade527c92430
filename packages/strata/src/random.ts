/**
 * The one seeded random source of strata's simulations (posterior predictions, new-level effects,
 * SBC's prior draws): @stdlib's standard normal (improved ziggurat, as the samplers' chains use) on
 * its own Mersenne Twister seeded with [seed, stream, salt], and uniforms on (0, 1) from that twister.
 * The same (seed, stream, salt) replays the same numbers; distinct salts keep the draws of different
 * uses apart for the same user seed.
 */
import normalFactory from '@stdlib/random-base-normal';
import type { RandomSource } from '@strata/core';

/** A seeded source of uniform (0, 1) and standard normal draws. */
export interface SeededRandom extends RandomSource {
  uniform(): number;
  normal(): number;
}

export const UINT32_MAX = 0xffffffff;

/** True for an integer in [0, 2^32 - 1], what the twister's seed words take. */
export function isSeedWord(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= UINT32_MAX;
}

export function seededRandom(seed: number, stream: number, salt: number): SeededRandom {
  const normal = normalFactory.factory(0, 1, { seed: new Uint32Array([seed, stream, salt]) });
  const uniform = normal.PRNG;
  return {
    normal: () => normal(),
    // The twister's [0, 1) can give 0, which -log(u) and the inverse CDFs cannot take.
    uniform: () => {
      let u = uniform();
      while (u <= 0) u = uniform();
      return u;
    },
  };
}
