/**
 * FusedDparsCode (types.ts) of the families whose parameters a dpars formula can model, for the
 * fused dpars loop: gaussian and lognormal (identity mean link) with per-observation sigma. Other
 * families, links and response extras take the per-observation kernel path (kernel-likelihood.ts).
 * The values equal the kernels' (lognormal keeps its -log y, as the pointwise log-likelihood does).
 */
import { formatNumber } from '../codegen/format.js';
import { HALF_LOG_2PI } from './special.js';
import type { FusedDparsCode } from './types.js';

const NORMAL = (jacobian: string) =>
  [
    'const fr = 1 / p0;',
    'const fz = (y - m) * fr;',
    `const l = ${formatNumber(-HALF_LOG_2PI)} - Math.log(p0) - 0.5 * fz * fz${jacobian};`,
    'const d = fz * fr;',
    'const e0 = (fz * fz - 1) * fr;',
  ].join('\n');

/** The family's fused dpars code, or null where it has none (then the kernel path). */
export function fusedDparsCode(family: string, link: string, y: Float64Array, hasExtras: boolean): FusedDparsCode | null {
  if (hasExtras || link !== 'identity') return null;
  if (family === 'gaussian') return { perObservation: NORMAL('') };
  if (family === 'lognormal') return { perObservation: NORMAL(' - y'), response: y.map(Math.log) };
  return null;
}
