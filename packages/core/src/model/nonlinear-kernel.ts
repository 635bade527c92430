/**
 * One pass over the data for a nonlinear model: per observation, each nonlinear parameter's stage-2
 * linear predictor phi_k, the stage-1 expression f(x; phi) with its reverse-mode derivatives, the
 * family's log density and derivative (its FusedLikelihoodCode), and the backward pass
 * d/dphi_k = d/dmu * dmu/dphi_k into each predictor's fixed effects and group effects.
 *
 * The three-pass path writes phi_k, mu and dmu/dphi_k to arrays and reads them back (about 3 + 3K
 * loops over the data for K parameters); here nothing per observation leaves registers except the
 * group-effect gradients. Names are kept apart by construction: predictor k's names carry the
 * namespace `k_` (b0_1, x0_2, D0_0, ...), the expression's temporaries the prefix `n` (nt3, na5, nF0),
 * the parameter values are u<k>, their derivatives v<k>, covariates NC<k>, and the likelihood code
 * keeps its own names (a<k>, d, m, y, Y, V<k>, lp).
 */
import type { NonlinearModel } from '../expr/index.js';
import type { FusedLikelihoodCode } from '../families/index.js';
import { compileKernel, joinBindings, NO_BINDINGS } from '../codegen/compile-kernel.js';
import { formatIndex as int } from '../codegen/format.js';
import { likelihoodBindings, likelihoodHead, likelihoodResult } from '../codegen/likelihood.js';
import { backpropLines, betaLoads, gradientEpilogue, gradientPrologue, meanParts, predictorBindings, type ColumnPlan, type PredictorTerm } from '../codegen/predictor.js';
import { chooseRuns, runBindings, runLoop } from '../codegen/runs.js';

/** Writes the summed log-likelihood to out[0]; adds into each dBetas[k] and writes the terms' dr and dAux. */
export type NonlinearFusedKernel = (betas: Float64Array[], aux: Float64Array, dBetas: Float64Array[], dAux: Float64Array, out: Float64Array) => void;

export interface FusedPredictor {
  plan: ColumnPlan;
  terms: PredictorTerm[];
}

export function generateNonlinearFusedKernel(
  n: number,
  predictors: FusedPredictor[],
  model: NonlinearModel,
  /** paramOrder[j]: the predictor that gives nonlinear parameter j. */
  paramOrder: number[],
  covariates: Float64Array[],
  y: Float64Array,
  nAux: number,
  code: FusedLikelihoodCode,
): NonlinearFusedKernel {
  const ns = (k: number) => `${int(k)}_`;
  // an intercept-only stage-2 formula gives the same phi at every observation
  const invariant = predictors.map((p) => p.terms.length === 0 && !p.plan.offset && p.plan.fixed.length === 1 && p.plan.fixed[0]!.kind === 'one');
  const rows = distinctRows(covariates, n);
  const hoist = 2 * rows.count <= n ? { invariantParams: paramOrder.map((k) => invariant[k]!), rows: rows.index, distinct: rows.values } : undefined;
  const expression = model.body({ prefix: 'n', covariate: (k) => `NC${int(k)}[i]`, param: (j) => `u${int(j)}` }, hoist);

  const runs = chooseRuns(predictors, n);
  const inRun = predictors.map((_, k) => runs?.inRun[k] ?? new Set<number>());
  const head = likelihoodHead(n, nAux);
  const perObs: string[] = [];
  const back: string[] = [];
  const tail: string[] = [];
  predictors.forEach((p, k) => {
    const nCoef = p.plan.fixed.length;
    head.push(`const beta${int(k)} = betas[${int(k)}];`, ...betaLoads(nCoef, ns(k), `beta${int(k)}`));
    const { lines, sum } = meanParts(p.plan, p.terms, ns(k), inRun[k]);
    // invariant parameters are set once, before any loop (the hoisted loops read them too)
    (invariant[k] ? head : perObs).push(...lines);
    paramOrder.forEach((pk, j) => {
      if (pk === k) (invariant[k] ? head : perObs).push(`const u${int(j)} = ${sum};`);
    });
    tail.push(`const dBeta${int(k)} = dBetas[${int(k)}];`, ...gradientEpilogue(nCoef, ns(k), `dBeta${int(k)}`));
  });
  paramOrder.forEach((k, j) => {
    const derivative = expression.derivatives[j]!;
    if (derivative === '0') return; // absent from the simplified expression
    back.push(`const v${int(j)} = ${derivative === '1' ? 'd' : `d * ${derivative}`};`);
    back.push(...backpropLines(predictors[k]!.plan, predictors[k]!.terms, ns(k), `v${int(j)}`, inRun[k]));
  });
  const prologue = predictors.flatMap((p, k) => gradientPrologue(p.plan.fixed.length, p.terms, ns(k)));
  const hoistedBackprop: string[] = [];
  if (expression.hoisted) {
    expression.hoisted.derivatives.forEach((w, j) => {
      const k = paramOrder[j]!;
      if (w !== '0') hoistedBackprop.push(...backpropLines(predictors[k]!.plan, predictors[k]!.terms, ns(k), w));
    });
  }

  const perObservation = [...perObs, ...expression.lines, `const m = ${expression.value};`, 'const y = Y[i];', ...code.perObservation.split('\n'), ...expression.afterLikelihood, ...back];
  const body = [
    ...head,
    ...code.before.split('\n'),
    ...prologue,
    ...(expression.hoisted?.setup ?? []),
    ...(expression.hoisted?.before ?? []),
    ...(runs
      ? runLoop(predictors.map((p, k) => ({ plan: p.plan, terms: p.terms, ns: ns(k), inRun: inRun[k]! })), perObservation)
      : ['for (let i = 0; i < N; i++) {', ...perObservation.map((l) => `  ${l}`), '}']),
    ...(expression.hoisted?.after ?? []),
    ...hoistedBackprop,
    ...tail,
    ...likelihoodResult(code),
  ];
  const bindings = joinBindings(
    ...predictors.map((p, k) => predictorBindings(p.plan, p.terms, ns(k))),
    { names: covariates.map((_, k) => `NC${int(k)}`), values: covariates },
    likelihoodBindings(code, y),
    { names: expression.bindingNames, values: expression.bindingValues },
    runs ? runBindings(runs.runs) : NO_BINDINGS,
  );
  return compileKernel<NonlinearFusedKernel>('fusedNonlinear', { params: ['betas', 'aux', 'dBetas', 'dAux', 'out'], body }, bindings);
}

/** Observation i's row among the distinct tuples of covariate values, and those tuples' values. */
function distinctRows(columns: Float64Array[], n: number): { index: Int32Array; values: Float64Array[]; count: number } {
  const index = new Int32Array(n);
  const rowOf = new Map<string, number>();
  const first: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = columns.map((c) => c[i]).join(',');
    let r = rowOf.get(key);
    if (r === undefined) {
      r = first.length;
      rowOf.set(key, r);
      first.push(i);
    }
    index[i] = r;
  }
  return { index, values: columns.map((c) => Float64Array.from(first, (i) => c[i]!)), count: Math.max(1, first.length) };
}
