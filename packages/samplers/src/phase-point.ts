/**
 * A point in phase space: position, momentum, velocity (p_sharp = M^-1 p), the cached log density
 * and gradient at the position, and the kinetic energy at the momentum. Preallocated; the integrator
 * writes every field of its output point.
 *
 * The four vectors lie back to back in `store` (q at qAt, p at pAt, ...; `dimension` values each);
 * q, p, pSharp and grad are views of them for everything that wants arrays (the model, tests). Hot
 * loops index the store directly: V8 reloads each typed array's length and data pointer on every
 * access inside a loop, so a loop over several vectors of one store costs less than one over as
 * many separate arrays. NUTS keeps all its points and momentum sums in one shared store.
 */
export class PhasePoint {
  readonly store: Float64Array;
  readonly qAt: number;
  readonly pAt: number;
  readonly sharpAt: number;
  readonly gradAt: number;
  readonly q: Float64Array;
  readonly p: Float64Array;
  readonly pSharp: Float64Array;
  /** Gradient of the log density (not of the potential) at q. */
  readonly grad: Float64Array;
  logDensity = 0;
  /**
   * T = 0.5 p' M^-1 p. The integrator computes it with the last half kick; whoever sets p by other
   * means sets it too (with kineticEnergy).
   */
  kinetic = 0;

  /** Uses 4 * dimension values of `store` from `offset` (by default a store of its own). */
  constructor(
    readonly dimension: number,
    store: Float64Array = new Float64Array(4 * dimension),
    offset = 0,
  ) {
    if (offset < 0 || offset + 4 * dimension > store.length) throw new RangeError('PhasePoint does not fit in its store');
    this.store = store;
    this.qAt = offset;
    this.pAt = offset + dimension;
    this.sharpAt = offset + 2 * dimension;
    this.gradAt = offset + 3 * dimension;
    this.q = store.subarray(this.qAt, this.qAt + dimension);
    this.p = store.subarray(this.pAt, this.pAt + dimension);
    this.pSharp = store.subarray(this.sharpAt, this.sharpAt + dimension);
    this.grad = store.subarray(this.gradAt, this.gradAt + dimension);
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
    this.kinetic = other.kinetic;
  }
}

/** T = 0.5 p' M^-1 p, from the cached velocity. */
export function kineticEnergy(point: PhasePoint): number {
  const { store, pAt, sharpAt, dimension } = point;
  let sum = 0;
  for (let i = 0; i < dimension; i++) sum += store[pAt + i] * store[sharpAt + i];
  return 0.5 * sum;
}

/**
 * +Infinity as a typed-array element. Optimised code reads it as a raw double; the literal
 * `Infinity` is a boxed constant, and a value that is either it or a computed double must be
 * boxed too: energyOf allocated a heap number per leapfrog step that way.
 */
const INFINITY = Float64Array.of(Infinity);

/** H = T + V with V = -log p; +Infinity when the density failed or the sum is NaN. */
export function energyOf(kinetic: number, logDensity: number): number {
  const h = kinetic - logDensity;
  const infinity = INFINITY[0];
  return h === h ? h : infinity;
}

/** H computed from p and p_sharp (not from the cached kinetic energy). */
export function hamiltonian(point: PhasePoint): number {
  return energyOf(kineticEnergy(point), point.logDensity);
}
