import type { NlArgs, NlFunction } from './types.js';
import { libraryFunction } from './define.js';
import { logistic } from './numerics.js';

/** [z, s, 1 - s, s (1 - s)] of the logistic factor (see numerics.ts). */
const L = new Float64Array(4);

/**
 * SSlogis(input, Asym, xmid, scal) = Asym / (1 + exp((xmid - input) / scal))   (R stats::SSlogis)
 * With z = (xmid - input)/scal and s = 1/(1+e^z): d/dAsym = s, d/dz = -Asym s(1-s).
 */
export const SSlogis: NlFunction = libraryFunction({
  name: 'SSlogis',
  expansion: 'Asym * inv_logit((input - xmid) / scal)',
  argNames: ['input', 'Asym', 'xmid', 'scal'],
  value(a: NlArgs): number {
    L[0] = (a[2] - a[0]) / a[3];
    logistic(L);
    return a[1] * L[1]!;
  },
  fill(a: NlArgs, out: Float64Array): void {
    const asym = a[1];
    const scal = a[3];
    const z = (a[2] - a[0]) / scal;
    L[0] = z;
    logistic(L);
    const s = L[1]!;
    const slope = (asym * L[3]!) / scal; // -d value / d xmid
    out[0] = slope;
    out[1] = s;
    out[2] = -slope;
    out[3] = slope * z;
    out[4] = asym * s;
  },
});

/**
 * SSfpl(input, A, B, xmid, scal) = A + (B - A) / (1 + exp((xmid - input) / scal))   (R stats::SSfpl)
 */
export const SSfpl: NlFunction = libraryFunction({
  name: 'SSfpl',
  expansion: 'A + (B - A) * inv_logit((input - xmid) / scal)',
  argNames: ['input', 'A', 'B', 'xmid', 'scal'],
  value(a: NlArgs): number {
    L[0] = (a[3] - a[0]) / a[4];
    logistic(L);
    return a[1] + (a[2] - a[1]) * L[1]!;
  },
  fill(a: NlArgs, out: Float64Array): void {
    const A = a[1];
    const range = a[2] - A;
    const scal = a[4];
    const z = (a[3] - a[0]) / scal;
    L[0] = z;
    logistic(L);
    const s = L[1]!;
    const slope = (range * L[3]!) / scal;
    out[0] = slope;
    out[1] = L[2]!; // 1 - s
    out[2] = s;
    out[3] = -slope;
    out[4] = slope * z;
    out[5] = A + range * s;
  },
});
