import { PhasePoint } from '../phase-point.js';

/** A trajectory state that several roles may hold at once (end, boundary, candidate draw). */
export class SharedPoint extends PhasePoint {
  /** How many roles hold this point; back in the pool at 0. */
  refs = 0;
}

/**
 * Reference-counted phase points for one NUTS kernel, plus spare d-vectors (momentum sums), all in
 * one store so that the trajectory loops index a single typed array (see PhasePoint).
 *
 * The integrator writes each new state into a fresh point, and every role that state plays (the
 * walker, a subtree's first or last state, its multinomial draw, a momentum sum at a leaf) holds the
 * same point: choosing a candidate or passing boundary momenta up the tree is a pointer move, not a
 * d-vector copy. The store is allocated once; taking and releasing points allocates nothing.
 */
export class PointPool {
  readonly store: Float64Array;
  private readonly free: SharedPoint[];
  private freeCount: number;
  private readonly vectorsAt: number;

  /** `points` phase points and `vectors` spare vectors of length `dimension`. */
  constructor(
    readonly dimension: number,
    readonly points: number,
    readonly vectors: number,
  ) {
    this.store = new Float64Array((4 * points + vectors) * dimension);
    // Reversed so that take() hands out the points in store order.
    this.free = Array.from({ length: points }, (_, k) => new SharedPoint(dimension, this.store, 4 * dimension * (points - 1 - k)));
    this.freeCount = points;
    this.vectorsAt = 4 * points * dimension;
  }

  /** Offset in the store of spare vector k. */
  vectorAt(k: number): number {
    if (!(k >= 0 && k < this.vectors)) throw new RangeError(`PointPool has ${this.vectors} spare vectors, not ${k + 1}`);
    return this.vectorsAt + k * this.dimension;
  }

  /** A point held once; its contents are stale until written. */
  take(): SharedPoint {
    // Running out means a role forgot to release a point: the live set is bounded (see TreeBuilder).
    if (this.freeCount === 0) throw new Error(`PointPool: all ${this.points} points are in use`);
    const point = this.free[--this.freeCount];
    point.refs = 1;
    return point;
  }

  /** One more role holds the point. */
  retain(point: SharedPoint): SharedPoint {
    point.refs++;
    return point;
  }

  /** One role lets go of the point. */
  release(point: SharedPoint): void {
    if (--point.refs === 0) this.free[this.freeCount++] = point;
  }

  /** Points currently held (0 between transitions). */
  get inUse(): number {
    return this.points - this.freeCount;
  }
}
