import type { NlArgs, NlFunction } from './types.js';
import { softplus } from './numerics.js';

/**
 * Richards (generalised logistic) growth, the parameterisation of Richards (1959) as popularised by
 * Tjorve & Tjorve (2010):
 *   Richards(input, Asym, xmid, scal, nu) = Asym * (1 + nu * exp((xmid - input) / scal))^(-1/nu)
 * nu = 1 is SSlogis; nu -> 0 tends to the Gompertz curve Asym * exp(-exp((xmid - input)/scal)).
 * Defined for nu > 0 (for nu < 0 while 1 + nu e^z > 0; elsewhere NaN).
 * With z = (xmid - input)/scal, u = nu e^z, L = log(1 + u), r = u/(1+u), y = Asym e^(-L/nu):
 *   dy/dAsym = e^(-L/nu), dy/dz = -y r / nu, dy/dnu = y (L - r) / nu^2.
 */
export const Richards: NlFunction = {
  name: 'Richards',
  arity: 5,
  argNames: ['input', 'Asym', 'xmid', 'scal', 'nu'],
  value(a: NlArgs): number {
    const nu = a[4];
    const z = (a[2] - a[0]) / a[3];
    return a[1] * Math.exp(-logOnePlus(nu, z) / nu);
  },
  gradient(a: NlArgs, out: Float64Array): number {
    const asym = a[1];
    const scal = a[3];
    const nu = a[4];
    const z = (a[2] - a[0]) / scal;
    const L = logOnePlus(nu, z);
    const r = nu > 0 ? fraction(Math.log(nu) + z) : (nu * Math.exp(z)) / (1 + nu * Math.exp(z));
    const shape = Math.exp(-L / nu);
    const y = asym * shape;
    const dz = (-y * r) / nu;
    out[0] = -dz / scal;
    out[1] = shape;
    out[2] = dz / scal;
    out[3] = (-dz * z) / scal;
    out[4] = (y * (L - r)) / (nu * nu);
    return y;
  },
};

/** log(1 + nu e^z), overflow-free for nu > 0 via softplus(log nu + z). */
function logOnePlus(nu: number, z: number): number {
  return nu > 0 ? softplus(Math.log(nu) + z) : Math.log1p(nu * Math.exp(z));
}

/** e^w / (1 + e^w) without overflow. */
function fraction(w: number): number {
  if (w >= 0) return 1 / (1 + Math.exp(-w));
  const e = Math.exp(w);
  return e / (1 + e);
}
