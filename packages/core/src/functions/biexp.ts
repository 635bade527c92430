import type { NlArgs, NlFunction } from './types.js';
import { libraryFunction } from './define.js';

/**
 * SSbiexp(input, A1, lrc1, A2, lrc2) = A1 * exp(-exp(lrc1) * input) + A2 * exp(-exp(lrc2) * input)
 * (R stats::SSbiexp). With k_i = exp(lrc_i), e_i = exp(-k_i input): d/dA_i = e_i,
 * d/dlrc_i = -A_i e_i k_i input, d/dinput = -A1 k1 e1 - A2 k2 e2.
 */
export const SSbiexp: NlFunction = libraryFunction({
  name: 'SSbiexp',
  expansion: 'A1 * exp(-exp(lrc1) * input) + A2 * exp(-exp(lrc2) * input)',
  argNames: ['input', 'A1', 'lrc1', 'A2', 'lrc2'],
  value(a: NlArgs): number {
    const input = a[0];
    return a[1] * Math.exp(-Math.exp(a[2]) * input) + a[3] * Math.exp(-Math.exp(a[4]) * input);
  },
  fill(a: NlArgs, out: Float64Array): void {
    const input = a[0];
    const k1 = Math.exp(a[2]);
    const k2 = Math.exp(a[4]);
    const e1 = Math.exp(-k1 * input);
    const e2 = Math.exp(-k2 * input);
    const slope1 = -a[1] * k1 * e1;
    const slope2 = -a[3] * k2 * e2;
    out[0] = slope1 + slope2;
    out[1] = e1;
    out[2] = slope1 * input;
    out[3] = e2;
    out[4] = slope2 * input;
    out[5] = a[1] * e1 + a[3] * e2;
  },
});
