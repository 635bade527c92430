/**
 * One linear predictor (the whole model's, or one nonlinear parameter's stage-2 formula):
 * eta_i = X_i beta + sum over group terms t of Z_t,i r_t[g_t(i)].
 *
 * The two data loops (forward: eta; backward: X' dEta and Z_t' dEta) and, for a family with
 * per-observation code, the fused likelihood loop are generated per model as straight-line
 * JavaScript with the number of coefficients unrolled, so each observation costs a few loads and
 * multiply-adds. The columns are planned in column-plan.ts, the code comes from codegen/predictor.ts
 * and codegen/runs.ts, and codegen/compile-kernel.ts compiles it.
 */

import { compileKernel, joinBindings, NO_BINDINGS, type KernelBindings } from '../codegen/compile-kernel.js';
import { formatIndex as int } from '../codegen/format.js';
import { likelihoodBindings, likelihoodHead, likelihoodResult } from '../codegen/likelihood.js';
import { backpropLines, betaLoads, gradientEpilogue, gradientPrologue, meanParts, predictorBindings, xLoads, type ColumnPlan, type PredictorTerm } from '../codegen/predictor.js';
import { chooseRuns, runBindings, runLoop } from '../codegen/runs.js';
import type { FusedLikelihoodCode } from '../families/index.js';
import { planColumns } from './column-plan.js';

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

  /** offset: the formula's offset(...) terms, added to eta (Design.offset). */
  constructor(n: number, p: number, X: Float64Array, terms: PredictorTerm[], offset?: Float64Array) {
    this.n = n;
    this.p = p;
    this.terms = terms;
    this.X = X;
    this.plan = planColumns(n, p, X, terms, offset);
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

function build<T extends (...args: never[]) => unknown>(name: string, params: string[], body: string[], plan: ColumnPlan, terms: PredictorTerm[], extra: KernelBindings = NO_BINDINGS): T {
  return compileKernel<T>(name, { params, body }, joinBindings(predictorBindings(plan, terms), extra));
}

function generateForward(n: number, plan: ColumnPlan, terms: PredictorTerm[]): ForwardKernel {
  const { lines, sum } = meanParts(plan, terms);
  const body = [...betaLoads(plan.fixed.length), `for (let i = 0; i < ${int(n)}; i++) {`, ...lines.map((l) => `  ${l}`), `  eta[i] = ${sum};`, '}'];
  return build<ForwardKernel>('predictorForward', ['beta', 'eta'], body, plan, terms);
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
  return build<BackwardKernel>('predictorBackward', ['dEta', 'dBeta'], body, plan, terms);
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
    ...likelihoodHead(n, nAux),
    ...betaLoads(p),
    ...code.before.split('\n'),
    ...gradientPrologue(p, terms),
    ...(runs
      ? runLoop([{ plan, terms, ns: '', inRun }], perObservation)
      : ['for (let i = 0; i < N; i++) {', ...perObservation.map((l) => `  ${l}`), '}']),
    ...gradientEpilogue(p),
    ...likelihoodResult(code),
  ];
  const extra = joinBindings(likelihoodBindings(code, y), runs ? runBindings(runs.runs) : NO_BINDINGS);
  return build<FusedKernel>('fusedLinear', ['beta', 'aux', 'dBeta', 'dAux', 'out'], body, plan, terms, extra);
}
