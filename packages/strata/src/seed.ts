/** The default seed when none is given: random (CSPRNG), and reported so the run can be repeated. */
import { randomInt } from 'node:crypto';

/** A uniformly random seed in [0, 2^32 - 1], the samplers' seed range. */
export function randomSeed(): number {
  return randomInt(0, 0x1_0000_0000);
}
