/**
 * simulate(spec, design, { from, reps, seed }): data sets from a model spec. For replication i the
 * design (if a generator) and the parameters are drawn from the stream (seed, i), the spec is
 * compiled over the design with a placeholder response, and the response is drawn by the family's
 * own simulate() from the model's linear predictor (so every family, nonlinear formula and group
 * structure the model compiles is simulated as the model defines it).
 */
import { compile, type CompiledModel } from '@strata/core';
import { sbcRandom, type SbcRandom } from '../sbc/random.js';
import { designColumns, generateDesign, isGenerator, type Columns, type Design } from './design.js';
import { checkSource, drawTheta, type ParameterSource } from './parameters.js';

export interface SimulateOptions {
  from: ParameterSource;
  /** Number of data sets (replications 0..reps-1; default 1). */
  reps?: number;
  seed?: number;
}

export interface SimulatedData {
  /** Replication index: the stream it was drawn from. */
  index: number;
  /** True values by constrained (brms) name, group-level effects included. */
  truth: Record<string, number>;
  /** The design's columns with the simulated response. */
  data: Columns;
}

/** A placeholder response every family accepts (lognormal needs y > 0; counts accept 0). */
function placeholder(family: string): number {
  return family === 'lognormal' ? 1 : 0;
}

/** The response column a spec's formula names (`y`, `y | trials(n)`, `y | se(s)`). */
function responseColumn(model: CompiledModel): string {
  return model.structure.response.column;
}

/** Compiles the spec over design columns, with the response column set to a placeholder. */
export function compileOverDesign(spec: unknown, columns: Columns): CompiledModel {
  const formula = (spec as { formula?: unknown })?.formula;
  const family = String((spec as { family?: unknown })?.family ?? 'gaussian');
  const lhs = typeof formula === 'string' ? formula.split('~')[0].split('|')[0].trim() : '';
  const n = Object.values(columns)[0]?.length ?? 0;
  const withResponse = lhs && !(lhs in columns) ? { ...columns, [lhs]: new Array(n).fill(placeholder(family)) } : columns;
  return compile(spec, withResponse);
}

/** One data set drawn from `rng`: design (when generated), parameters, then the response. */
export function simulateOne(spec: unknown, design: Design, from: ParameterSource, rng: SbcRandom, index = 0): SimulatedData {
  const columns = isGenerator(design) ? generateDesign(design, rng) : designColumns(design);
  const model = compileOverDesign(spec, columns);
  checkSource(model, from);
  const theta = drawTheta(model, from, rng);
  const truth = model.constrainNamed(theta);
  const eta = model.linearPredictor(theta);
  const aux = model.layout.aux.map((p) => truth[p.name]);
  const s = model.structure;
  const y = new Float64Array(model.nobs);
  model.family.simulate(eta, aux, s.trials ?? s.se ?? null, rng, y);
  return { index, truth, data: { ...columns, [responseColumn(model)]: Array.from(y) } };
}

/** Replications 0..reps-1, each from its own stream (seed, i): replication i is the same whatever reps is. */
export function simulate(spec: unknown, design: Design, options: SimulateOptions): SimulatedData[] {
  const seed = options.seed ?? 1;
  return Array.from({ length: options.reps ?? 1 }, (_, i) => simulateOne(spec, design, options.from, sbcRandom(seed, i), i));
}
