/**
 * A point in phase space: position, momentum, velocity (p_sharp = M^-1 p) and the cached log
 * density and gradient at the position. Preallocated and updated in place by the integrator.
 */
export class PhasePoint {
  readonly q: Float64Array;
  readonly p: Float64Array;
  readonly pSharp: Float64Array;
  /** Gradient of the log density (not of the potential) at q. */
  readonly grad: Float64Array;
  logDensity = 0;

  constructor(readonly dimension: number) {
    this.q = new Float64Array(dimension);
    this.p = new Float64Array(dimension);
    this.pSharp = new Float64Array(dimension);
    this.grad = new Float64Array(dimension);
  }

  copyFrom(other: PhasePoint): void {
    const { q, p, pSharp, grad } = this;
    for (let i = 0; i < q.length; i++) {
      q[i] = other.q[i];
      p[i] = other.p[i];
      pSharp[i] = other.pSharp[i];
      grad[i] = other.grad[i];
    }
    this.logDensity = other.logDensity;
  }
}

/** T = 0.5 p' M^-1 p, from the cached velocity. */
export function kineticEnergy(point: PhasePoint): number {
  const { p, pSharp } = point;
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += p[i] * pSharp[i];
  return 0.5 * sum;
}

/** H = T + V with V = -log p; +Infinity when the density failed or the sum is NaN. */
export function energyOf(kinetic: number, logDensity: number): number {
  const h = kinetic - logDensity;
  return Number.isNaN(h) ? Infinity : h;
}

export function hamiltonian(point: PhasePoint): number {
  return energyOf(kineticEnergy(point), point.logDensity);
}

/**
 * The part of a trajectory state kept as a candidate draw: what the next transition needs
 * (position, log density, gradient) plus the kinetic energy, for energy__.
 */
export class Candidate {
  readonly q: Float64Array;
  readonly grad: Float64Array;
  logDensity = 0;
  kinetic = 0;

  constructor(dimension: number) {
    this.q = new Float64Array(dimension);
    this.grad = new Float64Array(dimension);
  }

  /** Copies the point; its kinetic energy is passed in because the caller has just computed it. */
  takeFrom(point: PhasePoint, kinetic: number): void {
    copyPair(this.q, point.q, this.grad, point.grad);
    this.logDensity = point.logDensity;
    this.kinetic = kinetic;
  }

  copyFrom(other: Candidate): void {
    copyPair(this.q, other.q, this.grad, other.grad);
    this.logDensity = other.logDensity;
    this.kinetic = other.kinetic;
  }

  get energy(): number {
    return this.kinetic - this.logDensity;
  }
}

/** Two copies in one plain loop: TypedArray.prototype.set is a builtin call that costs more on short vectors. */
function copyPair(a: Float64Array, fromA: Float64Array, b: Float64Array, fromB: Float64Array): void {
  for (let i = 0; i < a.length; i++) {
    a[i] = fromA[i];
    b[i] = fromB[i];
  }
}
