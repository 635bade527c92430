/** Small pieces shared by the SBC models' simulators: level labels, gaussian responses, prior sds. */
import { getFamily } from '@strata/core';
import type { SbcRandom } from './random.js';

/** sd of a half-normal(0, 1) draw (a scale's prior sd, for a deliberately shifted posterior). */
export const HALF_NORMAL_SD = Math.sqrt(1 - 2 / Math.PI);

/** sd of a correlation under LKJ(eta) for K = 2: 2 Beta(eta, eta) - 1. */
export const lkj2Sd = (eta: number) => 2 * Math.sqrt(1 / (4 * (2 * eta + 1)));

/** Grouping-factor levels g1, g2, ... */
export function labels(n: number): string[] {
  return Array.from({ length: n }, (_, j) => `g${j + 1}`);
}

/** y_i ~ normal(eta_i, sigma) with the family's own simulate(). */
export function simulateGaussian(eta: Float64Array, sigma: number, rng: SbcRandom): number[] {
  const y = new Float64Array(eta.length);
  getFamily('gaussian').simulate(eta, [sigma], null, rng, y);
  return Array.from(y);
}
