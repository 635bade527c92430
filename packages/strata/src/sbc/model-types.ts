/** What an SBC model is: its spec, the parameters whose ranks are tested, and its simulator from the prior. */
import type { SbcRandom } from './random.js';

export interface SbcSpec {
  formula: string;
  family: string;
  nl?: Record<string, string>;
  /** A formula per distributional parameter (spec.ts's `dpars`). */
  dpars?: Record<string, string>;
  priors: { prior: string; class: string; coef?: string; group?: string; nlpar?: string; dpar?: string }[];
}

export interface SbcSimulation {
  /** True values by constrained (brms) name; at least every tested parameter. */
  truth: Record<string, number>;
  /** The simulated data set, as columns. */
  data: Record<string, number[] | string[]>;
}

export interface SbcModel {
  name: string;
  description: string;
  spec: SbcSpec;
  /** Constrained names whose ranks are tested. */
  parameters: readonly string[];
  /** A typical prior sd of each tested parameter (used to build a deliberately wrong posterior). */
  priorScale: Record<string, number>;
  simulate(rng: SbcRandom): SbcSimulation;
}
