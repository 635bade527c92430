/**
 * A family's per-observation code (FusedLikelihoodCode, families/types.ts) inside a fused data loop:
 * what the loop declares before it, how its result is written, and what it binds. Shared by the
 * linear (model/linear-predictor.ts) and nonlinear (model/nonlinear-kernel.ts) fused kernels.
 */
import type { FusedLikelihoodCode } from '../families/types.js';
import type { KernelBindings } from './compile-kernel.js';
import { formatIndex as int } from './format.js';

/** The result starts as -Infinity (an early `return` from invalid aux leaves it), then N and a<k> = aux[k]. */
export function likelihoodHead(n: number, nAux: number): string[] {
  return ['out[0] = -Infinity;', `const N = ${int(n)};`, ...Array.from({ length: nAux }, (_, k) => `const a${int(k)} = aux[${int(k)}];`)];
}

/** After the loop: the family sets lp, written to out[0] with NaN read as -Infinity. */
export function likelihoodResult(code: FusedLikelihoodCode): string[] {
  return ['let lp = 0;', ...code.after.split('\n'), 'out[0] = lp === lp ? lp : -Infinity;'];
}

/** Y (the response, or what the family reads instead) and the family's data arrays V<k>. */
export function likelihoodBindings(code: FusedLikelihoodCode, y: Float64Array): KernelBindings {
  const arrays = Object.entries(code.arrays ?? {});
  for (const [name] of arrays) if (!/^V\d+$/.test(name)) throw new Error(`internal: likelihood array name ${name} is not V<digits>`);
  const functions = Object.entries(code.functions ?? {});
  for (const [name] of functions) if (!/^LG\d*$/.test(name)) throw new Error(`internal: likelihood function name ${name} is not LG<digits>`);
  return {
    names: ['Y', ...arrays.map(([name]) => name), ...functions.map(([name]) => name)],
    values: [code.response ?? y, ...arrays.map(([, values]) => values), ...functions.map(([, f]) => f)],
  };
}
