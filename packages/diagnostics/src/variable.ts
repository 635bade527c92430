import type { Chains, DrawMatrix } from './draws.js';
import { allFinite, isConstant, toDrawMatrix } from './draws.js';
import { mean } from './moments.js';
import { medianOfSorted, quantileOfSorted } from './quantile.js';
import { foldAscending, scoresInOrder } from './ranks.js';
import type { ArrayProvider, ArraySlot } from './scratch.js';
import { freshArrays } from './scratch.js';
import { argsort, gather } from './sort.js';
import { splitChains, splitLength, splitPositions } from './split.js';

/**
 * One variable's draws with the derived views the diagnostics share, each computed on first use and
 * kept. The draws are sorted once (an argsort); the median, quantiles, mad, the rank-normal scores of
 * the split chains and, after a linear-time fold about the median, those of the folded split chains
 * all reuse that order.
 */
export class VariableDraws {
  readonly draws: DrawMatrix;
  readonly #arrays: ArrayProvider;
  #finite?: boolean;
  #constant?: boolean;
  #mean?: number;
  #order?: Uint32Array;
  #sorted?: Float64Array;
  #median?: number;
  #split?: DrawMatrix;
  #splitPositions?: Int32Array;
  #zSplit?: DrawMatrix;
  #folded?: { values: Float64Array; order: Uint32Array | null };
  #zFoldedSplit?: DrawMatrix;
  readonly #essQuantiles = new Map<number, number>();

  /**
   * `arrays` supplies the derived arrays; summarizeDraws passes one that reuses them from variable
   * to variable, which is only safe because it keeps nothing but numbers.
   */
  constructor(draws: DrawMatrix, arrays: ArrayProvider = freshArrays) {
    this.draws = draws;
    this.#arrays = arrays;
  }

  static from(x: Chains | VariableDraws): VariableDraws {
    return x instanceof VariableDraws ? x : new VariableDraws(toDrawMatrix(x));
  }

  /** Total number of draws S. */
  get count(): number {
    return this.draws.values.length;
  }

  get allFinite(): boolean {
    return (this.#finite ??= allFinite(this.draws.values));
  }

  /** True when some draw is NaN (NaN sorts last). */
  get hasNaN(): boolean {
    const sorted = this.sorted;
    return sorted.length > 0 && Number.isNaN(sorted[sorted.length - 1]);
  }

  /** posterior's should_return_NA for the raw draws: a non-finite draw, or constant draws. */
  get degenerate(): boolean {
    return !this.allFinite || (this.#constant ??= isConstant(this.draws.values));
  }

  /** R's mean() of all draws. */
  get mean(): number {
    return (this.#mean ??= mean(this.draws.values));
  }

  /** Indices of the draws in ascending order of value (NaN last). */
  get order(): Uint32Array {
    return (this.#order ??= argsort(this.draws.values, this.#uint32('order', this.count)));
  }

  /** All draws in ascending order (NaN last). */
  get sorted(): Float64Array {
    return (this.#sorted ??= gather(this.draws.values, this.order, this.#float64('sorted', this.count)));
  }

  /** R's median() of all draws (NaN if any is NaN). */
  get median(): number {
    return (this.#median ??= this.hasNaN ? NaN : medianOfSorted(this.sorted));
  }

  /** R's type-7 quantile of all draws (NaN if any is NaN). */
  quantile(p: number): number {
    return this.hasNaN ? NaN : quantileOfSorted(this.sorted, p);
  }

  /** |x - median| of all draws in ascending order; only for draws without NaN. */
  get foldedSorted(): Float64Array {
    return this.#foldedDraws().values;
  }

  get split(): DrawMatrix {
    return (this.#split ??= splitChains(this.draws, this.#float64('split', splitLength(this.draws))));
  }

  /** z_scale(split_chains(x)) */
  get zSplit(): DrawMatrix {
    return (this.#zSplit ??= this.#scoresOfSplit(this.sorted, this.order, 'zSplit'));
  }

  /** z_scale(split_chains(fold_draws(x))); only for draws with a finite median. */
  get zFoldedSplit(): DrawMatrix {
    if (this.#zFoldedSplit === undefined) {
      const folded = this.#foldedDraws();
      this.#zFoldedSplit = this.#scoresOfSplit(folded.values, folded.order!, 'zFoldedSplit');
    }
    return this.#zFoldedSplit;
  }

  /** Memo for ESS of quantile indicators, shared by ess_tail, ess_quantile and mcse_quantile. */
  essQuantileMemo(p: number, compute: () => number): number {
    let value = this.#essQuantiles.get(p);
    if (value === undefined) {
      value = compute();
      this.#essQuantiles.set(p, value);
    }
    return value;
  }

  #foldedDraws(): { values: Float64Array; order: Uint32Array | null } {
    return (this.#folded ??= foldAscending(
      this.sorted,
      this.order,
      this.median,
      this.#float64('folded', this.count),
      this.#uint32('foldedOrder', this.count),
    ));
  }

  /** Rank-normal scores of the split chains, given some draws' values in ascending order. */
  #scoresOfSplit(sorted: Float64Array, order: Uint32Array, slot: ArraySlot): DrawMatrix {
    const split = this.split;
    const values = this.#float64(slot, split.values.length);
    const positions = (this.#splitPositions ??= splitPositions(
      this.draws,
      this.#arrays.int32('splitPositions', this.count),
    ));
    scoresInOrder(sorted, order, positions, values);
    return { chains: split.chains, iterations: split.iterations, values };
  }

  #float64(slot: ArraySlot, length: number): Float64Array {
    return this.#arrays.float64(slot, length);
  }

  #uint32(slot: ArraySlot, length: number): Uint32Array {
    return this.#arrays.uint32(slot, length);
  }
}
