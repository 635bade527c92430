import type { Chains } from './draws.js';
import { toDrawMatrix } from './draws.js';
import { essBulkOf, essMeanOf, essQuantileOf, essSdOf, essTailOf } from './ess.js';
import { mcseMeanOf, mcseQuantileOf, mcseSdOf } from './mcse.js';
import { variance } from './moments.js';
import { madOfFolded } from './quantile.js';
import { rhatCore, rhatOf } from './rhat.js';
import { ReusedArrays } from './scratch.js';
import { VariableDraws } from './variable.js';

/** One variable by name, for the ordered-list form of summarizeDraws' input. */
export interface NamedChains {
  readonly name: string;
  readonly chains: Chains;
}

/**
 * Draws of several variables: a record (variable -> chains; note that JavaScript puts integer-like
 * keys such as "1" first), a Map, or an ordered list of {name, chains}. Row order follows the input.
 */
export type DrawsInput = Readonly<Record<string, Chains>> | ReadonlyMap<string, Chains> | readonly NamedChains[];

/** posterior's summarise_draws() default columns (after `variable`). */
export const DEFAULT_MEASURES: readonly string[] = Object.freeze([
  'mean', 'median', 'sd', 'mad', 'q5', 'q95', 'rhat', 'ess_bulk', 'ess_tail',
]);

export interface SummarizeOptions {
  /**
   * Columns after `variable`, in order. Default DEFAULT_MEASURES. Known names: mean, median, sd, mad,
   * rhat, rhat_basic, ess_bulk, ess_tail, ess_basic, ess_mean, ess_sd, ess_median, mcse_mean,
   * mcse_sd, mcse_median, and for any percentage P in [0, 100]: qP, ess_qP, mcse_qP (q2.5, mcse_q95...).
   */
  readonly measures?: readonly string[];
}

export interface SummaryRow {
  readonly variable: string;
  /** Chains and iterations per chain of this variable's draws. */
  readonly chains: number;
  readonly iterations: number;
  /** measure -> value; NaN where posterior gives NA. */
  readonly values: Readonly<Record<string, number>>;
}

export interface DrawsSummary {
  readonly measures: readonly string[];
  readonly rows: readonly SummaryRow[];
}

type Measure = (v: VariableDraws) => number;

const FIXED_MEASURES: Readonly<Record<string, Measure>> = {
  mean: (v) => v.mean,
  median: (v) => v.median,
  sd: (v) => Math.sqrt(variance(v.draws.values, v.mean)),
  mad: (v) => (v.hasNaN ? NaN : madOfFolded(v.foldedSorted)),
  rhat: rhatOf,
  rhat_basic: (v) => rhatCore(v.split),
  ess_bulk: essBulkOf,
  ess_tail: essTailOf,
  ess_basic: essMeanOf,
  ess_mean: essMeanOf,
  ess_sd: essSdOf,
  ess_median: (v) => essQuantileOf(v, 0.5),
  mcse_mean: mcseMeanOf,
  mcse_sd: mcseSdOf,
  mcse_median: (v) => mcseQuantileOf(v, 0.5),
};

const QUANTILE_MEASURE = /^(q|ess_q|mcse_q)(\d+(?:\.\d+)?)$/;

/** The function computing a measure, or undefined for an unknown name. */
function measureFunction(name: string): Measure | undefined {
  if (Object.hasOwn(FIXED_MEASURES, name)) return FIXED_MEASURES[name];
  const match = QUANTILE_MEASURE.exec(name);
  if (match === null) return undefined;
  const p = Number(match[2]) / 100;
  if (!(p >= 0 && p <= 1)) return undefined;
  switch (match[1]) {
    case 'q':
      return (v) => v.quantile(p);
    case 'ess_q':
      return (v) => essQuantileOf(v, p);
    default:
      return (v) => mcseQuantileOf(v, p);
  }
}

function namedChains(draws: DrawsInput): NamedChains[] {
  if (Array.isArray(draws)) return draws as NamedChains[];
  if (draws instanceof Map) return [...draws].map(([name, chains]) => ({ name, chains }));
  return Object.entries(draws as Readonly<Record<string, Chains>>).map(([name, chains]) => ({ name, chains }));
}

/**
 * Summary table of posterior draws, as posterior's summarise_draws(): one row per variable (in input
 * order) with the requested measures (default: mean, median, sd, mad, q5, q95, rhat, ess_bulk,
 * ess_tail). Each variable is sorted once; median, quantiles, mad and rank transforms reuse the order.
 */
export function summarizeDraws(draws: DrawsInput, options: SummarizeOptions = {}): DrawsSummary {
  const measures = [...(options.measures ?? DEFAULT_MEASURES)];
  const functions = measures.map((name) => {
    const f = measureFunction(name);
    if (f === undefined) {
      throw new RangeError(
        `unknown summary measure '${name}'; known: ${Object.keys(FIXED_MEASURES).join(', ')}, qP, ess_qP, mcse_qP (P in [0, 100])`,
      );
    }
    return f;
  });

  const rows: SummaryRow[] = [];
  // every row keeps only numbers, so one set of working arrays serves all variables
  const arrays = new ReusedArrays();
  const seen = new Set<string>();
  for (const { name, chains: input } of namedChains(draws)) {
    if (typeof name !== 'string') throw new TypeError('every variable needs a string name');
    if (seen.has(name)) throw new RangeError(`variable '${name}' appears twice`);
    seen.add(name);
    let matrix;
    try {
      matrix = toDrawMatrix(input, (length) => arrays.float64('draws', length));
    } catch (error) {
      throw new (error instanceof RangeError ? RangeError : TypeError)(`variable '${name}': ${(error as Error).message}`);
    }
    const variable = new VariableDraws(matrix, arrays);
    const values: Record<string, number> = {};
    for (let k = 0; k < measures.length; k++) values[measures[k]] = functions[k](variable);
    rows.push({ variable: name, chains: matrix.chains, iterations: matrix.iterations, values });
  }
  return { measures, rows };
}
