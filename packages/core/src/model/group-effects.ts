/**
 * Non-centred group-level effects for one group term: r_j = diag(tau) L z_j, j = 1..J, with q
 * coefficients per level. Stored level-major: r[j*q + k], z[j*q + k]. L is the q x q Cholesky factor
 * of the correlation matrix (identity for uncorrelated or single-coefficient terms).
 *
 * Forward and backward passes are split so the compiled model can run the data loops in between; all
 * buffers belong to the caller and nothing is allocated per call.
 */

/**
 * r = diag(tau) L z for all levels; w (= L z) is kept for the backward pass. Returns the standard
 * normal log density of z (constants dropped).
 */
export function groupEffectsForward(
  q: number,
  levels: number,
  tau: Float64Array,
  L: Float64Array | null,
  z: Float64Array,
  zOffset: number,
  w: Float64Array,
  r: Float64Array,
): number {
  let lp = 0;
  if (L === null) {
    for (let j = 0; j < levels; j++) {
      const base = j * q;
      for (let k = 0; k < q; k++) {
        const v = z[zOffset + base + k];
        lp -= 0.5 * v * v;
        w[base + k] = v;
        r[base + k] = tau[k] * v;
      }
    }
    return lp;
  }
  for (let j = 0; j < levels; j++) {
    const base = j * q;
    for (let k = 0; k < q; k++) {
      let s = 0;
      const row = k * q;
      for (let l = 0; l <= k; l++) s += L[row + l] * z[zOffset + base + l];
      const v = z[zOffset + base + k];
      lp -= 0.5 * v * v;
      w[base + k] = s;
      r[base + k] = tau[k] * s;
    }
  }
  return lp;
}

/**
 * Backward pass given dr (d logp / d r, level-major). Adds into dTau (per coefficient), dL (q x q,
 * lower triangle) and gradient entries of z at zOffset, including the gradient (-z) of z's prior.
 */
export function groupEffectsBackward(
  q: number,
  levels: number,
  tau: Float64Array,
  L: Float64Array | null,
  z: Float64Array,
  zOffset: number,
  w: Float64Array,
  dr: Float64Array,
  dTau: Float64Array,
  dL: Float64Array | null,
  grad: Float64Array,
): void {
  if (L === null || dL === null) {
    for (let j = 0; j < levels; j++) {
      const base = j * q;
      for (let k = 0; k < q; k++) {
        const g = dr[base + k];
        const v = z[zOffset + base + k];
        dTau[k] += g * w[base + k];
        grad[zOffset + base + k] += g * tau[k] - v;
      }
    }
    return;
  }
  for (let j = 0; j < levels; j++) {
    const base = j * q;
    // dw_k = tau_k dr_k; dz = L^T dw; dL[k,l] += dw_k z_l
    for (let k = 0; k < q; k++) {
      const g = dr[base + k];
      dTau[k] += g * w[base + k];
    }
    for (let l = 0; l < q; l++) {
      const v = z[zOffset + base + l];
      let s = 0;
      for (let k = l; k < q; k++) {
        const dw = tau[k] * dr[base + k];
        s += L[k * q + l] * dw;
        dL[k * q + l] += dw * v;
      }
      grad[zOffset + base + l] += s - v;
    }
  }
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
