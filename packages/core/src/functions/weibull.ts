import type { NlArgs, NlFunction } from './types.js';
import { pow, powInto } from '../math/pow.js';
import { libraryFunction } from './define.js';

/** powInto's in/out array (the gradient is on the hot path: no numbers through a call). */
const io = new Float64Array(3);

/**
 * SSweibull(x, Asym, Drop, lrc, pwr) = Asym - Drop * exp(-exp(lrc) * x^pwr)   (R stats::SSweibull, x > 0)
 * With k = exp(lrc), v = x^pwr, e = exp(-k v): d/dAsym = 1, d/dDrop = -e, d/dlrc = Drop e k v,
 * d/dpwr = Drop e k v log(x) (0 at x = 0, its limit for pwr > 0), d/dx = Drop e k pwr x^(pwr-1).
 */
export const SSweibull: NlFunction = libraryFunction({
  name: 'SSweibull',
  argNames: ['x', 'Asym', 'Drop', 'lrc', 'pwr'],
  value(a: NlArgs): number {
    return a[1] - a[2] * Math.exp(-Math.exp(a[3]) * pow(a[0], a[4]));
  },
  fill(a: NlArgs, out: Float64Array): void {
    const x = a[0];
    const drop = a[2];
    const pwr = a[4];
    const k = Math.exp(a[3]);
    io[0] = x;
    io[1] = pwr;
    powInto(io);
    const v = io[2]!;
    io[1] = pwr - 1;
    powInto(io);
    const e = Math.exp(-k * v);
    const dlrc = drop * e * k * v;
    out[0] = drop * e * k * pwr * io[2]!;
    out[1] = 1;
    out[2] = -e;
    out[3] = dlrc;
    out[4] = x === 0 ? 0 : dlrc * Math.log(x);
    out[5] = a[1] - drop * e;
  },
});
