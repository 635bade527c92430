/**
 * Code for one linear predictor inside a generated data loop:
 * eta_i = X_i beta + sum over group terms t of Z_t,i r_t[g_t(i)], and its backward pass.
 *
 * Shared by the linear predictor's own loops (model/linear-predictor.ts) and the fused nonlinear loop
 * (model/nonlinear-kernel.ts), which keeps several predictors apart by a namespace `ns` in every
 * name. The code holds only names made here (x0, b1, R0, g0, s2, ...) and indices from formatIndex;
 * nothing from the formula or the data reaches it.
 */
import { formatIndex as int } from './format.js';
import type { KernelBindings } from './compile-kernel.js';

export interface PredictorTerm {
  /** Number of coefficients per level. */
  q: number;
  /** Level of each observation (0-based). */
  index: Int32Array;
  /** n x q, row-major. */
  Z: Float64Array;
  /** Effects r (levels x q), filled by the group-effects forward pass. */
  r: Float64Array;
  /** Gradient w.r.t. r, accumulated by the backward pass. */
  dr: Float64Array;
}

/** How each design column is read: a constant 1, or the value of a (possibly shared) loaded column. */
export type ColumnSource = { kind: 'one' } | { kind: 'x'; col: number };

export interface ColumnPlan {
  /** X's columns, contiguous, so the loops read x[i] rather than X[i * p + k]. */
  xColumns: Float64Array[];
  /** Z_t's own columns (null where the column is ones or equals an X column). */
  zColumns: (Float64Array | null)[][];
  /** Each term's level index times q: the offset of the observation's level in r. */
  offsets: Int32Array[];
  fixed: ColumnSource[];
  /** terms[t][k]: Z_t column k is a constant 1, equal to X column `col`, or its own column. */
  terms: (ColumnSource | { kind: 'z' })[][];
  /** The formula's summed offset(...) terms, added to the mean with coefficient 1; absent without them. */
  offset?: Float64Array;
}

/** Loads of X columns used anywhere, hoisted to the top of the loop body. */
export function xLoads(plan: ColumnPlan, ns = ''): string[] {
  const used = new Set<number>();
  plan.fixed.forEach((s) => s.kind === 'x' && used.add(s.col));
  for (const t of plan.terms) for (const s of t) if (s.kind === 'x') used.add(s.col);
  return [...used].sort((a, b) => a - b).map((k) => `const x${ns}${int(k)} = C${ns}${int(k)}[i];`);
}

function termValue(s: ColumnSource | { kind: 'z' }, t: number, k: number, ns: string): string | null {
  if (s.kind === 'one') return null;
  if (s.kind === 'x') return `x${ns}${int(s.col)}`;
  return `W${ns}${int(t)}_${int(k)}[i]`;
}

/** The columns, level offsets and effect arrays a predictor's code reads, bound by name. */
export function predictorBindings(plan: ColumnPlan, terms: PredictorTerm[], ns = ''): KernelBindings {
  const names: string[] = [];
  const values: unknown[] = [];
  plan.xColumns.forEach((c, k) => {
    names.push(`C${ns}${int(k)}`);
    values.push(c);
  });
  if (plan.offset) {
    names.push(`O${ns}`);
    values.push(plan.offset);
  }
  terms.forEach((t, ti) => {
    names.push(`G${ns}${int(ti)}`, `R${ns}${int(ti)}`, `D${ns}${int(ti)}`);
    values.push(plan.offsets[ti], t.r, t.dr);
    plan.zColumns[ti].forEach((c, k) => {
      if (c === null) return;
      names.push(`W${ns}${int(ti)}_${int(k)}`);
      values.push(c);
    });
  });
  return { names, values };
}

/**
 * Loop-body lines that load the group indices and the mean expression m = X_i beta + sum_t Z_t,i r_t.
 * Terms in `inRun` are read from registers set once per run of observations (see runLoop).
 */
export function meanParts(plan: ColumnPlan, terms: PredictorTerm[], ns = '', inRun: ReadonlySet<number> = new Set()): { lines: string[]; sum: string } {
  const lines = xLoads(plan, ns);
  const sum: string[] = [];
  const fromRun = fixedFromRun(plan, inRun);
  const paired = new Set([...fromRun.values()].map((u) => `${u.ti}:${u.k}`));
  plan.fixed.forEach((s, k) => {
    const coefficient = fromRun.has(k) ? `bq${ns}${int(k)}` : `b${ns}${int(k)}`;
    sum.push(s.kind === 'one' ? coefficient : `x${ns}${int(s.col)} * ${coefficient}`);
  });
  terms.forEach((_, ti) => {
    const run = inRun.has(ti);
    if (!run) lines.push(`const g${ns}${int(ti)} = G${ns}${int(ti)}[i];`);
    plan.terms[ti].forEach((s, k) => {
      if (paired.has(`${ti}:${k}`)) return; // inside its fixed column's bq
      const r = run ? `rq${ns}${int(ti)}_${int(k)}` : `R${ns}${int(ti)}[g${ns}${int(ti)}${k === 0 ? '' : ` + ${int(k)}`}]`;
      const v = termValue(s, ti, k, ns);
      sum.push(v === null ? r : `${v} * ${r}`);
    });
  });
  if (plan.offset) sum.push(`O${ns}[i]`);
  return { lines, sum: sum.length ? sum.join(' + ') : '0' };
}

/** Loop-body lines that push d (= d logp / d eta_i) into the beta sums s<k> and the effects' gradients. */
export function backpropLines(plan: ColumnPlan, terms: PredictorTerm[], ns = '', d = 'd', inRun: ReadonlySet<number> = new Set()): string[] {
  const lines: string[] = [];
  const fromRun = fixedFromRun(plan, inRun);
  plan.fixed.forEach((s, k) => {
    if (fromRun.has(k)) return; // summed once per run instead (see runLoop)
    lines.push(s.kind === 'one' ? `s${ns}${int(k)} += ${d};` : `s${ns}${int(k)} += x${ns}${int(s.col)} * ${d};`);
  });
  terms.forEach((_, ti) => {
    plan.terms[ti].forEach((s, k) => {
      const target = inRun.has(ti) ? `dq${ns}${int(ti)}_${int(k)}` : `D${ns}${int(ti)}[g${ns}${int(ti)}${k === 0 ? '' : ` + ${int(k)}`}]`;
      const v = termValue(s, ti, k, ns);
      lines.push(v === null ? `${target} += ${d};` : `${target} += ${v} * ${d};`);
    });
  });
  return lines;
}

/**
 * Fixed-effect columns that are also a column of a run-shared term (the intercept in
 * `1 + Days + (1 + Days | Subject)`, and Days): per run the coefficient and the level's effect are
 * added once (bq), so the mean reads the column once, and the fixed effect's gradient sum is the
 * sum of that term's per-run accumulators, added once per run rather than once per observation.
 * Maps the fixed column to the term column it pairs with.
 */
export function fixedFromRun(plan: ColumnPlan, inRun: ReadonlySet<number>): Map<number, { ti: number; k: number }> {
  const found = new Map<number, { ti: number; k: number }>();
  plan.fixed.forEach((f, k) => {
    for (const ti of inRun) {
      const kk = plan.terms[ti]!.findIndex((t) => t.kind === f.kind && (f.kind === 'one' || (t.kind === 'x' && t.col === f.col)));
      if (kk >= 0 && ![...found.values()].some((u) => u.ti === ti && u.k === kk)) {
        found.set(k, { ti, k: kk });
        return;
      }
    }
  });
  return found;
}

/** Loads the coefficients into registers b<ns><k>. */
export function betaLoads(p: number, ns = '', from = 'beta'): string[] {
  return Array.from({ length: p }, (_, k) => `const b${ns}${int(k)} = ${from}[${int(k)}];`);
}

/** Zeroes the effects' gradients and starts the coefficient sums s<ns><k>. */
export function gradientPrologue(p: number, terms: PredictorTerm[], ns = ''): string[] {
  const lines = terms.map((t, ti) => `for (let j = 0; j < ${int(t.dr.length)}; j++) D${ns}${int(ti)}[j] = 0;`);
  for (let k = 0; k < p; k++) lines.push(`let s${ns}${int(k)} = 0;`);
  return lines;
}

/** Adds the coefficient sums into the gradient. */
export function gradientEpilogue(p: number, ns = '', into = 'dBeta'): string[] {
  return Array.from({ length: p }, (_, k) => `${into}[${int(k)}] += s${ns}${int(k)};`);
}

