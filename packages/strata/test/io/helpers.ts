import type { CmdStanChainInput, CmdStanCsvInput } from '../../src/io/index.js';

/** A small, fully specified run: P parameters, `rows` draws per chain, values from a formula. */
export function makeRun(names: string[], rows: number, chains = 2, overrides: Partial<CmdStanCsvInput> = {}): CmdStanCsvInput {
  const P = names.length;
  const chain = (k: number): CmdStanChainInput => ({
    chainId: k + 1,
    draws: Float64Array.from({ length: rows * P }, (_, i) => Math.sin(i + 7 * k) * 10 ** ((i % 5) - 2)),
    stats: {
      lp__: Float64Array.from({ length: rows }, (_, r) => -10 - r / 3),
      accept_stat__: Float64Array.from({ length: rows }, (_, r) => 0.5 + r / (2 * rows)),
      stepsize__: new Float64Array(rows).fill(0.3 + k / 10),
      treedepth__: Int32Array.from({ length: rows }, (_, r) => 1 + (r % 4)),
      n_leapfrog__: Int32Array.from({ length: rows }, (_, r) => 2 ** (1 + (r % 4)) - 1),
      divergent__: Uint8Array.from({ length: rows }, (_, r) => (r === 1 ? 1 : 0)),
      energy__: Float64Array.from({ length: rows }, (_, r) => 12 + r / 7),
    },
    stepSize: 0.3 + k / 10,
    invMetric: Float64Array.from({ length: P }, (_, j) => 1 + j / 10),
    warmupSeconds: 0.125 + k,
    samplingSeconds: 0.25 + k,
  });
  return {
    names,
    model: 'sleepstudy',
    seed: 1234,
    numWarmup: 1000,
    numSamples: rows,
    adaptDelta: 0.8,
    maxDepth: 10,
    chains: Array.from({ length: chains }, (_, k) => chain(k)),
    ...overrides,
  };
}

export const SLEEPSTUDY_NAMES = [
  'b_Intercept',
  'b_Days',
  'sigma',
  'sd_Subject__Intercept',
  'sd_Subject__Days',
  'cor_Subject__Intercept__Days',
  'r_Subject[308,Intercept]',
  'r_Subject[309,Intercept]',
  'r_Subject[308,Days]',
  'r_Subject[309,Days]',
  'b_age:SexFemale',
  'z[1,2]',
];
