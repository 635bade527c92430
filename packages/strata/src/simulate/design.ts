/**
 * Study designs: either data (the covariates are given, the response is simulated over them) or a
 * generator of a two-level design: `groups` level-2 units named `<group>1..`, `perGroup`
 * observations in each, level-1 covariates drawn per observation and level-2 covariates drawn per
 * unit (constant within it). Distributions are written as in priors: "normal(0, 1)",
 * "uniform(0, 1)", "bernoulli(0.5)", "constant(10)", "cycle(0, 1)" (the values in turn, by unit or
 * by observation within its unit), "seq(0, 1)" (evenly spaced over a unit's observations).
 */
import { StrataError } from '@strata/core';
import type { SbcRandom } from '../sbc/random.js';

export interface DesignGenerator {
  /** Number of level-2 units. */
  groups: number;
  /** Observations per unit: one number, or sizes taken in turn unit by unit. */
  perGroup: number | number[];
  /** Name of the grouping column (default "g"). */
  group?: string;
  /** Level-1 covariates: column -> distribution, drawn per observation. */
  level1?: Record<string, string>;
  /** Level-2 covariates: column -> distribution, drawn once per unit. */
  level2?: Record<string, string>;
}

export type Columns = Record<string, (number | string)[]>;

/** A design as data (columns or row objects) or as a generator. */
export type Design = DesignGenerator | { data: Columns | Record<string, number | string>[] };

export class DesignError extends StrataError {
  constructor(message: string) {
    super('DESIGN', message);
  }
}

type Draw = (unit: number, count: number, rng: SbcRandom) => number;

const DIST = /^\s*([a-z_]+)\s*\(([^)]*)\)\s*$/;

/** Parses one covariate distribution; the error names the covariate. */
export function covariateDraw(column: string, text: string): Draw {
  const m = DIST.exec(text);
  if (!m) throw new DesignError(`covariate "${column}": cannot read distribution "${text}" (e.g. "normal(0, 1)")`);
  const args = m[2].trim() === '' ? [] : m[2].split(',').map((a) => Number(a.trim()));
  if (args.some((a) => !Number.isFinite(a))) throw new DesignError(`covariate "${column}": "${text}" has an argument that is not a number`);
  const need = (n: number) => {
    if (args.length !== n) throw new DesignError(`covariate "${column}": ${m[1]} takes ${n} argument${n === 1 ? '' : 's'}, got ${args.length}`);
  };
  switch (m[1]) {
    case 'normal':
      need(2);
      return (_u, _n, rng) => args[0] + args[1] * rng.normal();
    case 'uniform':
      need(2);
      return (_u, _n, rng) => args[0] + (args[1] - args[0]) * rng.uniform();
    case 'bernoulli':
      need(1);
      if (!(args[0] >= 0 && args[0] <= 1)) throw new DesignError(`covariate "${column}": bernoulli probability must be in [0, 1], got ${args[0]}`);
      return (_u, _n, rng) => (rng.uniform() < args[0] ? 1 : 0);
    case 'constant':
      need(1);
      return () => args[0];
    case 'cycle':
      if (args.length === 0) throw new DesignError(`covariate "${column}": cycle needs at least one value`);
      return (u) => args[u % args.length];
    case 'seq':
      need(2);
      return (u, n) => (n > 1 ? args[0] + ((args[1] - args[0]) * u) / (n - 1) : args[0]);
    default:
      throw new DesignError(`covariate "${column}": unknown distribution "${m[1]}" (normal, uniform, bernoulli, constant, cycle, seq)`);
  }
}

function positiveInteger(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new DesignError(`design ${what} must be a whole number >= 1, got ${JSON.stringify(v)}`);
  return v;
}

/** Checks a generator before any work; the message names the field. */
export function checkGenerator(d: DesignGenerator): void {
  positiveInteger(d.groups, 'groups');
  const sizes = Array.isArray(d.perGroup) ? d.perGroup : [d.perGroup];
  if (sizes.length === 0) throw new DesignError('design perGroup must not be empty');
  sizes.forEach((s) => positiveInteger(s, 'perGroup'));
  const group = d.group ?? 'g';
  const seen = new Set([group]);
  for (const [level, cols] of [['level1', d.level1], ['level2', d.level2]] as const) {
    for (const [col, dist] of Object.entries(cols ?? {})) {
      if (seen.has(col)) throw new DesignError(`design column "${col}" is defined twice (${level})`);
      seen.add(col);
      covariateDraw(col, dist);
    }
  }
}

export function isGenerator(d: Design): d is DesignGenerator {
  return !('data' in d);
}

/** The covariate columns of one data set. Level-2 values are drawn first, unit by unit, then level 1. */
export function generateDesign(d: DesignGenerator, rng: SbcRandom): Columns {
  checkGenerator(d);
  const group = d.group ?? 'g';
  const sizes = Array.isArray(d.perGroup) ? d.perGroup : [d.perGroup];
  const l2 = Object.entries(d.level2 ?? {}).map(([c, t]) => [c, covariateDraw(c, t)] as const);
  const l1 = Object.entries(d.level1 ?? {}).map(([c, t]) => [c, covariateDraw(c, t)] as const);
  const out: Columns = { [group]: [] };
  for (const [c] of [...l2, ...l1]) out[c] = [];
  const unitValues = Array.from({ length: d.groups }, (_, j) => l2.map(([, draw]) => draw(j, d.groups, rng)));
  for (let j = 0; j < d.groups; j++) {
    const n = sizes[j % sizes.length];
    for (let k = 0; k < n; k++) {
      out[group].push(`${group}${j + 1}`);
      l2.forEach(([c], a) => out[c].push(unitValues[j][a]));
      for (const [c, draw] of l1) out[c].push(draw(k, n, rng));
    }
  }
  return out;
}

/** Columns of a design given as data (row objects become columns). */
export function designColumns(d: { data: Columns | Record<string, number | string>[] }): Columns {
  if (!Array.isArray(d.data)) return d.data;
  const out: Columns = {};
  const rows = d.data;
  for (const key of Object.keys(rows[0] ?? {})) out[key] = rows.map((r) => r[key]);
  return out;
}
