/**
 * A power analysis as a simulate-and-fit study: a grid over numbers of groups x per-group sizes
 * (x effect sizes: values of chosen parameters of the truth), `reps` data sets per cell, each fitted,
 * and decision rules applied to each fit. Power per cell and decision is the share of replications
 * that declare the effect, with its Monte Carlo standard error sqrt(p (1 - p) / reps).
 */
import { checkGenerator, DesignError, generateDesign, type DesignGenerator } from '../simulate/design.js';
import { checkSource, populationNames } from '../simulate/parameters.js';
import type { FitSettings, SimFitCell, SimFitResult, SimFitStudy } from '../simulate/simfit.js';
import { compileOverDesign } from '../simulate/simulate.js';
import { sbcRandom } from '../sbc/random.js';
import { checkDecision, decisionLabel, type Decision } from './decision.js';

export interface PowerDesign {
  model: unknown;
  design: DesignGenerator;
  truth: Record<string, number>;
  grid?: { groups?: number[]; perGroup?: number[]; effects?: Record<string, number[]> };
  decisions: Decision[];
  fit?: Partial<FitSettings>;
}

export const DEFAULT_POWER_FIT: FitSettings = { chains: 2, warmup: 300, draws: 300 };

function list(v: unknown, what: string, fallback: number[]): number[] {
  if (v === undefined) return fallback;
  if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
    throw new DesignError(`grid ${what} must be a non-empty list of numbers, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Expands the grid into cells and checks everything (design, truth, decisions) before any job runs. */
export function powerStudy(d: PowerDesign, reps: number, seed: number): SimFitStudy {
  if (!d || typeof d !== 'object') throw new DesignError('the power design must be a JSON object');
  for (const key of ['model', 'design', 'truth', 'decisions'] as const) if (d[key] === undefined) throw new DesignError(`the power design has no "${key}"`);
  if (!Number.isInteger(reps) || reps < 1) throw new DesignError(`--reps must be a whole number >= 1, got ${reps}`);
  checkGenerator(d.design);
  const groups = list(d.grid?.groups, 'groups', [d.design.groups]);
  const perGroup = list(d.grid?.perGroup, 'perGroup', Array.isArray(d.design.perGroup) ? [d.design.perGroup[0]] : [d.design.perGroup]);
  const effects = Object.entries(d.grid?.effects ?? {}).map(([p, v]) => [p, list(v, `effects.${p}`, [])] as const);
  // One compile over the base design checks the spec, the truth and the decision parameters.
  const probe = compileOverDesign(d.model, generateDesign(d.design, sbcRandom(seed, 0)));
  checkSource(probe, d.truth);
  const names = populationNames(probe);
  for (const [p] of effects) if (!names.includes(p)) throw new DesignError(`grid effects: ${p} is not a parameter of the model (parameters: ${names.join(', ')})`);
  if (!Array.isArray(d.decisions) || d.decisions.length === 0) throw new DesignError('the power design needs at least one decision');
  d.decisions.forEach((x) => checkDecision(x, names));
  const cells: SimFitCell[] = [];
  const combos = effects.reduce<Record<string, number>[]>((acc, [p, vs]) => acc.flatMap((c) => vs.map((v) => ({ ...c, [p]: v }))), [{}]);
  for (const G of groups) {
    for (const n of perGroup) {
      for (const combo of combos) {
        cells.push({ design: { ...d.design, groups: G, perGroup: n }, from: { ...d.truth, ...combo }, label: { groups: G, perGroup: n, ...combo } });
      }
    }
  }
  const fit = { ...DEFAULT_POWER_FIT, ...d.fit };
  const parameters = [...new Set(d.decisions.map((x) => x.parameter))];
  return { kind: 'simfit', spec: d.model, cells, reps, seed, fit, parameters, decisions: d.decisions };
}

export interface PowerCell {
  label: Record<string, number>;
  reps: number;
  /** Per decision label: share declared and its Monte Carlo SE. */
  power: Record<string, { power: number; mcse: number }>;
  /** Replications with any divergent transition, and the largest R-hat, as a check on the fits. */
  divergentReps: number;
  maxRhat: number;
}

export interface PowerResult {
  reps: number;
  seed: number;
  fit: FitSettings;
  decisions: string[];
  cells: PowerCell[];
}

export function summarisePower(study: SimFitStudy, results: SimFitResult[]): PowerResult {
  const labels = study.decisions.map(decisionLabel);
  const cells = study.cells.map((cell, c): PowerCell => {
    const rs = results.filter((r) => r.cell === c);
    const power: PowerCell['power'] = {};
    for (const l of labels) {
      const p = rs.filter((r) => r.decisions[l]).length / rs.length;
      power[l] = { power: p, mcse: Math.sqrt((p * (1 - p)) / rs.length) };
    }
    return { label: cell.label, reps: rs.length, power, divergentReps: rs.filter((r) => r.divergent > 0).length, maxRhat: Math.max(...rs.map((r) => r.maxRhat)) };
  });
  return { reps: study.reps, seed: study.seed, fit: study.fit, decisions: labels, cells };
}
