/** Thinning posterior draws to L roughly independent ones and the SBC rank of a true value among them. */

/**
 * L draws taken evenly from the chains (each chain contributes in turn, evenly spaced within it), so
 * that successive kept draws of a chain are about (chains * iterations / L) iterations apart.
 */
export function thinDraws(chains: readonly ArrayLike<number>[], L: number): Float64Array {
  const total = chains.reduce((s, c) => s + c.length, 0);
  if (!Number.isInteger(L) || L < 1 || L > total) throw new RangeError(`cannot keep ${L} of ${total} draws`);
  const out = new Float64Array(L);
  const nChains = chains.length;
  const perChain = Array.from({ length: nChains }, (_, c) => Math.floor(L / nChains) + (c < L % nChains ? 1 : 0));
  let k = 0;
  chains.forEach((chain, c) => {
    const m = perChain[c];
    const step = chain.length / m;
    for (let j = 0; j < m; j++) out[k++] = chain[Math.min(chain.length - 1, Math.floor((j + 0.5) * step))];
  });
  return out;
}

/**
 * The rank statistic of Talts et al. (2018): the number of draws below the true value, 0..L. Ties
 * (possible only for discrete or stuck draws) are broken at random with `uniform`.
 */
export function sbcRank(truth: number, draws: ArrayLike<number>, uniform: () => number = Math.random): number {
  let below = 0;
  let ties = 0;
  for (let i = 0; i < draws.length; i++) {
    if (draws[i] < truth) below++;
    else if (draws[i] === truth) ties++;
  }
  return ties === 0 ? below : below + Math.min(ties, Math.floor(uniform() * (ties + 1)));
}
