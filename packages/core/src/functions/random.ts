/**
 * The one seeded uniform generator of the repository (mulberry32: a 32-bit state, period 2^32),
 * for what must be reproducible run to run but is not sampling: the registration checks of user
 * functions, test data, simulation-based calibration and benchmark inputs. Exported from
 * @strata/core; the samplers use their own MT19937 stream.
 */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
