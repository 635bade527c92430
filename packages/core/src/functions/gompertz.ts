import type { NlArgs, NlFunction } from './types.js';
import { pow, powInto } from '../math/pow.js';
import { libraryFunction } from './define.js';

/** powInto's in/out array (the gradient is on the hot path: no numbers through a call). */
const io = new Float64Array(3);

/**
 * SSgompertz(x, Asym, b2, b3) = Asym * exp(-b2 * b3^x)   (R stats::SSgompertz)
 * With w = b3^x and g = exp(-b2 w): d/dAsym = g, d/db2 = -Asym g w, d/db3 = -Asym g b2 x b3^(x-1),
 * d/dx = -Asym g b2 w log(b3).
 */
export const SSgompertz: NlFunction = libraryFunction({
  name: 'SSgompertz',
  argNames: ['x', 'Asym', 'b2', 'b3'],
  value(a: NlArgs): number {
    return a[1] * Math.exp(-a[2] * pow(a[3], a[0]));
  },
  fill(a: NlArgs, out: Float64Array): void {
    const x = a[0];
    const asym = a[1];
    const b2 = a[2];
    const b3 = a[3];
    io[0] = b3;
    io[1] = x;
    powInto(io);
    const w = io[2]!;
    io[1] = x - 1;
    powInto(io);
    const g = Math.exp(-b2 * w);
    const y = asym * g;
    out[0] = -y * b2 * w * Math.log(b3);
    out[1] = g;
    out[2] = -y * w;
    out[3] = -y * b2 * x * io[2]!;
    out[4] = y;
  },
});
