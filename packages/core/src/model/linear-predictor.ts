/**
 * One linear predictor (the whole model's, or one nonlinear parameter's stage-2 formula):
 * eta_i = X_i beta + sum over group terms t of Z_t,i r_t[g_t(i)].
 * Data loops only; parameters arrive as typed-array views. Nothing is allocated per call.
 */

export interface PredictorTerm {
  /** Number of coefficients per level. */
  q: number;
  /** Level of each observation (0-based). */
  index: Int32Array;
  /** n x q, row-major. */
  Z: Float64Array;
  /** Effects r (levels x q), filled by the group-effects forward pass. */
  r: Float64Array;
  /** Gradient w.r.t. r, accumulated by the backward pass. */
  dr: Float64Array;
}

export class LinearPredictor {
  readonly n: number;
  readonly p: number;
  private readonly X: Float64Array;
  /** Column k of X is all ones: skip its multiply (the common intercept). */
  private readonly isOnes: Uint8Array;
  readonly terms: PredictorTerm[];

  constructor(n: number, p: number, X: Float64Array, terms: PredictorTerm[]) {
    this.n = n;
    this.p = p;
    this.X = X;
    this.terms = terms;
    this.isOnes = new Uint8Array(p);
    for (let k = 0; k < p; k++) {
      let ones = true;
      for (let i = 0; i < n && ones; i++) if (X[i * p + k] !== 1) ones = false;
      this.isOnes[k] = ones ? 1 : 0;
    }
  }

  /** eta = X beta + sum_t Z_t r_t, with beta = theta[betaOffset .. betaOffset + p). */
  forward(theta: Float64Array, betaOffset: number, eta: Float64Array): void {
    const { n, p, X } = this;
    if (p === 0) eta.fill(0, 0, n);
    else if (p === 1) {
      const b0 = theta[betaOffset];
      if (this.isOnes[0]) eta.fill(b0, 0, n);
      else for (let i = 0; i < n; i++) eta[i] = X[i] * b0;
    } else if (p === 2) {
      const b0 = theta[betaOffset];
      const b1 = theta[betaOffset + 1];
      for (let i = 0; i < n; i++) eta[i] = X[2 * i] * b0 + X[2 * i + 1] * b1;
    } else {
      for (let i = 0; i < n; i++) {
        const row = i * p;
        let s = 0;
        for (let k = 0; k < p; k++) s += X[row + k] * theta[betaOffset + k];
        eta[i] = s;
      }
    }
    for (const t of this.terms) addGroupTerm(n, t, eta);
  }

  /** Adds X' dEta into grad[betaOffset ..] and Z_t' dEta into each term's dr (which it first zeroes). */
  backward(dEta: Float64Array, grad: Float64Array, betaOffset: number): void {
    const { n, p, X } = this;
    if (p === 1 && this.isOnes[0]) {
      let s = 0;
      for (let i = 0; i < n; i++) s += dEta[i];
      grad[betaOffset] += s;
    } else if (p === 2) {
      let s0 = 0;
      let s1 = 0;
      for (let i = 0; i < n; i++) {
        const d = dEta[i];
        s0 += X[2 * i] * d;
        s1 += X[2 * i + 1] * d;
      }
      grad[betaOffset] += s0;
      grad[betaOffset + 1] += s1;
    } else {
      for (let k = 0; k < p; k++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += X[i * p + k] * dEta[i];
        grad[betaOffset + k] += s;
      }
    }
    for (const t of this.terms) backGroupTerm(n, t, dEta);
  }
}

function addGroupTerm(n: number, t: PredictorTerm, eta: Float64Array): void {
  const { q, index, Z, r } = t;
  if (q === 1) {
    for (let i = 0; i < n; i++) eta[i] += Z[i] * r[index[i]];
  } else if (q === 2) {
    for (let i = 0; i < n; i++) {
      const b = 2 * index[i];
      eta[i] += Z[2 * i] * r[b] + Z[2 * i + 1] * r[b + 1];
    }
  } else {
    for (let i = 0; i < n; i++) {
      const b = q * index[i];
      const row = q * i;
      let s = 0;
      for (let k = 0; k < q; k++) s += Z[row + k] * r[b + k];
      eta[i] += s;
    }
  }
}

function backGroupTerm(n: number, t: PredictorTerm, dEta: Float64Array): void {
  const { q, index, Z, dr } = t;
  dr.fill(0);
  if (q === 1) {
    for (let i = 0; i < n; i++) dr[index[i]] += Z[i] * dEta[i];
  } else if (q === 2) {
    for (let i = 0; i < n; i++) {
      const b = 2 * index[i];
      const d = dEta[i];
      dr[b] += Z[2 * i] * d;
      dr[b + 1] += Z[2 * i + 1] * d;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const b = q * index[i];
      const row = q * i;
      const d = dEta[i];
      for (let k = 0; k < q; k++) dr[b + k] += Z[row + k] * d;
    }
  }
}
