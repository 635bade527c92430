/**
 * Writes CmdStan's CSV output format (method = sample, NUTS) as plain strings, one chain per text.
 *
 * Readers this writer is checked against: rstan::read_stan_csv 2.21 (needs `num_samples`,
 * `num_warmup`, `save_warmup`, `thin`, `id`, `algorithm`/`engine`/`metric` before `# Adaptation
 * terminated`, and `Elapsed Time` lines), cmdstanr's read_cmdstan_csv (`# Diagonal elements of
 * inverse mass matrix:`, `# Step size = `, `Elapsed Time` with `(Warm-up)`/`(Sampling)`/`(Total)`),
 * and our own reader (cmdstan-csv-read.ts), which also reads files written by CmdStan itself.
 */

import { SAMPLER_COLUMNS, formatNameMap, toCsvColumns, type ColumnNameStyle } from './cmdstan-names.js';
import { CmdStanCsvError, formatCsvNumber, savedDraws, type CmdStanSamplerStats } from './cmdstan-csv-format.js';

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
  /**
   * The run was stopped before this chain finished: it may hold fewer rows than numSamples / thin
   * (the header keeps the requested num_samples, as an interrupted CmdStan file does), and a comment
   * after the draws says so and how many it holds.
   */
  incomplete?: boolean;
}

/** A run (one or more chains of one model) to write. */
export interface CmdStanCsvInput extends CmdStanRunInput {
  chains: readonly CmdStanChainInput[];
}

/** What a chain's head (config, column names, adaptation) needs: known once its warmup ends. */
export type CmdStanChainHead = Pick<CmdStanChainInput, 'chainId' | 'stepSize' | 'invMetric' | 'seed'>;

/** What follows a chain's draws (the incomplete note, the timing). */
export type CmdStanChainTail = Pick<CmdStanChainInput, 'warmupSeconds' | 'samplingSeconds' | 'incomplete'>;

/** The run's settings, shared by its chains: everything of CmdStanCsvInput but the chains. */
export interface CmdStanRunInput {
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
}

function fail(message: string): never {
  throw new CmdStanCsvError(message);
}

function checkFinite(what: string, x: number, { positive = false, integer = false } = {}): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${what} must be a finite number, got ${String(x)}`);
  if (integer && !Number.isInteger(x)) fail(`${what} must be an integer, got ${x}`);
  if (positive && !(x > 0)) fail(`${what} must be > 0, got ${x}`);
}

/**
 * Throws CmdStanCsvError unless every name can be written (non-empty, unique, no line break). Also
 * called before sampling (the CLI), so a group label with a line break fails before the run, not after.
 */
export function checkCsvNames(names: readonly string[]): void {
  if (!Array.isArray(names) || names.length === 0) fail('names: at least one parameter name is needed');
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (typeof n !== 'string' || n.length === 0) fail(`names[${i}] is empty`);
    if (/[\r\n]/.test(n)) fail(`names[${i}] (${JSON.stringify(n)}) contains a line break`);
    if (seen.has(n)) fail(`names[${i}]: duplicate parameter name "${n}"`);
    seen.add(n);
  });
}

function validateNames(input: CmdStanRunInput): void {
  checkCsvNames(input.names);
  if (/[\r\n]/.test(input.model)) fail('model name contains a line break');
}

function validateSettings(input: CmdStanRunInput): void {
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
  for (const [k, v] of Object.entries(input.extraConfig ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) fail(`extraConfig key "${k}" must be an identifier`);
    if (/[\r\n]/.test(configValue(v))) fail(`extraConfig.${k} contains a line break`);
  }
}

function validateChain(input: CmdStanCsvInput, c: CmdStanChainInput, k: number): void {
  const w = `chains[${k}]`;
  const expected = savedDraws(input.numSamples, input.thin ?? 1);
  const P = input.names.length;
  if (!(c.draws instanceof Float64Array)) fail(`${w}.draws must be a Float64Array`);
  const rows = c.incomplete ? chainRows(input, c) : expected;
  if (c.incomplete && (!Number.isInteger(rows) || rows > expected)) {
    fail(`${w}.draws has ${c.draws.length} values: not a whole number of draws x ${P} parameters, at most ${expected} (incomplete chain)`);
  }
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
  validateAdaptation(input, c, w);
  validateTail(c, w);
  if (c.seed !== undefined) checkFinite(`${w}.seed`, c.seed, { integer: true });
}

function validateHead(input: CmdStanRunInput, c: CmdStanChainHead, w: string): void {
  checkFinite(`${w}.chainId`, c.chainId, { integer: true });
  validateAdaptation(input, c, w);
  if (c.seed !== undefined) checkFinite(`${w}.seed`, c.seed, { integer: true });
}

function validateAdaptation(input: CmdStanRunInput, c: CmdStanChainHead, w: string): void {
  checkFinite(`${w}.stepSize`, c.stepSize, { positive: true });
  if (!(c.invMetric instanceof Float64Array) || c.invMetric.length === 0) fail(`${w}.invMetric must be a non-empty Float64Array`);
  if ((input.metric ?? 'diag_e') === 'dense_e') {
    const d = Math.round(Math.sqrt(c.invMetric.length));
    if (d * d !== c.invMetric.length) fail(`${w}.invMetric has ${c.invMetric.length} values, not a square matrix (metric dense_e)`);
  }
}

function validateTail(c: CmdStanChainTail, w: string): void {
  checkFinite(`${w}.warmupSeconds`, c.warmupSeconds);
  checkFinite(`${w}.samplingSeconds`, c.samplingSeconds);
}

/** Rows of a chain: the requested count, or what an incomplete chain holds. */
export function chainRows(input: CmdStanRunInput, c: CmdStanChainInput): number {
  return c.incomplete ? c.draws.length / input.names.length : savedDraws(input.numSamples, input.thin ?? 1);
}

/** After an incomplete chain's draws: what it holds, for people and for `strata summary`'s check. */
function incompleteLines(input: CmdStanRunInput, c: CmdStanChainTail, rows: number): string[] {
  if (!c.incomplete) return [];
  return [`# Incomplete: the run was stopped; this chain holds ${rows} of ${savedDraws(input.numSamples, input.thin ?? 1)} draws`];
}

/**
 * Throws CmdStanCsvError on inconsistent input (lengths, duplicate names, non-finite settings); what
 * writeCmdStanCsv checks, for a caller that renders some chains itself (cmdstan-csv-stream.ts).
 */
export function checkCmdStanCsvInput(input: CmdStanCsvInput): void {
  validateNames(input);
  validateSettings(input);
  if (!Array.isArray(input.chains) || input.chains.length === 0) fail('chains: at least one chain is needed');
  const ids = new Set<number>();
  input.chains.forEach((c, k) => {
    checkFinite(`chains[${k}].chainId`, c.chainId, { integer: true });
    if (ids.has(c.chainId)) fail(`chains[${k}].chainId ${c.chainId} is used by another chain`);
    ids.add(c.chainId);
    validateChain(input, c, k);
  });
}

function configValue(v: string | number): string {
  return typeof v === 'number' ? formatCsvNumber(v) : v;
}

/** Collects `# key = value` lines and section names, indented as CmdStan indents them. */
class ConfigLines {
  readonly lines: string[] = [];
  kv(indent: number, key: string, value: string | number): void {
    this.lines.push(`#${' '.repeat(indent + 1)}${key} = ${configValue(value)}`);
  }
  section(indent: number, name: string): void {
    this.lines.push(`#${' '.repeat(indent + 1)}${name}`);
  }
  raw(line: string): void {
    this.lines.push(line);
  }
}

/** The `sample` section: counts, adaptation settings, the NUTS engine and metric. */
function sampleSection(out: ConfigLines, input: CmdStanRunInput): void {
  const a = input.adaptation ?? {};
  out.section(2, 'sample');
  out.kv(4, 'num_samples', input.numSamples);
  out.kv(4, 'num_warmup', input.numWarmup);
  out.kv(4, 'save_warmup', 0);
  out.kv(4, 'thin', input.thin ?? 1);
  out.section(4, 'adapt');
  out.kv(6, 'engaged', (input.adaptEngaged ?? input.numWarmup > 0) ? 1 : 0);
  out.kv(6, 'gamma', a.gamma ?? 0.05);
  out.kv(6, 'delta', input.adaptDelta);
  out.kv(6, 'kappa', a.kappa ?? 0.75);
  out.kv(6, 't0', a.t0 ?? 10);
  out.kv(6, 'init_buffer', a.initBuffer ?? 75);
  out.kv(6, 'term_buffer', a.termBuffer ?? 50);
  out.kv(6, 'window', a.window ?? 25);
  out.kv(4, 'algorithm', 'hmc');
  out.section(6, 'hmc');
  out.kv(8, 'engine', 'nuts');
  out.section(10, 'nuts');
  out.kv(12, 'max_depth', input.maxDepth);
  out.kv(8, 'metric', input.metric ?? 'diag_e');
  out.raw('#         metric_file = ');
  out.kv(8, 'stepsize', input.initialStepSize ?? 1);
  out.kv(8, 'stepsize_jitter', 0);
  out.kv(4, 'num_chains', 1);
}

/** The `# key = value` block before the header. */
function configLines(input: CmdStanRunInput, c: CmdStanChainHead): string[] {
  const out = new ConfigLines();
  // The stan_version lines name the CmdStan output format these files follow (readers key on them).
  out.kv(0, 'stan_version_major', 2);
  out.kv(0, 'stan_version_minor', 33);
  out.kv(0, 'stan_version_patch', 0);
  out.kv(0, 'model', input.model);
  out.kv(0, 'method', 'sample');
  sampleSection(out, input);
  out.kv(0, 'id', c.chainId);
  out.section(0, 'data');
  out.raw(`#   file = ${input.dataFile ?? ''}`);
  out.kv(0, 'init', input.init ?? 2);
  out.section(0, 'random');
  out.kv(2, 'seed', c.seed ?? input.seed);
  out.section(0, 'output');
  out.raw(`#   file = ${input.outputFile ?? ''}`);
  out.raw('#   diagnostic_file = ');
  out.kv(2, 'refresh', 100);
  out.kv(2, 'sig_figs', -1);
  out.kv(0, 'num_threads', 1);
  out.kv(0, 'strata_format', 1);
  for (const [k, v] of Object.entries(input.extraConfig ?? {})) out.kv(0, k, configValue(v));
  return out.lines;
}

/** `# Adaptation terminated`, the step size and the inverse metric (a row, or d rows for dense_e). */
function adaptationLines(c: CmdStanChainHead, metric: 'diag_e' | 'dense_e'): string[] {
  const L = ['# Adaptation terminated', `# Step size = ${formatCsvNumber(c.stepSize)}`];
  if (metric === 'diag_e') {
    L.push('# Diagonal elements of inverse mass matrix:');
    L.push(`# ${Array.from(c.invMetric, formatCsvNumber).join(', ')}`);
  } else {
    const d = Math.round(Math.sqrt(c.invMetric.length));
    L.push('# Elements of inverse mass matrix:');
    for (let i = 0; i < d; i++) L.push(`# ${Array.from(c.invMetric.subarray(i * d, (i + 1) * d), formatCsvNumber).join(', ')}`);
  }
  return L;
}

/** One line per saved draw: the sampler columns, then the parameters. */
function drawLines(stats: CmdStanSamplerStats, draws: Float64Array, P: number, rows: number): string[] {
  const L: string[] = [];
  const S = SAMPLER_COLUMNS.length;
  const fields: string[] = new Array(S + P);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < S; j++) fields[j] = formatCsvNumber(Number(stats[SAMPLER_COLUMNS[j]][r]));
    const off = r * P;
    for (let j = 0; j < P; j++) fields[S + j] = formatCsvNumber(draws[off + j]);
    L.push(fields.join(','));
  }
  return L;
}

function timingLines(c: CmdStanChainTail): string[] {
  const title = ' Elapsed Time: ';
  const pad = ' '.repeat(title.length);
  return [
    '# ',
    `# ${title}${formatCsvNumber(c.warmupSeconds)} seconds (Warm-up)`,
    `# ${pad}${formatCsvNumber(c.samplingSeconds)} seconds (Sampling)`,
    `# ${pad}${formatCsvNumber(c.warmupSeconds + c.samplingSeconds)} seconds (Total)`,
    '# ',
  ];
}

/**
 * The CSV text of one chain (`chain` is an index into input.chains, default 0). Throws
 * CmdStanCsvError on inconsistent input (lengths, duplicate names, non-finite settings).
 */
export function writeCmdStanCsv(input: CmdStanCsvInput, chain = 0): string {
  checkCmdStanCsvInput(input);
  const c = input.chains[chain];
  if (c === undefined) fail(`chain index ${chain} is out of range (${input.chains.length} chains)`);
  const rows = chainRows(input, c);
  return headText(input, c) + text(drawLines(c.stats, c.draws, input.names.length, rows)) + tailText(input, c, rows);
}

// A file is its head, its rows and its tail, each a run of whole lines (every line ends with \n), so
// a file written in parts as draws arrive (cmdstan-csv-stream.ts) is the same bytes as one written whole.

function text(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) out += `${line}\n`;
  return out;
}

function headText(input: CmdStanRunInput, c: CmdStanChainHead): string {
  const columns = toCsvColumns(input.names, input.columnNames ?? 'portable');
  return text([
    ...configLines(input, c),
    ...formatNameMap(input.names, columns),
    [...SAMPLER_COLUMNS, ...columns].join(','),
    ...adaptationLines(c, input.metric ?? 'diag_e'),
  ]);
}

function tailText(input: CmdStanRunInput, c: CmdStanChainTail, rows: number): string {
  return text([...incompleteLines(input, c, rows), ...timingLines(c)]);
}

/** A chain's head: the config comments, the column names and the adaptation (the file up to its first draw). */
export function cmdStanCsvHead(input: CmdStanRunInput, chain: CmdStanChainHead): string {
  validateNames(input);
  validateSettings(input);
  validateHead(input, chain, 'chain');
  return headText(input, chain);
}

/** Rows of draws (rows x names.length values, row-major) and their stats, one line each. */
export function cmdStanCsvRows(input: CmdStanRunInput, stats: CmdStanSamplerStats, draws: Float64Array): string {
  const P = input.names.length;
  const rows = draws.length / P;
  if (!Number.isInteger(rows)) fail(`draws has ${draws.length} values: not a whole number of rows of ${P} parameters`);
  for (const s of SAMPLER_COLUMNS) if (stats[s]?.length !== rows) fail(`stats.${s} has ${stats[s]?.length} values; expected ${rows}`);
  return text(drawLines(stats, draws, P, rows));
}

/** What follows a chain's `rows` draws: the incomplete note (for an incomplete chain) and the timing. */
export function cmdStanCsvTail(input: CmdStanRunInput, chain: CmdStanChainTail, rows: number): string {
  validateTail(chain, 'chain');
  return tailText(input, chain, rows);
}

/**
 * File names for a run: one chain -> basePath itself; several -> `<base>_<chainId>.csv` (CmdStan's
 * naming for `output file=<base>.csv` with num_chains > 1), e.g. draws.csv -> draws_1.csv, draws_2.csv.
 * `numbered` forces the second form (a stopped run of several chains of which one has draws).
 */
export function cmdStanCsvPaths(basePath: string, chainIds: readonly number[], numbered = chainIds.length > 1): string[] {
  if (!numbered) return [basePath];
  const stem = basePath.replace(/\.csv$/i, '');
  return chainIds.map((id) => `${stem}_${id}.csv`);
}
