/**
 * Group-level effects of one group term, with q coefficients per level and J levels, stored
 * level-major (r[j*q + k]).
 *
 * Non-centred (default): r_j = diag(tau) L z_j with z_j ~ N(0, I) and L the q x q Cholesky factor of
 * the correlation matrix (identity for uncorrelated or single-coefficient terms). The forward and
 * backward passes are generated per term with the q x q products unrolled, since they run once per
 * level on every gradient. The source holds only generator-made names and integer literals.
 *
 * Centred (uncorrelated terms only): the effects are parameters with r_jk ~ normal(0, tau_k).
 */
import { compileKernel } from '../codegen/compile-kernel.js';
import { formatIndex as int } from '../codegen/format.js';

/**
 * Writes w = L z and r = diag(tau) w for every level, and log N(z | 0, I) without constants to
 * out[0] (not returned: a double returned from a call V8 does not inline is boxed).
 */
export type GroupForward = (tau: Float64Array, L: Float64Array | null, theta: Float64Array, w: Float64Array, r: Float64Array, out: Float64Array) => void;

/**
 * Given dr, adds into dTau, dL (lower triangle) and the z entries of grad, including the gradient of
 * z's own standard normal prior.
 */
export type GroupBackward = (
  tau: Float64Array,
  L: Float64Array | null,
  theta: Float64Array,
  w: Float64Array,
  dr: Float64Array,
  dTau: Float64Array,
  dL: Float64Array | null,
  grad: Float64Array,
) => void;

const range = (n: number): number[] => Array.from({ length: n }, (_, k) => k);

/** Generated forward/backward passes for a term with q coefficients, `levels` levels, z at zOffset. */
export function groupEffectKernels(q: number, levels: number, correlated: boolean, zOffset: number): { forward: GroupForward; backward: GroupBackward } {
  const Q = int(q);
  const lower = (k: number) => range(k + 1); // columns l <= k of row k
  const tauLoads = range(q).map((k) => `const t${k} = tau[${int(k)}];`);
  const lLoads = correlated ? range(q).flatMap((k) => lower(k).map((l) => `const L${k}_${l} = L[${int(k * q + l)}];`)) : [];
  const zLoads = range(q).map((k) => `const z${k} = theta[o + ${int(k)}];`);
  const wExpr = (k: number) => (correlated ? lower(k).map((l) => `L${k}_${l} * z${l}`).join(' + ') : `z${k}`);

  const forward = [
    ...tauLoads,
    ...lLoads,
    'let lp = 0;',
    `for (let j = 0; j < ${int(levels)}; j++) {`,
    `  const o = ${int(zOffset)} + j * ${Q};`,
    `  const b = j * ${Q};`,
    ...zLoads.map((l) => `  ${l}`),
    `  lp -= 0.5 * (${range(q).map((k) => `z${k} * z${k}`).join(' + ')});`,
    ...range(q).flatMap((k) => [`  const w${k} = ${wExpr(k)};`, `  w[b + ${int(k)}] = w${k};`, `  r[b + ${int(k)}] = t${k} * w${k};`]),
    '}',
    'out[0] = lp;',
  ];

  const backward = [
    ...tauLoads,
    ...lLoads,
    ...range(q).map((k) => `let s${k} = 0;`),
    ...(correlated ? range(q).flatMap((k) => lower(k).map((l) => `let e${k}_${l} = 0;`)) : []),
    `for (let j = 0; j < ${int(levels)}; j++) {`,
    `  const o = ${int(zOffset)} + j * ${Q};`,
    `  const b = j * ${Q};`,
    ...zLoads.map((l) => `  ${l}`),
    ...range(q).flatMap((k) => [`  const g${k} = dr[b + ${int(k)}];`, `  s${k} += g${k} * w[b + ${int(k)}];`, `  const v${k} = t${k} * g${k};`]),
    // dz_l = sum_{k >= l} L[k,l] v_k (minus z_l from the prior); dL[k,l] += v_k z_l
    ...range(q).map((l) =>
      correlated
        ? `  grad[o + ${int(l)}] += ${range(q).filter((k) => k >= l).map((k) => `L${k}_${l} * v${k}`).join(' + ')} - z${l};`
        : `  grad[o + ${int(l)}] += v${l} - z${l};`,
    ),
    ...(correlated ? range(q).flatMap((k) => lower(k).map((l) => `  e${k}_${l} += v${k} * z${l};`)) : []),
    '}',
    ...range(q).map((k) => `dTau[${int(k)}] += s${k};`),
    ...(correlated ? range(q).flatMap((k) => lower(k).map((l) => `dL[${int(k * q + l)}] += e${k}_${l};`)) : []),
  ];

  return {
    forward: compileKernel<GroupForward>('groupForward', { params: ['tau', 'L', 'theta', 'w', 'r', 'out'], body: forward }),
    backward: compileKernel<GroupBackward>('groupBackward', { params: ['tau', 'L', 'theta', 'w', 'dr', 'dTau', 'dL', 'grad'], body: backward }),
  };
}

/**
 * Centred parameterisation (uncorrelated terms only): the effects r are parameters themselves with
 * r_jk ~ normal(0, tau_k). Returns the log density (constants dropped) and copies r out.
 */
export function centredEffectsForward(q: number, levels: number, tau: Float64Array, theta: Float64Array, offset: number, r: Float64Array): number {
  let lp = 0;
  for (let k = 0; k < q; k++) lp -= levels * Math.log(tau[k]);
  for (let j = 0; j < levels; j++) {
    const base = j * q;
    for (let k = 0; k < q; k++) {
      const v = theta[offset + base + k];
      r[base + k] = v;
      const u = v / tau[k];
      lp -= 0.5 * u * u;
    }
  }
  return lp;
}

/** Gradient of the centred prior plus the data term dr, into grad (for r) and dTau. */
export function centredEffectsBackward(
  q: number,
  levels: number,
  tau: Float64Array,
  r: Float64Array,
  dr: Float64Array,
  dTau: Float64Array,
  grad: Float64Array,
  offset: number,
): void {
  for (let k = 0; k < q; k++) dTau[k] -= levels / tau[k];
  for (let j = 0; j < levels; j++) {
    const base = j * q;
    for (let k = 0; k < q; k++) {
      const v = r[base + k];
      const t2 = tau[k] * tau[k];
      grad[offset + base + k] += dr[base + k] - v / t2;
      dTau[k] += (v * v) / (t2 * tau[k]);
    }
  }
}
