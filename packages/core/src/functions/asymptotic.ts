import type { NlArgs, NlFunction } from './types.js';
import { libraryFunction } from './define.js';

/**
 * SSasymp(input, Asym, R0, lrc) = Asym + (R0 - Asym) * exp(-exp(lrc) * input)   (R stats::SSasymp)
 * With k = exp(lrc), e = exp(-k input): d/dAsym = 1 - e (via expm1), d/dR0 = e,
 * d/dlrc = -(R0 - Asym) e k input, d/dinput = -(R0 - Asym) e k.
 */
export const SSasymp: NlFunction = libraryFunction({
  name: 'SSasymp',
  expansion: 'Asym + (R0 - Asym) * exp(-exp(lrc) * input)',
  argNames: ['input', 'Asym', 'R0', 'lrc'],
  value(a: NlArgs): number {
    return a[1] + (a[2] - a[1]) * Math.exp(-Math.exp(a[3]) * a[0]);
  },
  fill(a: NlArgs, out: Float64Array): void {
    const input = a[0];
    const span = a[2] - a[1];
    const k = Math.exp(a[3]);
    const e = Math.exp(-k * input);
    out[0] = -span * e * k;
    out[1] = -Math.expm1(-k * input);
    out[2] = e;
    out[3] = -span * e * k * input;
    out[4] = a[1] + span * e;
  },
});

/**
 * SSasympOff(input, Asym, lrc, c0) = Asym * (1 - exp(-exp(lrc) * (input - c0)))   (R stats::SSasympOff)
 */
export const SSasympOff: NlFunction = libraryFunction({
  name: 'SSasympOff',
  expansion: '-Asym * expm1(-exp(lrc) * (input - c0))',
  argNames: ['input', 'Asym', 'lrc', 'c0'],
  value(a: NlArgs): number {
    return -a[1] * Math.expm1(-Math.exp(a[2]) * (a[0] - a[3]));
  },
  fill(a: NlArgs, out: Float64Array): void {
    const asym = a[1];
    const k = Math.exp(a[2]);
    const dt = a[0] - a[3];
    const e = Math.exp(-k * dt);
    const rise = asym * e * k; // d value / d input
    out[0] = rise;
    out[1] = -Math.expm1(-k * dt);
    out[2] = rise * dt;
    out[3] = -rise;
    out[4] = asym * out[1];
  },
});

/**
 * SSasympOrig(input, Asym, lrc) = Asym * (1 - exp(-exp(lrc) * input))   (R stats::SSasympOrig)
 */
export const SSasympOrig: NlFunction = libraryFunction({
  name: 'SSasympOrig',
  expansion: '-Asym * expm1(-exp(lrc) * input)',
  argNames: ['input', 'Asym', 'lrc'],
  value(a: NlArgs): number {
    return -a[1] * Math.expm1(-Math.exp(a[2]) * a[0]);
  },
  fill(a: NlArgs, out: Float64Array): void {
    const input = a[0];
    const asym = a[1];
    const k = Math.exp(a[2]);
    const rise = asym * Math.exp(-k * input) * k;
    out[0] = rise;
    out[1] = -Math.expm1(-k * input);
    out[2] = rise * input;
    out[3] = asym * out[1];
  },
});
