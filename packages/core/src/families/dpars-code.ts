/**
 * FusedDparsCode (types.ts) of the families whose parameters a dpars formula can model, for the
 * fused dpars loop: gaussian and lognormal (identity mean link) with per-observation sigma, student
 * with per-observation sigma and a scalar nu. Other
 * families, links and response extras take the per-observation kernel path (kernel-likelihood.ts).
 * The values equal the kernels' (lognormal keeps its -log y, as the pointwise log-likelihood does).
 */
import { formatNumber } from '../codegen/format.js';
import { HALF_LOG_2PI } from './special.js';
import type { FusedDparsCode } from './types.js';
import { studentNuTerms } from './log-gamma-fill.js';

const NORMAL = (jacobian: string) =>
  [
    'const fr = 1 / p0;',
    'const fz = (y - m) * fr;',
    `const l = ${formatNumber(-HALF_LOG_2PI)} - Math.log(p0) - 0.5 * fz * fz${jacobian};`,
    'const d = fz * fr;',
    'const e0 = (fz * fz - 1) * fr;',
  ].join('\n');

/**
 * Student t with a sigma formula and a scalar nu (p0 = sigma, p1 = nu): nu's terms, lgamma((nu + 1) / 2) -
 * lgamma(nu / 2) - log(nu pi) / 2 and its derivative, come from prepare (V0), once per nu value.
 */
function studentCode(): FusedDparsCode {
  const terms = Float64Array.of(NaN, NaN, NaN);
  return {
    perObservation: [
      'const fz = (y - m) / p0;',
      'const fz2 = fz * fz;',
      'const fden = p1 + fz2;',
      'const flog = Math.log1p(fz2 / p1);',
      'const l = V0[1] - Math.log(p0) - 0.5 * (p1 + 1) * flog;',
      'const d = ((p1 + 1) * fz) / (p0 * fden);',
      'const e0 = ((p1 + 1) * fz2 / fden - 1) / p0;',
      'const e1 = V0[2] - 0.5 * flog + (0.5 * (p1 + 1) * fz2) / (p1 * fden);',
    ].join('\n'),
    arrays: { V0: terms },
    prepare: (aux: Float64Array) => {
      const nu = aux[0];
      if (nu === terms[0] || !(nu > 0 && nu < Infinity)) return;
      terms[0] = nu;
      studentNuTerms(terms);
    },
  };
}

/**
 * The family's fused dpars code, or null where it has none (then the kernel path). `modelled`: the
 * family parameters (family.aux order) that have a dpars formula.
 */
export function fusedDparsCode(family: string, link: string, y: Float64Array, hasExtras: boolean, modelled: readonly number[]): FusedDparsCode | null {
  if (hasExtras || link !== 'identity') return null;
  if (family === 'gaussian') return { perObservation: NORMAL('') };
  if (family === 'lognormal') return { perObservation: NORMAL(' - y'), response: y.map(Math.log) };
  // sigma by formula, nu a scalar: nu's special functions once per evaluation
  if (family === 'student' && modelled.length === 1 && modelled[0] === 0) return studentCode();
  return null;
}
