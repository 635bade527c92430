import type { NlArgs, NlFunction } from './types.js';
import { libraryFunction } from './define.js';

/**
 * SSmicmen(input, Vm, K) = Vm * input / (K + input)   (R stats::SSmicmen, Michaelis-Menten)
 * d/dVm = input/(K+input), d/dK = -Vm input/(K+input)^2, d/dinput = Vm K/(K+input)^2.
 */
export const SSmicmen: NlFunction = libraryFunction({
  name: 'SSmicmen',
  expansion: 'Vm * input / (K + input)',
  argNames: ['input', 'Vm', 'K'],
  value(a: NlArgs): number {
    return (a[1] * a[0]) / (a[2] + a[0]);
  },
  fill(a: NlArgs, out: Float64Array): void {
    const input = a[0];
    const vm = a[1];
    const K = a[2];
    const inv = 1 / (K + input);
    const frac = input * inv;
    out[0] = vm * K * inv * inv;
    out[1] = frac;
    out[2] = -vm * frac * inv;
    out[3] = vm * frac;
  },
});
