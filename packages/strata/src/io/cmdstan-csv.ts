/**
 * CmdStan's CSV output format (method = sample, NUTS), written and read as plain strings.
 *
 * One file holds one chain, as CmdStan writes it (see docs/io-and-loo.md):
 *   config comments (`# key = value`, indented by section) ... the header row (sampler columns,
 *   then the parameters) ... `# Adaptation terminated`, `# Step size = e`, `# Diagonal elements of
 *   inverse mass matrix:`, `# v1, v2, ...` ... the draws ... `#  Elapsed Time: ...` block.
 * Numbers are written in the shortest form that reads back to the same double (`String(x)`, with
 * `-0`, and `nan`, `inf`, `-inf` as C++ streams print them), so write -> read is exact.
 *
 * Readers this file is checked against: rstan::read_stan_csv 2.21 (needs `num_samples`,
 * `num_warmup`, `save_warmup`, `thin`, `id`, `algorithm`/`engine`/`metric` before `# Adaptation
 * terminated`, and `Elapsed Time` lines), cmdstanr's read_cmdstan_csv (`# Diagonal elements of
 * inverse mass matrix:`, `# Step size = `, `Elapsed Time` with `(Warm-up)`/`(Sampling)`/`(Total)`),
 * and our own reader below, which also reads files written by CmdStan itself.
 */

import {
  NAME_MAP_MARKER,
  SAMPLER_COLUMNS,
  cmdstanColumnToName,
  formatNameMap,
  parseNameMapLine,
  toCsvColumns,
  type ColumnNameStyle,
} from './cmdstan-names.js';

export type { ColumnNameStyle } from './cmdstan-names.js';
export { cmdstanColumnToName, toCsvColumns } from './cmdstan-names.js';

/** The sampler columns CmdStan writes before the parameters, in this order. */
export const CMDSTAN_SAMPLER_COLUMNS = SAMPLER_COLUMNS;
export type SamplerColumn = (typeof SAMPLER_COLUMNS)[number];

/** Per-draw sampler stats of one chain: one array per column, one entry per saved draw. */
export type CmdStanSamplerStats = Record<SamplerColumn, ArrayLike<number>>;

/** One chain's output. */
export interface CmdStanChainInput {
  /** CmdStan's `id` (1-based by convention); also the file suffix in writeCmdStanCsvFiles. */
  chainId: number;
  /** Saved draws x parameters, row-major (length = rows * names.length). */
  draws: Float64Array;
  stats: CmdStanSamplerStats;
  /** Adapted step size (`# Step size = `). */
  stepSize: number;
  /** Inverse metric: the diagonal (metric 'diag_e', length d) or the full matrix row-major ('dense_e', d * d). */
  invMetric: Float64Array;
  warmupSeconds: number;
  samplingSeconds: number;
  /** Per-chain seed if the chains were seeded separately; defaults to the run's seed. */
  seed?: number;
}

/** A run (one or more chains of one model) to write. */
export interface CmdStanCsvInput {
  /** Model-spec parameter names (brms style), one per draw column. */
  names: readonly string[];
  /** `# model = ` (and rstan's model name comes from the file name). */
  model: string;
  seed: number;
  /** Warmup iterations (`num_warmup`). */
  numWarmup: number;
  /** Sampling iterations before thinning (`num_samples`); each chain has ceil(numSamples / thin) rows. */
  numSamples: number;
  thin?: number;
  adaptDelta: number;
  maxDepth: number;
  /** Whether adaptation ran (`adapt engaged`); default numWarmup > 0. */
  adaptEngaged?: boolean;
  /** Initial (user) step size, `stepsize = `; default 1. */
  initialStepSize?: number;
  metric?: 'diag_e' | 'dense_e';
  /** Dual-averaging and window settings written in the header; default Stan's (0.05, 0.75, 10, 75, 50, 25). */
  adaptation?: { gamma?: number; kappa?: number; t0?: number; initBuffer?: number; termBuffer?: number; window?: number };
  /** Initial-value radius (`init = `); default 2. */
  init?: number | string;
  /** Data file name for `# data file = `; default empty. */
  dataFile?: string;
  /** Output file name for `# output file = `; writeCmdStanCsvFiles fills it in. */
  outputFile?: string;
  /** Column naming; see cmdstan-names.ts. Default 'portable'. */
  columnNames?: ColumnNameStyle;
  /** Extra `# key = value` lines appended to the config block (e.g. `{ strata_formula: '...' }`). */
  extraConfig?: Record<string, string | number>;
  chains: readonly CmdStanChainInput[];
}

/** A malformed CmdStan CSV (reader) or an inconsistent input (writer); names file, line and column where known. */
export class CmdStanCsvError extends Error {
  readonly code = 'CMDSTAN_CSV';
  readonly file?: string;
  /** 1-based line of the text. */
  readonly line?: number;
  /** 1-based CSV column. */
  readonly column?: number;
  constructor(message: string, where: { file?: string; line?: number; column?: number } = {}) {
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

function fail(message: string): never {
  throw new CmdStanCsvError(message);
}

function checkFinite(what: string, x: number, { positive = false, integer = false } = {}): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${what} must be a finite number, got ${String(x)}`);
  if (integer && !Number.isInteger(x)) fail(`${what} must be an integer, got ${x}`);
  if (positive && !(x > 0)) fail(`${what} must be > 0, got ${x}`);
}

/** Number of saved draws per chain for numSamples iterations thinned by thin (CmdStan keeps iterations 0, thin, 2 thin, ...). */
export function savedDraws(numSamples: number, thin: number): number {
  return Math.ceil(numSamples / thin);
}

function validate(input: CmdStanCsvInput): void {
  const { names } = input;
  if (!Array.isArray(names) || names.length === 0) fail('names: at least one parameter name is needed');
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (typeof n !== 'string' || n.length === 0) fail(`names[${i}] is empty`);
    if (/[\r\n]/.test(n)) fail(`names[${i}] (${JSON.stringify(n)}) contains a line break`);
    if (seen.has(n)) fail(`names[${i}]: duplicate parameter name "${n}"`);
    seen.add(n);
  });
  if (/[\r\n]/.test(input.model)) fail('model name contains a line break');
  checkFinite('seed', input.seed, { integer: true });
  checkFinite('numWarmup', input.numWarmup, { integer: true });
  if (input.numWarmup < 0) fail(`numWarmup must be >= 0, got ${input.numWarmup}`);
  checkFinite('numSamples', input.numSamples, { integer: true });
  if (input.numSamples < 0) fail(`numSamples must be >= 0, got ${input.numSamples}`);
  checkFinite('thin', input.thin ?? 1, { integer: true, positive: true });
  checkFinite('adaptDelta', input.adaptDelta);
  if (!(input.adaptDelta > 0 && input.adaptDelta < 1)) fail(`adaptDelta must be in (0, 1), got ${input.adaptDelta}`);
  checkFinite('maxDepth', input.maxDepth, { integer: true, positive: true });
  checkFinite('initialStepSize', input.initialStepSize ?? 1, { positive: true });
  if (!Array.isArray(input.chains) || input.chains.length === 0) fail('chains: at least one chain is needed');
  const rows = savedDraws(input.numSamples, input.thin ?? 1);
  const P = names.length;
  const ids = new Set<number>();
  input.chains.forEach((c, k) => {
    const w = `chains[${k}]`;
    checkFinite(`${w}.chainId`, c.chainId, { integer: true });
    if (ids.has(c.chainId)) fail(`${w}.chainId ${c.chainId} is used by another chain`);
    ids.add(c.chainId);
    if (!(c.draws instanceof Float64Array)) fail(`${w}.draws must be a Float64Array`);
    if (c.draws.length !== rows * P) {
      fail(
        `${w}.draws has ${c.draws.length} values; expected ${rows} draws x ${P} parameters = ${rows * P} ` +
          `(numSamples ${input.numSamples}, thin ${input.thin ?? 1})`,
      );
    }
    for (const s of SAMPLER_COLUMNS) {
      const col = c.stats?.[s];
      if (col === undefined || typeof col.length !== 'number') fail(`${w}.stats.${s} is missing`);
      if (col.length !== rows) fail(`${w}.stats.${s} has ${col.length} values; expected ${rows}`);
    }
    checkFinite(`${w}.stepSize`, c.stepSize, { positive: true });
    if (!(c.invMetric instanceof Float64Array) || c.invMetric.length === 0) fail(`${w}.invMetric must be a non-empty Float64Array`);
    if ((input.metric ?? 'diag_e') === 'dense_e') {
      const d = Math.round(Math.sqrt(c.invMetric.length));
      if (d * d !== c.invMetric.length) fail(`${w}.invMetric has ${c.invMetric.length} values, not a square matrix (metric dense_e)`);
    }
    checkFinite(`${w}.warmupSeconds`, c.warmupSeconds);
    checkFinite(`${w}.samplingSeconds`, c.samplingSeconds);
    if (c.seed !== undefined) checkFinite(`${w}.seed`, c.seed, { integer: true });
  });
}

function configValue(v: string | number): string {
  return typeof v === 'number' ? formatCsvNumber(v) : v;
}

/**
 * The CSV text of one chain (`chain` is an index into input.chains, default 0). Throws
 * CmdStanCsvError on inconsistent input (lengths, duplicate names, non-finite settings).
 */
export function writeCmdStanCsv(input: CmdStanCsvInput, chain = 0): string {
  validate(input);
  const c = input.chains[chain];
  if (c === undefined) fail(`chain index ${chain} is out of range (${input.chains.length} chains)`);
  const thin = input.thin ?? 1;
  const metric = input.metric ?? 'diag_e';
  const a = input.adaptation ?? {};
  const engaged = input.adaptEngaged ?? input.numWarmup > 0;
  const columns = toCsvColumns(input.names, input.columnNames ?? 'portable');
  const L: string[] = [];
  const kv = (indent: number, key: string, value: string | number) =>
    L.push(`#${' '.repeat(indent + 1)}${key} = ${configValue(value)}`);
  const section = (indent: number, name: string) => L.push(`#${' '.repeat(indent + 1)}${name}`);

  // The stan_version lines name the CmdStan output format these files follow (readers key on them).
  kv(0, 'stan_version_major', 2);
  kv(0, 'stan_version_minor', 33);
  kv(0, 'stan_version_patch', 0);
  kv(0, 'model', input.model);
  kv(0, 'method', 'sample');
  section(2, 'sample');
  kv(4, 'num_samples', input.numSamples);
  kv(4, 'num_warmup', input.numWarmup);
  kv(4, 'save_warmup', 0);
  kv(4, 'thin', thin);
  section(4, 'adapt');
  kv(6, 'engaged', engaged ? 1 : 0);
  kv(6, 'gamma', a.gamma ?? 0.05);
  kv(6, 'delta', input.adaptDelta);
  kv(6, 'kappa', a.kappa ?? 0.75);
  kv(6, 't0', a.t0 ?? 10);
  kv(6, 'init_buffer', a.initBuffer ?? 75);
  kv(6, 'term_buffer', a.termBuffer ?? 50);
  kv(6, 'window', a.window ?? 25);
  kv(4, 'algorithm', 'hmc');
  section(6, 'hmc');
  kv(8, 'engine', 'nuts');
  section(10, 'nuts');
  kv(12, 'max_depth', input.maxDepth);
  kv(8, 'metric', metric);
  L.push('#         metric_file = ');
  kv(8, 'stepsize', input.initialStepSize ?? 1);
  kv(8, 'stepsize_jitter', 0);
  kv(4, 'num_chains', 1);
  kv(0, 'id', c.chainId);
  section(0, 'data');
  L.push(`#   file = ${input.dataFile ?? ''}`);
  kv(0, 'init', input.init ?? 2);
  section(0, 'random');
  kv(2, 'seed', c.seed ?? input.seed);
  section(0, 'output');
  L.push(`#   file = ${input.outputFile ?? ''}`);
  L.push('#   diagnostic_file = ');
  kv(2, 'refresh', 100);
  kv(2, 'sig_figs', -1);
  kv(0, 'num_threads', 1);
  kv(0, 'strata_format', 1);
  for (const [k, v] of Object.entries(input.extraConfig ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) fail(`extraConfig key "${k}" must be an identifier`);
    const s = configValue(v);
    if (/[\r\n]/.test(s)) fail(`extraConfig.${k} contains a line break`);
    kv(0, k, s);
  }
  L.push(...formatNameMap(input.names, columns));
  L.push([...SAMPLER_COLUMNS, ...columns].join(','));
  L.push('# Adaptation terminated');
  L.push(`# Step size = ${formatCsvNumber(c.stepSize)}`);
  if (metric === 'diag_e') {
    L.push('# Diagonal elements of inverse mass matrix:');
    L.push(`# ${Array.from(c.invMetric, formatCsvNumber).join(', ')}`);
  } else {
    const d = Math.round(Math.sqrt(c.invMetric.length));
    L.push('# Elements of inverse mass matrix:');
    for (let i = 0; i < d; i++) L.push(`# ${Array.from(c.invMetric.subarray(i * d, (i + 1) * d), formatCsvNumber).join(', ')}`);
  }
  const P = input.names.length;
  const rows = savedDraws(input.numSamples, thin);
  const fields: string[] = new Array(SAMPLER_COLUMNS.length + P);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < SAMPLER_COLUMNS.length; j++) fields[j] = formatCsvNumber(Number(c.stats[SAMPLER_COLUMNS[j]][r]));
    const off = r * P;
    for (let j = 0; j < P; j++) fields[SAMPLER_COLUMNS.length + j] = formatCsvNumber(c.draws[off + j]);
    L.push(fields.join(','));
  }
  const title = ' Elapsed Time: ';
  const pad = ' '.repeat(title.length);
  L.push('# ');
  L.push(`# ${title}${formatCsvNumber(c.warmupSeconds)} seconds (Warm-up)`);
  L.push(`# ${pad}${formatCsvNumber(c.samplingSeconds)} seconds (Sampling)`);
  L.push(`# ${pad}${formatCsvNumber(c.warmupSeconds + c.samplingSeconds)} seconds (Total)`);
  L.push('# ');
  return L.join('\n') + '\n';
}

/**
 * File names for a run: one chain -> basePath itself; several -> `<base>_<chainId>.csv` (CmdStan's
 * naming for `output file=<base>.csv` with num_chains > 1), e.g. draws.csv -> draws_1.csv, draws_2.csv.
 */
export function cmdStanCsvPaths(basePath: string, chainIds: readonly number[]): string[] {
  if (chainIds.length === 1) return [basePath];
  const stem = basePath.replace(/\.csv$/i, '');
  return chainIds.map((id) => `${stem}_${id}.csv`);
}

// ---------------------------------------------------------------------------------------------
// Reader

/** What a CmdStan CSV says about the run (undefined where the file does not say). */
export interface CmdStanCsvMetadata {
  model?: string;
  method?: string;
  algorithm?: string;
  engine?: string;
  metric?: string;
  stanVersion?: string;
  chainId?: number;
  seed?: number;
  numSamples?: number;
  numWarmup?: number;
  saveWarmup: boolean;
  thin: number;
  adaptEngaged?: boolean;
  adaptDelta?: number;
  maxDepth?: number;
  initialStepSize?: number;
  /** Adapted step size (`# Step size = `). */
  stepSize?: number;
  /** Diagonal (diag_e) or full row-major matrix (dense_e). */
  invMetric?: Float64Array;
  warmupSeconds?: number;
  samplingSeconds?: number;
  totalSeconds?: number;
  /** Every `key = value` of the config block, keyed by section path (`sample.adapt.delta`, `data.file`, `output.file`, `model`, ...), `(Default)` dropped. */
  config: Record<string, string>;
}

export interface CmdStanCsvRead {
  /** Model names of the non-sampler columns (the name map applied, else CmdStan's `a.1.2` -> `a[1,2]`). */
  names: string[];
  /** The header's column names as written (sampler columns included). */
  columns: string[];
  /** Post-warmup draws x names, row-major. */
  draws: Float64Array;
  /** Post-warmup rows. */
  nDraws: number;
  /** Every column whose name ends in `__` (lp__, accept_stat__, ...), post-warmup. */
  stats: Record<string, Float64Array>;
  /** Present when the file saved warmup draws (save_warmup = 1). */
  warmup?: { draws: Float64Array; nDraws: number; stats: Record<string, Float64Array> };
  metadata: CmdStanCsvMetadata;
  /** Non-fatal findings (e.g. fewer rows than num_samples / thin: an interrupted run). */
  warnings: string[];
}

export interface ReadOptions {
  /** Used in error messages (a file name). */
  source?: string;
}

function toNumber(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const x = parseCsvNumber(s);
  return x === undefined || Number.isNaN(x) ? undefined : x;
}

function splitNumbers(s: string, where: { file?: string; line: number }): Float64Array {
  const parts = s.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
  const out = new Float64Array(parts.length);
  parts.forEach((p, i) => {
    const x = parseCsvNumber(p);
    if (x === undefined) throw new CmdStanCsvError(`inverse metric entry ${i + 1} ("${p}") is not a number`, where);
    out[i] = x;
  });
  return out;
}

/**
 * Reads one CmdStan CSV (one chain): ours or CmdStan's own. Throws CmdStanCsvError naming the line
 * (and column) of the first problem.
 */
export function readCmdStanCsv(text: string, options: ReadOptions = {}): CmdStanCsvRead {
  const file = options.source;
  const err: (message: string, line?: number, column?: number) => never = (message, line, column) => {
    throw new CmdStanCsvError(message, { file, line, column });
  };
  if (typeof text !== 'string') err('input is not text');
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();

  const config: Record<string, string> = {};
  const nameMap = new Map<string, { name: string; line: number }>();
  const sections: { indent: number; name: string }[] = [];
  let inNameMap = false;
  let headerLine = -1;
  let columns: string[] = [];
  let adaptLine = -1;
  let stepSize: number | undefined;
  let metricRowsLeft = 0;
  const metricRows: Float64Array[] = [];
  const timeLines: string[] = [];
  const warmupRows: number[] = [];
  const rowsAt: number[] = [];
  let W = 0;

  // Pass 1: classify lines (comments parsed here; data rows remembered by line index).
  for (let li = 0; li < lines.length; li++) {
    let line = lines[li];
    if (line.endsWith('\r')) line = line.slice(0, -1);
    lines[li] = line;
    const lineNo = li + 1;
    if (line.startsWith('#')) {
      if (headerLine < 0) {
        if (line === NAME_MAP_MARKER) {
          inNameMap = true;
          continue;
        }
        if (inNameMap) {
          const m = parseNameMapLine(line);
          if (m) {
            if (nameMap.has(m.column)) err(`column "${m.column}" is mapped twice`, lineNo);
            nameMap.set(m.column, { name: m.name, line: lineNo });
            continue;
          }
          inNameMap = false;
        }
        const body = line.replace(/^#/, '');
        const indent = body.length - body.trimStart().length;
        const content = body.trim().replace(/\s*\(Default\)\s*$/, '');
        if (content.length === 0) continue;
        while (sections.length > 0 && sections[sections.length - 1].indent >= indent) sections.pop();
        const eq = content.indexOf('=');
        if (eq >= 0) {
          const key = content.slice(0, eq).trim();
          const value = content.slice(eq + 1).trim();
          const path = [...sections.map((s) => s.name), key].join('.');
          config[path] = value;
        } else if (/^[A-Za-z_][A-Za-z0-9_ ]*$/.test(content)) {
          sections.push({ indent, name: content });
        }
        continue;
      }
      // After the header: adaptation block, metric rows, timing.
      const content = line.replace(/^#\s?/, '');
      if (content.trim() === 'Adaptation terminated') {
        adaptLine = lineNo;
        continue;
      }
      const ss = /^\s*Step size\s*=\s*(.*)$/.exec(content);
      if (ss) {
        stepSize = toNumber(ss[1]);
        if (stepSize === undefined) err(`step size "${ss[1].trim()}" is not a number`, lineNo);
        continue;
      }
      if (/Diagonal elements of inverse mass matrix:/.test(content)) {
        metricRowsLeft = 1;
        continue;
      }
      if (/Elements of inverse mass matrix:/.test(content)) {
        metricRowsLeft = -1; // a d x d matrix: d is the length of its first row
        continue;
      }
      if (metricRowsLeft !== 0) {
        const row = splitNumbers(content, { file, line: lineNo });
        if (row.length === 0) err('expected the inverse metric values on this line', lineNo);
        metricRows.push(row);
        metricRowsLeft = metricRowsLeft < 0 ? row.length - 1 : metricRowsLeft - 1;
        continue;
      }
      if (/Elapsed Time|seconds \((Warm-up|Sampling|Total)\)/.test(content)) timeLines.push(content);
      continue;
    }
    if (line.trim().length === 0) continue;
    if (headerLine < 0) {
      headerLine = lineNo;
      columns = line.split(',').map((c) => c.trim());
      const seen = new Map<string, number>();
      columns.forEach((c, j) => {
        if (c.length === 0) err(`header: column ${j + 1} has no name`, lineNo, j + 1);
        if (seen.has(c)) err(`header: column "${c}" appears twice (columns ${(seen.get(c) ?? 0) + 1} and ${j + 1})`, lineNo, j + 1);
        seen.set(c, j);
      });
      W = columns.length;
      continue;
    }
    (adaptLine < 0 ? warmupRows : rowsAt).push(li);
  }
  if (headerLine < 0) err('no header row (every line is a comment or empty)');
  for (const [column, { line }] of nameMap) {
    if (!columns.includes(column)) err(`the column-name map lists "${column}", which is not in the header`, line);
  }

  const statIdx: number[] = [];
  const parIdx: number[] = [];
  columns.forEach((c, j) => (c.endsWith('__') ? statIdx : parIdx).push(j));
  const names = parIdx.map((j) => nameMap.get(columns[j])?.name ?? cmdstanColumnToName(columns[j]));
  const dupe = names.find((n, i) => names.indexOf(n) !== i);
  if (dupe !== undefined) err(`two columns map to the parameter name "${dupe}"`, headerLine);

  const num = (key: string) => toNumber(config[key]);
  const saveWarmup = (num('sample.save_warmup') ?? num('save_warmup') ?? 0) !== 0 || config['sample.save_warmup'] === 'true';
  const thin = num('sample.thin') ?? num('thin') ?? 1;
  const numWarmup = num('sample.num_warmup') ?? num('num_warmup');
  const numSamples = num('sample.num_samples') ?? num('num_samples');

  // Without an `Adaptation terminated` line (e.g. num_warmup = 0 in some versions), split by counts.
  let warm = warmupRows;
  let post = rowsAt;
  if (adaptLine < 0) {
    post = warmupRows;
    warm = [];
    if (saveWarmup && numWarmup !== undefined) {
      const nw = Math.min(post.length, Math.ceil(numWarmup / thin));
      warm = post.slice(0, nw);
      post = post.slice(nw);
    }
  } else if (!saveWarmup && warm.length > 0) {
    err(`${warm.length} data rows before "# Adaptation terminated" but save_warmup = 0`, warm[0] + 1);
  }

  const P = parIdx.length;
  const parse = (rowLines: number[]) => {
    const n = rowLines.length;
    const draws = new Float64Array(n * P);
    const stats: Record<string, Float64Array> = {};
    const statArrays = statIdx.map((j) => (stats[columns[j]] = new Float64Array(n)));
    const colKind = new Int32Array(W); // >= 0: parameter slot; < 0: -(stat slot) - 1
    parIdx.forEach((j, k) => (colKind[j] = k));
    statIdx.forEach((j, k) => (colKind[j] = -k - 1));
    for (let r = 0; r < n; r++) {
      const li = rowLines[r];
      const fields = lines[li].split(',');
      if (fields.length !== W) err(`expected ${W} fields (as in the header on line ${headerLine}), found ${fields.length}`, li + 1);
      for (let j = 0; j < W; j++) {
        const x = parseCsvNumber(fields[j]);
        if (x === undefined) err(`"${fields[j]}" (column ${columns[j]}) is not a number`, li + 1, j + 1);
        const kind = colKind[j];
        if (kind >= 0) draws[r * P + kind] = x;
        else statArrays[-kind - 1][r] = x;
      }
    }
    return { draws, stats, nDraws: n };
  };
  const main = parse(post);
  const warnings: string[] = [];
  if (numSamples !== undefined && main.nDraws !== savedDraws(numSamples, thin)) {
    warnings.push(
      `${main.nDraws} post-warmup draws found, but num_samples = ${numSamples} and thin = ${thin} ` +
        `give ${savedDraws(numSamples, thin)} (an interrupted run?)`,
    );
  }

  let invMetric: Float64Array | undefined;
  if (metricRows.length > 0) {
    const total = metricRows.reduce((s, r) => s + r.length, 0);
    invMetric = new Float64Array(total);
    let o = 0;
    for (const r of metricRows) {
      invMetric.set(r, o);
      o += r.length;
    }
  }
  let warmupSeconds: number | undefined;
  let samplingSeconds: number | undefined;
  let totalSeconds: number | undefined;
  for (const t of timeLines) {
    const m = /([-+0-9.eE]+|nan|inf)\s+seconds\s+\((Warm-up|Sampling|Total)\)/i.exec(t);
    if (!m) continue;
    const v = parseCsvNumber(m[1]);
    if (m[2] === 'Warm-up') warmupSeconds = v;
    else if (m[2] === 'Sampling') samplingSeconds = v;
    else totalSeconds = v;
  }
  const engaged = config['sample.adapt.engaged'] ?? config['engaged'];
  const version = ['stan_version_major', 'stan_version_minor', 'stan_version_patch'].map((k) => config[k]);
  const metadata: CmdStanCsvMetadata = {
    model: config['model'],
    method: config['method'],
    algorithm: config['sample.algorithm'] ?? config['algorithm'],
    engine: config['sample.hmc.engine'] ?? config['engine'],
    metric: config['sample.hmc.metric'] ?? config['metric'],
    stanVersion: version.every((v) => v !== undefined) ? version.join('.') : undefined,
    chainId: num('id'),
    seed: num('random.seed') ?? num('seed'),
    numSamples,
    numWarmup,
    saveWarmup,
    thin,
    adaptEngaged: engaged === undefined ? undefined : engaged === '1' || engaged === 'true',
    adaptDelta: num('sample.adapt.delta') ?? num('delta'),
    maxDepth: num('sample.hmc.nuts.max_depth') ?? num('max_depth'),
    initialStepSize: num('sample.hmc.stepsize') ?? num('stepsize'),
    stepSize,
    invMetric,
    warmupSeconds,
    samplingSeconds,
    totalSeconds,
    config,
  };
  const result: CmdStanCsvRead = { names, columns, draws: main.draws, nDraws: main.nDraws, stats: main.stats, metadata, warnings };
  if (warm.length > 0 || saveWarmup) {
    const w = parse(warm);
    result.warmup = { draws: w.draws, nDraws: w.nDraws, stats: w.stats };
  }
  return result;
}
