/**
 * The `init` fit option (as Stan's): starting values on the constrained scale by brms name
 * (b_x, sigma, sd_g__x, ...), mapped to the unconstrained vector the sampler starts from through the
 * model's own transforms. Coordinates not given start uniform(-initRadius, initRadius), drawn from a
 * stream of their own (seed, chain + 1e6), so runs without init keep exactly today's draws.
 * Group-level effects (r_) and correlations (cor_) are refused: they live behind the non-centred
 * z and Cholesky factors, and starting them is not supported.
 */
import type { CompiledModel } from '@strata/core';
import { chainRng } from '@strata/samplers';
import { FitOptionsError } from './fit-options.js';
import { scalarParams } from './rescale/sampling-units.js';

/** Constrained starting values by parameter name. */
export type InitValues = Readonly<Record<string, number>>;

function one(model: CompiledModel, values: unknown, label: string, seed: number, chain: number, radius: number): Float64Array {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) throw new FitOptionsError(`${label} must be an object of parameter values by name`, 'init');
  const params = new Map(scalarParams(model).map((p) => [p.name, p]));
  const theta = new Float64Array(model.dimension);
  const rng = chainRng(seed, chain + 1_000_000);
  for (let i = 0; i < theta.length; i++) theta[i] = radius * (2 * rng.uniform() - 1);
  for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
    const param = params.get(name);
    if (!param) {
      const why = /^(r_|cor_|z_|L_)/.test(name) ? 'group-level effects and correlations cannot be initialised' : 'not a parameter of this model';
      throw new FitOptionsError(`${label}: "${name}": ${why}; initialisable: ${[...params.keys()].join(', ')}`, 'init');
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new FitOptionsError(`${label}: "${name}" must be a finite number, got ${String(value)}`, 'init');
    const { lower, upper } = param.transform;
    if (!(value > lower && value < upper)) throw new FitOptionsError(`${label}: "${name}" = ${value} is outside its bounds (${lower}, ${upper})`, 'init');
    theta[param.offset] = param.transform.unconstrain(value, name);
  }
  return theta;
}

/** One unconstrained start per chain (model scale), or a one-line FitOptionsError naming the parameter. */
export function userInits(model: CompiledModel, init: unknown, chains: number, seed: number, radius: number): Float64Array[] {
  if (Array.isArray(init)) {
    if (init.length !== chains) throw new FitOptionsError(`init has ${init.length} entries but there are ${chains} chains`, 'init');
    return init.map((v, c) => one(model, v, `init[${c}]`, seed, c, radius));
  }
  return Array.from({ length: chains }, (_, c) => one(model, init, 'init', seed, c, radius));
}
