import type { NlArgs, NlFunction } from './types.js';
import { libraryFunction } from './define.js';
import { phiFunctions } from './numerics.js';

/** Scratch [z, phi1(z), phi2(z)] (see numerics.ts for why helpers do not take or return numbers). */
const P = new Float64Array(3);

/**
 * SSfol(Dose, input, lKe, lKa, lCl) = Dose * exp(lKe + lKa - lCl) * (exp(-ke t) - exp(-ka t)) / (ka - ke)
 * with ke = exp(lKe), ka = exp(lKa), t = input (R stats::SSfol, first-order compartment model).
 *
 * The factor h = (exp(-ke t) - exp(-ka t)) / (ka - ke) is 0/0 when ka = ke, so it is computed as a
 * divided difference of exp(-k t): h = t exp(-lo t) phi1(-(hi - lo) t) with lo/hi the smaller/larger
 * rate (h is symmetric in ke, ka), which is exact at ka = ke (h = t exp(-ke t)). Its derivatives are
 * second divided differences: dh/dke = -t^2 exp(-ke t) phi2(-(ka - ke) t) and symmetrically for ka;
 * when |(ka - ke) t| is large the plain quotients are used instead (no cancellation, no overflow).
 * dh/dt = exp(-ke t) - ka h (h is the convolution of the two exponentials).
 */
export const SSfol: NlFunction = libraryFunction({
  name: 'SSfol',
  argNames: ['Dose', 'input', 'lKe', 'lKa', 'lCl'],
  value(a: NlArgs): number {
    const t = a[1];
    const ke = Math.exp(a[2]);
    const ka = Math.exp(a[3]);
    // h is symmetric in (ke, ka): expand around the smaller rate so phi1 sees a non-positive argument
    const lo = ke < ka ? ke : ka;
    P[0] = -Math.abs(ka - ke) * t;
    phiFunctions(P);
    return a[0] * Math.exp(a[2] + a[3] - a[4]) * t * Math.exp(-lo * t) * P[1]!;
  },
  fill(a: NlArgs, out: Float64Array): void {
    const dose = a[0];
    const t = a[1];
    const ke = Math.exp(a[2]);
    const ka = Math.exp(a[3]);
    const scale = Math.exp(a[2] + a[3] - a[4]);
    const lo = ke < ka ? ke : ka;
    P[0] = -Math.abs(ka - ke) * t;
    phiFunctions(P);
    const h = t * Math.exp(-lo * t) * P[1]!;
    const y = dose * scale * h;
    const eke = Math.exp(-ke * t);
    const eka = Math.exp(-ka * t);
    const d = (ka - ke) * t;
    let dhdke: number;
    let dhdka: number;
    if (Math.abs(d) <= 1) {
      P[0] = -d;
      phiFunctions(P);
      dhdke = -t * t * eke * P[2]!;
      P[0] = d;
      phiFunctions(P);
      dhdka = -t * t * eka * P[2]!;
    } else {
      dhdke = (h - t * eke) / (ka - ke);
      dhdka = (t * eka - h) / (ka - ke);
    }
    out[0] = scale * h;
    out[1] = dose * scale * (eke - ka * h);
    out[2] = y + dose * scale * ke * dhdke;
    out[3] = y + dose * scale * ka * dhdka;
    out[4] = -y;
    out[5] = y;
  },
});

