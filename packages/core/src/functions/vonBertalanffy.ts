import type { NlArgs, NlFunction } from './types.js';
import { libraryFunction } from './define.js';

/**
 * von Bertalanffy growth (the standard fisheries length-at-age form):
 *   vonBertalanffy(t, Linf, K, t0) = Linf * (1 - exp(-K * (t - t0)))
 * With e = exp(-K (t - t0)): d/dLinf = 1 - e (via expm1), d/dK = Linf e (t - t0),
 * d/dt0 = -Linf e K, d/dt = Linf e K.
 */
export const vonBertalanffy: NlFunction = libraryFunction({
  name: 'vonBertalanffy',
  expansion: '-Linf * expm1(-K * (t - t0))',
  argNames: ['t', 'Linf', 'K', 't0'],
  value(a: NlArgs): number {
    return -a[1] * Math.expm1(-a[2] * (a[0] - a[3]));
  },
  fill(a: NlArgs, out: Float64Array): void {
    const linf = a[1];
    const K = a[2];
    const dt = a[0] - a[3];
    const e = Math.exp(-K * dt);
    const growth = -Math.expm1(-K * dt);
    out[0] = linf * e * K;
    out[1] = growth;
    out[2] = linf * e * dt;
    out[3] = -linf * e * K;
    out[4] = linf * growth;
  },
});
