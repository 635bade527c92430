/**
 * What CmdStan's CSV reader and writer share: the sampler columns, number spellings, the count of
 * saved draws and the error type.
 *
 * One file holds one chain, as CmdStan writes it (see docs/io-and-loo.md):
 *   config comments (`# key = value`, indented by section) ... the header row (sampler columns,
 *   then the parameters) ... `# Adaptation terminated`, `# Step size = e`, `# Diagonal elements of
 *   inverse mass matrix:`, `# v1, v2, ...` ... the draws ... `#  Elapsed Time: ...` block.
 * Numbers are written in the shortest form that reads back to the same double (`String(x)`, with
 * `-0`, and `nan`, `inf`, `-inf` as C++ streams print them), so write -> read is exact.
 */

import { SAMPLER_COLUMNS } from './cmdstan-names.js';

/** The sampler columns CmdStan writes before the parameters, in this order. */
export const CMDSTAN_SAMPLER_COLUMNS = SAMPLER_COLUMNS;
export type SamplerColumn = (typeof SAMPLER_COLUMNS)[number];

/** Per-draw sampler stats of one chain: one array per column, one entry per saved draw. */
export type CmdStanSamplerStats = Record<SamplerColumn, ArrayLike<number>>;

/** Where in a file a problem is: file name, 1-based line and 1-based CSV column, each if known. */
export interface CsvLocation {
  file?: string;
  line?: number;
  column?: number;
}

/** A malformed CmdStan CSV (reader) or an inconsistent input (writer); names file, line and column where known. */
export class CmdStanCsvError extends Error {
  readonly code = 'CMDSTAN_CSV';
  readonly file?: string;
  /** 1-based line of the text. */
  readonly line?: number;
  /** 1-based CSV column. */
  readonly column?: number;
  constructor(message: string, where: CsvLocation = {}) {
    const loc = [
      where.file,
      where.line !== undefined ? `line ${where.line}` : undefined,
      where.column !== undefined ? `column ${where.column}` : undefined,
    ]
      .filter((x) => x !== undefined)
      .join(', ');
    super(loc ? `${loc}: ${message}` : message);
    this.name = 'CmdStanCsvError';
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }
}

/** Shortest text that reads back to the same double; CmdStan's spellings for the non-finite. */
export function formatCsvNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0 && 1 / x < 0) return '-0';
  return String(x);
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a CSV field as CmdStan/R write it (decimal or exponent; nan, inf, +inf, -inf in any case); undefined if not a number. */
export function parseCsvNumber(field: string): number | undefined {
  const t = field.trim();
  if (NUMBER.test(t)) return Number(t);
  switch (t.toLowerCase()) {
    case 'nan':
    case '-nan':
    case '+nan':
      return NaN;
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
    default:
      return undefined;
  }
}

/** Number of saved draws per chain for numSamples iterations thinned by thin (CmdStan keeps iterations 0, thin, 2 thin, ...). */
export function savedDraws(numSamples: number, thin: number): number {
  return Math.ceil(numSamples / thin);
}
