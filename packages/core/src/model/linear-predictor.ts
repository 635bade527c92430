/**
 * One linear predictor (the whole model's, or one nonlinear parameter's stage-2 formula):
 * eta_i = X_i beta + sum over group terms t of Z_t,i r_t[g_t(i)].
 *
 * The two data loops (forward: eta; backward: X' dEta and Z_t' dEta) are generated per model as
 * straight-line JavaScript with the number of coefficients unrolled, so each observation costs a few
 * loads and multiply-adds: a column of ones (the intercept) is never loaded, and a Z column equal to
 * an X column (Days in `Days + (1 + Days | Subject)`) is loaded once. The generated source contains
 * only names the generator makes (x0, r1, ...) and integer literals it formats itself; nothing from the
 * formula or the data reaches it.
 */

import type { FusedLikelihoodCode } from '../families/index.js';
import { chooseRuns, type Runs } from './runs.js';

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

type ForwardKernel = (beta: Float64Array, eta: Float64Array) => void;
type BackwardKernel = (dEta: Float64Array, dBeta: Float64Array) => void;

export class LinearPredictor {
  readonly n: number;
  readonly p: number;
  readonly terms: PredictorTerm[];
  readonly X: Float64Array;
  /** How each design column is read (shared with the nonlinear fused kernel). */
  readonly plan: ColumnPlan;
  private readonly forwardKernel: ForwardKernel;
  private readonly backwardKernel: BackwardKernel;

  constructor(n: number, p: number, X: Float64Array, terms: PredictorTerm[]) {
    this.n = n;
    this.p = p;
    this.terms = terms;
    this.X = X;
    this.plan = planColumns(n, p, X, terms);
    this.forwardKernel = generateForward(n, this.plan, terms);
    this.backwardKernel = generateBackward(n, this.plan, terms);
  }

  /** eta = X beta + sum_t Z_t r_t. */
  forward(beta: Float64Array, eta: Float64Array): void {
    this.forwardKernel(beta, eta);
  }

  /** Adds X' dEta into dBeta and writes Z_t' dEta into each term's dr (zeroed first). */
  backward(dEta: Float64Array, dBeta: Float64Array): void {
    this.backwardKernel(dEta, dBeta);
  }

  /** The fused likelihood loop for a likelihood with FusedLikelihoodCode (see generateFusedKernel). */
  fusedKernel(y: Float64Array, nAux: number, code: FusedLikelihoodCode): FusedKernel {
    return generateFusedKernel(this.n, this.plan, this.terms, y, nAux, code);
  }
}

/** How each design column is read: a constant 1, or the value of a (possibly shared) loaded column. */
type ColumnSource = { kind: 'one' } | { kind: 'x'; col: number };

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
}

function column(M: Float64Array, n: number, width: number, k: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = M[i * width + k];
  return out;
}

function isOnes(c: Float64Array): boolean {
  for (let i = 0; i < c.length; i++) if (c[i] !== 1) return false;
  return true;
}

function equal(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function planColumns(n: number, p: number, X: Float64Array, terms: PredictorTerm[]): ColumnPlan {
  const xColumns = Array.from({ length: p }, (_, k) => column(X, n, p, k));
  const fixed: ColumnSource[] = xColumns.map((c, k) => (isOnes(c) ? { kind: 'one' } : { kind: 'x', col: k }));
  const zColumns: (Float64Array | null)[][] = [];
  const termPlans = terms.map((t) => {
    const own: (Float64Array | null)[] = [];
    const plan = Array.from({ length: t.q }, (_, k): ColumnSource | { kind: 'z' } => {
      const z = column(t.Z, n, t.q, k);
      own.push(null);
      if (isOnes(z)) return { kind: 'one' };
      const same = xColumns.findIndex((c, j) => fixed[j].kind === 'x' && equal(c, z));
      if (same >= 0) return { kind: 'x', col: same };
      own[k] = z;
      return { kind: 'z' };
    });
    zColumns.push(own);
    return plan;
  });
  const offsets = terms.map((t) => Int32Array.from(t.index, (g) => g * t.q));
  return { xColumns, zColumns, offsets, fixed, terms: termPlans };
}

export const int = (k: number): string => {
  if (!Number.isSafeInteger(k) || k < 0) throw new Error(`internal: bad index ${k} in generated code`);
  return String(k);
};

/** Loads of X columns used anywhere, hoisted to the top of the loop body. */
function xLoads(plan: ColumnPlan, ns = ''): string[] {
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

export function bindings(plan: ColumnPlan, terms: PredictorTerm[], ns = ''): { names: string[]; values: unknown[] } {
  const names: string[] = [];
  const values: unknown[] = [];
  plan.xColumns.forEach((c, k) => {
    names.push(`C${ns}${int(k)}`);
    values.push(c);
  });
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
function fixedFromRun(plan: ColumnPlan, inRun: ReadonlySet<number>): Map<number, { ti: number; k: number }> {
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

/**
 * The data loop as a loop over runs: per run, each run-shared term's level offset, effects loaded to
 * registers and gradient accumulators; the observation loop inside; the accumulators added back.
 * Binds RS (run starts) and RL (run levels).
 */
export function runLoop(
  predictors: { plan: ColumnPlan; terms: PredictorTerm[]; ns: string; inRun: ReadonlySet<number> }[],
  body: string[],
): string[] {
  const head: string[] = ['const lv = RL[run];'];
  const tail: string[] = [];
  for (const { plan, terms, ns, inRun } of predictors) {
    const fromRun = fixedFromRun(plan, inRun);
    for (const ti of inRun) {
      const g = `g${ns}${int(ti)}`;
      head.push(`const ${g} = lv * ${int(terms[ti]!.q)};`);
      plan.terms[ti]!.forEach((_, k) => {
        const at = `${g}${k === 0 ? '' : ` + ${int(k)}`}`;
        head.push(`const rq${ns}${int(ti)}_${int(k)} = R${ns}${int(ti)}[${at}];`, `let dq${ns}${int(ti)}_${int(k)} = 0;`);
        tail.push(`D${ns}${int(ti)}[${at}] += dq${ns}${int(ti)}_${int(k)};`);
      });
    }
    for (const [k, u] of fromRun) {
      head.push(`const bq${ns}${int(k)} = b${ns}${int(k)} + rq${ns}${int(u.ti)}_${int(u.k)};`);
      tail.push(`s${ns}${int(k)} += dq${ns}${int(u.ti)}_${int(u.k)};`);
    }
  }
  return [
    'for (let run = 0; run < NRUN; run++) {',
    ...head.map((l) => `  ${l}`),
    '  const end = RS[run + 1];',
    '  for (let i = RS[run]; i < end; i++) {',
    ...body.map((l) => `    ${l}`),
    '  }',
    ...tail.map((l) => `  ${l}`),
    '}',
  ];
}

export function runBindings(runs: Runs): { names: string[]; values: unknown[] } {
  return { names: ['RS', 'RL', 'NRUN'], values: [runs.starts, runs.levels, runs.count] };
}

export function betaLoads(p: number, ns = '', from = 'beta'): string[] {
  return Array.from({ length: p }, (_, k) => `const b${ns}${int(k)} = ${from}[${int(k)}];`);
}

export function gradientPrologue(p: number, terms: PredictorTerm[], ns = ''): string[] {
  const lines = terms.map((t, ti) => `for (let j = 0; j < ${int(t.dr.length)}; j++) D${ns}${int(ti)}[j] = 0;`);
  for (let k = 0; k < p; k++) lines.push(`let s${ns}${int(k)} = 0;`);
  return lines;
}

export function gradientEpilogue(p: number, ns = '', into = 'dBeta'): string[] {
  return Array.from({ length: p }, (_, k) => `${into}[${int(k)}] += s${ns}${int(k)};`);
}

function build<T>(name: string, params: string, body: string[], plan: ColumnPlan, terms: PredictorTerm[], extra: { names: string[]; values: unknown[] } = { names: [], values: [] }): T {
  const source = ['"use strict";', `return function ${name}(${params}) {`, ...body.map((l) => `  ${l}`), '};'].join('\n');
  const { names, values } = bindings(plan, terms);
  return new Function(...names, ...extra.names, source)(...values, ...extra.values) as T;
}

function generateForward(n: number, plan: ColumnPlan, terms: PredictorTerm[]): ForwardKernel {
  const { lines, sum } = meanParts(plan, terms);
  const body = [...betaLoads(plan.fixed.length), `for (let i = 0; i < ${int(n)}; i++) {`, ...lines.map((l) => `  ${l}`), `  eta[i] = ${sum};`, '}'];
  return build<ForwardKernel>('forward', 'beta, eta', body, plan, terms);
}

function generateBackward(n: number, plan: ColumnPlan, terms: PredictorTerm[]): BackwardKernel {
  const p = plan.fixed.length;
  const loads = xLoads(plan);
  const groups = terms.map((_, ti) => `const g${int(ti)} = G${int(ti)}[i];`);
  const body = [
    ...gradientPrologue(p, terms),
    `for (let i = 0; i < ${int(n)}; i++) {`,
    '  const d = dEta[i];',
    ...[...loads, ...groups, ...backpropLines(plan, terms)].map((l) => `  ${l}`),
    '}',
    ...gradientEpilogue(p),
  ];
  return build<BackwardKernel>('backward', 'dEta, dBeta', body, plan, terms);
}

/**
 * One pass over the data for the whole likelihood: mean, the family's per-observation log density
 * and derivative (its FusedLikelihoodCode), and the backward pass into beta and the group effects.
 * Writes the summed log-likelihood to out[0] (not returned: a double returned from a call V8 does
 * not inline is boxed), dBeta (added), the terms' dr and dAux.
 */
export type FusedKernel = (beta: Float64Array, aux: Float64Array, dBeta: Float64Array, dAux: Float64Array, out: Float64Array) => void;

function generateFusedKernel(n: number, plan: ColumnPlan, terms: PredictorTerm[], y: Float64Array, nAux: number, code: FusedLikelihoodCode): FusedKernel {
  const p = plan.fixed.length;
  const runs = chooseRuns([{ terms }], n);
  const inRun = runs?.inRun[0] ?? new Set<number>();
  const { lines, sum } = meanParts(plan, terms, '', inRun);
  const perObservation = [
    ...lines,
    `const m = ${sum};`,
    'const y = Y[i];',
    ...code.perObservation.split('\n'),
    ...backpropLines(plan, terms, '', 'd', inRun),
  ];
  const body = [
    'out[0] = -Infinity;',
    `const N = ${int(n)};`,
    ...Array.from({ length: nAux }, (_, k) => `const a${int(k)} = aux[${int(k)}];`),
    ...betaLoads(p),
    ...code.before.split('\n'),
    ...gradientPrologue(p, terms),
    ...(runs
      ? runLoop([{ plan, terms, ns: '', inRun }], perObservation)
      : ['for (let i = 0; i < N; i++) {', ...perObservation.map((l) => `  ${l}`), '}']),
    ...gradientEpilogue(p),
    'let lp = 0;',
    ...code.after.split('\n'),
    'out[0] = lp === lp ? lp : -Infinity;',
  ];
  const arrays = Object.entries(code.arrays ?? {});
  for (const [name] of arrays) if (!/^V\d+$/.test(name)) throw new Error(`internal: likelihood array name ${name} is not V<digits>`);
  const extra = runs ? runBindings(runs.runs) : { names: [], values: [] };
  return build<FusedKernel>('fused', 'beta, aux, dBeta, dAux, out', body, plan, terms, {
    names: ['Y', ...arrays.map(([name]) => name), ...extra.names],
    values: [code.response ?? y, ...arrays.map(([, values]) => values), ...extra.values],
  });
}
