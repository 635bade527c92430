/**
 * One simulate-and-fit replication, the unit of power analyses and recovery checks: data set i of a
 * cell is drawn from the stream (seed, i), fitted with the seed replicationSeed(seed, i) in one
 * thread, and reduced to the posterior summaries of the tested parameters and the decisions on them.
 * Nothing in the result depends on where or when it ran (no timings), so a job gives the same bytes
 * in any process.
 */
import { fit } from '../fit.js';
import { decide, decisionLabel, type Decision } from '../power/decision.js';
import { sbcRandom } from '../sbc/random.js';
import { replicationSeed } from '../sbc/run.js';
import type { Design } from './design.js';
import type { ParameterSource } from './parameters.js';
import { simulateOne } from './simulate.js';

/** Sampler settings of every fit in a study (each fit runs in one thread; jobs run in parallel). */
export interface FitSettings {
  chains: number;
  warmup: number;
  draws: number;
  adaptDelta?: number;
}

export interface SimFitCell {
  design: Design;
  from: ParameterSource;
  /** What distinguishes the cell in reports (groups, perGroup, effect sizes). */
  label: Record<string, number>;
}

export interface SimFitStudy {
  kind: 'simfit';
  spec: unknown;
  cells: SimFitCell[];
  /** Replications per cell; job i is replication i % reps of cell floor(i / reps). */
  reps: number;
  seed: number;
  fit: FitSettings;
  /** Parameters to summarise (constrained names). */
  parameters: string[];
  decisions: Decision[];
}

export interface ParameterEstimate {
  truth: number;
  mean: number;
  sd: number;
  q5: number;
  q95: number;
}

export interface SimFitResult {
  index: number;
  cell: number;
  rep: number;
  estimates: Record<string, ParameterEstimate>;
  /** Per decision label: whether this replication declares the effect. */
  decisions: Record<string, boolean>;
  divergent: number;
  /** Largest R-hat over the tested parameters. */
  maxRhat: number;
}

export async function runSimFitJob(study: SimFitStudy, index: number): Promise<SimFitResult> {
  const cellIndex = Math.floor(index / study.reps);
  const cell = study.cells[cellIndex];
  if (!cell) throw new RangeError(`job ${index} is outside the study (${study.cells.length} cells x ${study.reps} reps)`);
  const sim = simulateOne(study.spec, cell.design, cell.from, sbcRandom(study.seed, index), index);
  const result = await fit(study.spec, sim.data, {
    chains: study.fit.chains,
    warmup: study.fit.warmup,
    draws: study.fit.draws,
    seed: replicationSeed(study.seed, index),
    parallel: 1,
    progressBar: false,
    ...(study.fit.adaptDelta !== undefined && { adaptDelta: study.fit.adaptDelta }),
  });
  const rows = result.estimates(study.parameters);
  const estimates: Record<string, ParameterEstimate> = {};
  for (const r of rows) estimates[r.name] = { truth: sim.truth[r.name], mean: r.mean, sd: r.sd, q5: r.q5, q95: r.q95 };
  const decisions: Record<string, boolean> = {};
  for (const d of study.decisions) decisions[decisionLabel(d)] = decide(d, rows.find((r) => r.name === d.parameter)!);
  const rhats = result.summary({ variables: study.parameters, measures: ['rhat'] }).variables.map((v) => Number(v.rhat));
  const divergent = result.run.chains.reduce((s, c) => s + c.stats.divergent__.reduce((a, b) => a + b, 0), 0);
  return { index, cell: cellIndex, rep: index % study.reps, estimates, decisions, divergent, maxRhat: Math.max(...rhats) };
}
