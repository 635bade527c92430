/**
 * One pass over the data for a model with dpars formulas (families whose likelihood has
 * FusedDparsCode): per observation, the mean (a linear predictor, or the stage-1 expression of the
 * nonlinear parameters' predictors), each dpar's linear predictor q and its value through the inverse
 * link (log: p = exp(q); logit: p = 1 / (1 + exp(-q))), the family's log density and its derivatives
 * in the mean and in every family parameter, and the backward pass into each predictor's fixed and
 * group effects (a dpar's through dp/dq: p for log, p (1 - p) for logit). The per-observation path
 * (families/kernel-likelihood.ts) stays for the other families and for response extras.
 *
 * Names as in nonlinear-kernel.ts: predictor k's names carry the namespace `k_`, the expression's the
 * prefix `n`; family parameter k is p<k> with derivative e<k> (family code), a dpar's link-scale
 * value q<k> and its gradient w<k>; scalar parameters a<j>, their gradient sums h<j>.
 */
import type { NonlinearModel } from '../expr/index.js';
import type { FusedDparsCode } from '../families/index.js';
import { compileKernel, joinBindings } from '../codegen/compile-kernel.js';
import { formatIndex as int } from '../codegen/format.js';
import { backpropLines, betaLoads, gradientEpilogue, gradientPrologue, meanParts, predictorBindings } from '../codegen/predictor.js';
import type { FusedPredictor, NonlinearFusedKernel } from './nonlinear-kernel.js';
import type { ModelStructure } from './structure.js';

export interface DparsKernelShape {
  n: number;
  /** Every linear predictor, structure order (the mean's or the nonlinear parameters', then the dpars'). */
  predictors: FusedPredictor[];
  /** The nonlinear stage 1, or null when predictor 0 is the mean. */
  nonlinear: { model: NonlinearModel; paramOrder: number[]; covariates: Float64Array[] } | null;
  /** Per family parameter (family.aux order): its dpars predictor and link, or its scalar index. */
  parameters: ({ kind: 'dpar'; predictor: number; link: 'log' | 'logit' } | { kind: 'scalar'; index: number })[];
  y: Float64Array;
  code: FusedDparsCode;
}

/** Same calling convention as the nonlinear fused kernel: betas per predictor, scalar aux, their gradients, out[0] = log-likelihood. */
export function generateDparsFusedKernel(shape: DparsKernelShape): NonlinearFusedKernel {
  const { n, predictors, nonlinear, parameters, code } = shape;
  const ns = (k: number) => `${int(k)}_`;
  const head = ['out[0] = -Infinity;', `const N = ${int(n)};`];
  const perObs: string[] = [];
  const back: string[] = [];
  const tail: string[] = [];
  predictors.forEach((p, k) => {
    const nCoef = p.plan.fixed.length;
    head.push(`const beta${int(k)} = betas[${int(k)}];`, ...betaLoads(nCoef, ns(k), `beta${int(k)}`));
    tail.push(`const dBeta${int(k)} = dBetas[${int(k)}];`, ...gradientEpilogue(nCoef, ns(k), `dBeta${int(k)}`));
  });
  const scalarCount = parameters.filter((q) => q.kind === 'scalar').length;
  for (let j = 0; j < scalarCount; j++) head.push(`const a${int(j)} = aux[${int(j)}];`, `let h${int(j)} = 0;`);
  head.push('let ll = 0;');

  // the mean m and its backward pass
  const meanPredictors = nonlinear ? [...new Set(nonlinear.paramOrder)] : [0];
  for (const k of meanPredictors) {
    const { lines, sum } = meanParts(predictors[k]!.plan, predictors[k]!.terms, ns(k));
    perObs.push(...lines, `const u${int(k)} = ${sum};`);
  }
  let expression: ReturnType<NonlinearModel['body']> | null = null;
  if (nonlinear) {
    expression = nonlinear.model.body({ prefix: 'n', covariate: (c) => `NC${int(c)}[i]`, param: (j) => `u${int(nonlinear.paramOrder[j]!)}` });
    perObs.push(...expression.lines, `const m = ${expression.value};`);
    nonlinear.paramOrder.forEach((k, j) => {
      const derivative = expression!.derivatives[j]!;
      if (derivative === '0') return;
      back.push(`const v${int(j)} = ${derivative === '1' ? 'd' : `d * ${derivative}`};`);
      back.push(...backpropLines(predictors[k]!.plan, predictors[k]!.terms, ns(k), `v${int(j)}`));
    });
  } else {
    perObs.push('const m = u0;');
    back.push(...backpropLines(predictors[0]!.plan, predictors[0]!.terms, ns(0), 'd'));
  }

  // the family parameters: scalars, or each dpar's predictor through its inverse link
  parameters.forEach((q, k) => {
    if (q.kind === 'scalar') {
      head.push(`const p${int(k)} = a${int(q.index)};`);
      back.push(`h${int(q.index)} += e${int(k)};`);
      return;
    }
    const { lines, sum } = meanParts(predictors[q.predictor]!.plan, predictors[q.predictor]!.terms, ns(q.predictor));
    perObs.push(...lines, `const q${int(k)} = ${sum};`);
    perObs.push(q.link === 'log' ? `const p${int(k)} = Math.exp(q${int(k)});` : `const p${int(k)} = 1 / (1 + Math.exp(-q${int(k)}));`);
    back.push(q.link === 'log' ? `const w${int(k)} = e${int(k)} * p${int(k)};` : `const w${int(k)} = e${int(k)} * p${int(k)} * (1 - p${int(k)});`);
    back.push(...backpropLines(predictors[q.predictor]!.plan, predictors[q.predictor]!.terms, ns(q.predictor), `w${int(k)}`));
  });

  const perObservation = [...perObs, 'const y = Y[i];', ...code.perObservation.split('\n'), 'll += l;', ...(expression?.afterLikelihood ?? []), ...back];
  const prologue = predictors.flatMap((p, k) => gradientPrologue(p.plan.fixed.length, p.terms, ns(k)));
  const body = [
    ...head,
    ...prologue,
    'for (let i = 0; i < N; i++) {',
    ...perObservation.map((l) => `  ${l}`),
    '}',
    ...tail,
    ...Array.from({ length: scalarCount }, (_, j) => `dAux[${int(j)}] = h${int(j)};`),
    'out[0] = ll === ll ? ll : -Infinity;',
  ];
  const bindings = joinBindings(
    ...predictors.map((p, k) => predictorBindings(p.plan, p.terms, ns(k))),
    ...(nonlinear ? [{ names: nonlinear.covariates.map((_, c) => `NC${int(c)}`), values: nonlinear.covariates as unknown[] }] : []),
    { names: ['Y', ...Object.keys(code.arrays ?? {})], values: [code.response ?? shape.y, ...Object.values(code.arrays ?? {})] },
    ...(expression ? [{ names: expression.bindingNames, values: expression.bindingValues }] : []),
  );
  return compileKernel<NonlinearFusedKernel>('fusedDpars', { params: ['betas', 'aux', 'dBetas', 'dAux', 'out'], body }, bindings);
}

/** The fused dpars kernel of a model: its family parameters mapped to their dpars predictors or scalar slots. */
export function dparsKernelFor(structure: ModelStructure, predictors: FusedPredictor[], code: FusedDparsCode): NonlinearFusedKernel {
  let scalar = 0;
  const parameters = structure.family.aux.map((_, k): DparsKernelShape['parameters'][number] => {
    const predictor = structure.predictors.findIndex((p) => p.dpar?.auxIndex === k);
    if (predictor < 0) return { kind: 'scalar', index: scalar++ };
    return { kind: 'dpar', predictor, link: structure.predictors[predictor]!.dpar!.link };
  });
  const nl = structure.nonlinear;
  return generateDparsFusedKernel({
    n: structure.n,
    predictors,
    nonlinear: nl ? { model: nl.model, paramOrder: nl.paramOrder, covariates: nl.covariates } : null,
    parameters,
    y: structure.y,
    code,
  });
}
