import type { NlArgs, NlFunction } from './types.js';
import { libraryFunction } from './define.js';
import { softplus } from './numerics.js';

/** Scratch [log nu + z, L, r] (see numerics.ts for why helpers do not take or return numbers). */
const S = new Float64Array(3);

/**
 * Richards (generalised logistic) growth, the parameterisation of Richards (1959) as popularised by
 * Tjorve & Tjorve (2010):
 *   Richards(input, Asym, xmid, scal, nu) = Asym * (1 + nu * exp((xmid - input) / scal))^(-1/nu)
 * nu = 1 is SSlogis; nu -> 0 tends to the Gompertz curve Asym * exp(-exp((xmid - input)/scal)).
 * Defined for nu > 0 (for nu < 0 while 1 + nu e^z > 0; elsewhere NaN).
 * With z = (xmid - input)/scal, u = nu e^z, L = log(1 + u), r = u/(1+u), y = Asym e^(-L/nu):
 *   dy/dAsym = e^(-L/nu), dy/dz = -y r / nu, dy/dnu = y (L - r) / nu^2.
 * For nu > 0, L and r are computed as softplus / logistic of log(nu) + z, which cannot overflow.
 */
export const Richards: NlFunction = libraryFunction({
  name: 'Richards',
  argNames: ['input', 'Asym', 'xmid', 'scal', 'nu'],
  value(a: NlArgs): number {
    const nu = a[4];
    const z = (a[2] - a[0]) / a[3];
    let L: number;
    if (nu > 0) {
      S[0] = Math.log(nu) + z;
      softplus(S);
      L = S[1]!;
    } else {
      L = Math.log1p(nu * Math.exp(z));
    }
    return a[1] * Math.exp(-L / nu);
  },
  fill(a: NlArgs, out: Float64Array): void {
    const asym = a[1];
    const scal = a[3];
    const nu = a[4];
    const z = (a[2] - a[0]) / scal;
    let L: number;
    let r: number;
    if (nu > 0) {
      S[0] = Math.log(nu) + z;
      softplus(S);
      L = S[1]!;
      r = S[2]!;
    } else {
      const u = nu * Math.exp(z);
      L = Math.log1p(u);
      r = u / (1 + u);
    }
    const shape = Math.exp(-L / nu);
    const y = asym * shape;
    const dz = (-y * r) / nu;
    out[0] = -dz / scal;
    out[1] = shape;
    out[2] = dz / scal;
    out[3] = (-dz * z) / scal;
    out[4] = (y * (L - r)) / (nu * nu);
    out[5] = y;
  },
});
