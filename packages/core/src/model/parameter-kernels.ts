/**
 * The scalar parameters' part of the log density (fixed effects, auxiliary parameters, group sds):
 * transform, prior, Jacobian and truncation constant forward, and the chain rule backward, generated
 * per model as straight-line code with one call site per parameter.
 *
 * Why generated: a loop over parameters calls prior.lpdf / transform.constrain through one call site
 * that sees every prior and transform class of the model, which V8 leaves megamorphic (a lookup and a
 * real call each time), and a call V8 does not inline returns its double boxed (an allocation). So
 * each prior and transform writes its formulas as code (`code()`, the same operations as its
 * methods) and they are inlined here. On small models (eight schools: 10 parameters, 8
 * observations) this was most of the gradient's cost. The source holds only names made here and the
 * priors' and transforms' fixed code; every number is read from the bound array K.
 */
import type { ScalarParam } from './layout.js';
import { compileKernel } from '../codegen/compile-kernel.js';
import { formatIndex as int } from '../codegen/format.js';

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
  // every constant (bounds, prior parameters, truncation terms) is read from K, never printed
  const constants: number[] = [];
  const constant = (v: number): string => {
    constants.push(v);
    return `K[${int(constants.length - 1)}]`;
  };
  blocks.forEach((block, b) => {
    names.push(`X${int(b)}`, `D${int(b)}`);
    values.push(block.values, block.gradients);
    block.params.forEach((par, j) => {
      const y = `theta[${int(par.offset)}]`;
      const x = `X${int(b)}[${int(j)}]`;
      const t = par.transform.code('y', constant);
      const prior = par.prior.code('x', constant);
      const truncation = constant(par.logTruncation);
      forward.push(
        `{ const y = ${y};`,
        ...t.prelude.map((l) => `  ${l}`),
        `  const x = ${t.constrain};`,
        `  ${x} = x;`,
        ...prior.lpdf.prelude.map((l) => `  ${l}`),
        `  lp += ${prior.lpdf.value} + ${t.logJacobian} + ${truncation}; }`,
      );
      backward.push(
        `{ const y = ${y};`,
        `  const x = ${x};`,
        ...t.gradientPrelude('x').map((l) => `  ${l}`),
        ...prior.grad.prelude.map((l) => `  ${l}`),
        `  grad[${int(par.offset)}] += ${t.gradient(`(D${int(b)}[${int(j)}] + (${prior.grad.value}))`)}; }`,
      );
    });
  });
  forward.push('out[0] = lp;');
  names.push('K');
  values.push(Float64Array.from(constants));
  const bindings = { names, values };
  return {
    forward: compileKernel<ParameterKernels['forward']>('parameterForward', { params: ['theta', 'out'], body: forward }, bindings),
    backward: compileKernel<ParameterKernels['backward']>('parameterBackward', { params: ['theta', 'grad'], body: backward }, bindings),
  };
}
