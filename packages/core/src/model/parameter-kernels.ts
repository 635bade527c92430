/**
 * The scalar parameters' part of the log density (fixed effects, auxiliary parameters, group sds):
 * transform, prior, Jacobian and truncation constant forward, and the chain rule backward, generated
 * per model as straight-line code with one call site per parameter.
 *
 * Why generated: a loop over parameters calls prior.lpdf / transform.constrain through one call site
 * that sees every prior and transform class of the model, which V8 leaves megamorphic (a lookup and a
 * real call each time). Unrolled, each site sees one object, so V8 inlines the few flops. On small
 * models (eight schools: 10 parameters, 8 observations) this loop was most of the gradient's cost.
 * The source holds only names made here (P<k>, T<k>, V<k>, ...) and integer offsets.
 */
import type { ScalarParam } from './layout.js';
import { int } from './linear-predictor.js';

/** Where a block of scalar parameters writes its constrained values and reads their gradients. */
export interface ScalarBlock {
  params: ScalarParam[];
  /** Constrained values, one per parameter, in order. */
  values: Float64Array;
  /** d log p / d value from the rest of the model, one per parameter (read by backward). */
  gradients: Float64Array;
}

export interface ParameterKernels {
  /**
   * Constrains every block's parameters into `values`; writes the priors + Jacobians + truncation
   * constants into lp[0] (not returned: a double returned from a call V8 does not inline is boxed,
   * one heap allocation per gradient).
   */
  forward(theta: Float64Array, lp: Float64Array): void;
  /** Adds each parameter's total derivative (model + prior, through the transform) into grad. */
  backward(theta: Float64Array, grad: Float64Array): void;
}

export function generateParameterKernels(blocks: ScalarBlock[]): ParameterKernels {
  const names: string[] = [];
  const values: unknown[] = [];
  const forward: string[] = ['let lp = 0;'];
  const backward: string[] = [];
  const truncation: number[] = [];
  let k = 0;
  blocks.forEach((block, b) => {
    names.push(`X${int(b)}`, `D${int(b)}`);
    values.push(block.values, block.gradients);
    block.params.forEach((par, j) => {
      const P = `P${int(k)}`;
      const T = `T${int(k)}`;
      names.push(P, T);
      values.push(par.prior, par.transform);
      truncation.push(par.logTruncation);
      const y = `theta[${int(par.offset)}]`;
      const x = `X${int(b)}[${int(j)}]`;
      forward.push(
        `{ const y = ${y}; const x = ${T}.constrain(y); ${x} = x; lp += ${P}.lpdf(x) + ${T}.logJacobian(y) + K[${int(k)}]; }`,
      );
      backward.push(`grad[${int(par.offset)}] += ${T}.gradient(${y}, D${int(b)}[${int(j)}] + ${P}.grad(${x}));`);
      k++;
    });
  });
  forward.push('out[0] = lp;');
  names.push('K');
  values.push(Float64Array.from(truncation));
  const make = (name: string, params: string, body: string[]) =>
    new Function(...names, ['"use strict";', `return function ${name}(${params}) {`, ...body.map((l) => `  ${l}`), '};'].join('\n'))(...values);
  return {
    forward: make('parameterForward', 'theta, out', forward) as ParameterKernels['forward'],
    backward: make('parameterBackward', 'theta, grad', backward) as ParameterKernels['backward'],
  };
}
