import type { ChainState, SamplerStats, TransitionInfo } from './types.js';

/** Preallocated storage for the kept draws of one phase and their stats. */
export class DrawRecorder {
  readonly draws: Float64Array;
  private readonly stats: SamplerStats;
  count = 0;

  constructor(
    readonly capacity: number,
    readonly dimension: number,
  ) {
    this.draws = new Float64Array(capacity * dimension);
    this.stats = {
      lp__: new Float64Array(capacity),
      accept_stat__: new Float64Array(capacity),
      stepsize__: new Float64Array(capacity),
      treedepth__: new Int32Array(capacity),
      n_leapfrog__: new Int32Array(capacity),
      divergent__: new Uint8Array(capacity),
      energy__: new Float64Array(capacity),
    };
  }

  record(state: ChainState, info: TransitionInfo, stepSize: number): void {
    const k = this.count++;
    const { draws, dimension } = this;
    const position = state.position;
    const offset = k * dimension;
    for (let i = 0; i < dimension; i++) draws[offset + i] = position[i];
    const s = this.stats;
    s.lp__[k] = state.logDensity;
    s.accept_stat__[k] = info.acceptStat;
    s.stepsize__[k] = stepSize;
    s.treedepth__[k] = info.treeDepth;
    s.n_leapfrog__[k] = info.nLeapfrog;
    s.divergent__[k] = info.divergent ? 1 : 0;
    s.energy__[k] = info.energy;
  }

  /** Copies of rows [from, to) and their stats (for streaming draws out as they are recorded). */
  copyRows(from: number, to: number): { draws: Float64Array; stats: SamplerStats } {
    const s = this.stats;
    return {
      draws: this.draws.slice(from * this.dimension, to * this.dimension),
      stats: {
        lp__: s.lp__.slice(from, to),
        accept_stat__: s.accept_stat__.slice(from, to),
        stepsize__: s.stepsize__.slice(from, to),
        treedepth__: s.treedepth__.slice(from, to),
        n_leapfrog__: s.n_leapfrog__.slice(from, to),
        divergent__: s.divergent__.slice(from, to),
        energy__: s.energy__.slice(from, to),
      },
    };
  }

  /** The recorded draws and stats; copies trimmed to the count when the phase stopped early. */
  result(): { draws: Float64Array; stats: SamplerStats } {
    if (this.count === this.capacity) return { draws: this.draws, stats: this.stats };
    return this.copyRows(0, this.count);
  }
}
