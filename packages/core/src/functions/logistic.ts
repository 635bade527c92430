import type { NlArgs, NlFunction } from './types.js';
import { logisticOfNegative, type Logistic } from './numerics.js';

const scratch: Logistic = { s: 0, c: 0, q: 0 };

/**
 * SSlogis(input, Asym, xmid, scal) = Asym / (1 + exp((xmid - input) / scal))   (R stats::SSlogis)
 * With z = (xmid - input)/scal and s = 1/(1+e^z): d/dAsym = s, d/dz = -Asym s(1-s).
 */
export const SSlogis: NlFunction = {
  name: 'SSlogis',
  arity: 4,
  argNames: ['input', 'Asym', 'xmid', 'scal'],
  value(a: NlArgs): number {
    const z = (a[2] - a[0]) / a[3];
    return a[1] * logisticOfNegative(z, scratch).s;
  },
  gradient(a: NlArgs, out: Float64Array): number {
    const asym = a[1];
    const scal = a[3];
    const z = (a[2] - a[0]) / scal;
    const { s, q } = logisticOfNegative(z, scratch);
    const slope = (asym * q) / scal; // -d value / d xmid
    out[0] = slope;
    out[1] = s;
    out[2] = -slope;
    out[3] = slope * z;
    return asym * s;
  },
};

/**
 * SSfpl(input, A, B, xmid, scal) = A + (B - A) / (1 + exp((xmid - input) / scal))   (R stats::SSfpl)
 */
export const SSfpl: NlFunction = {
  name: 'SSfpl',
  arity: 5,
  argNames: ['input', 'A', 'B', 'xmid', 'scal'],
  value(a: NlArgs): number {
    const z = (a[3] - a[0]) / a[4];
    return a[1] + (a[2] - a[1]) * logisticOfNegative(z, scratch).s;
  },
  gradient(a: NlArgs, out: Float64Array): number {
    const A = a[1];
    const range = a[2] - A;
    const scal = a[4];
    const z = (a[3] - a[0]) / scal;
    const { s, c, q } = logisticOfNegative(z, scratch);
    const slope = (range * q) / scal;
    out[0] = slope;
    out[1] = c; // 1 - s
    out[2] = s;
    out[3] = -slope;
    out[4] = slope * z;
    return A + range * s;
  },
};
