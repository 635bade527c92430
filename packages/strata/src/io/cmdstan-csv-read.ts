/**
 * Reads CmdStan's CSV output format (method = sample, NUTS): ours (cmdstan-csv-write.ts) or
 * CmdStan's own, one chain per text.
 *
 * One pass classifies the lines (comments parsed as they come, in cmdstan-csv-comments.ts; data rows
 * remembered by line index), so errors are reported in the order of the file; the rows are then
 * parsed into typed arrays.
 */

import { cmdstanColumnToName } from './cmdstan-names.js';
import { parseCsvNumber, savedDraws } from './cmdstan-csv-format.js';
import { HeaderComments, TrailingComments, failIn, toNumber, type FailAt } from './cmdstan-csv-comments.js';

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

/** The file after one pass: comments parsed, the header's columns, data rows as line indices. */
interface ScannedCsv {
  lines: string[];
  header: HeaderComments;
  trailing: TrailingComments;
  /** 1-based line of the header row. */
  headerLine: number;
  columns: string[];
  /** Line indices of data rows before / after `# Adaptation terminated`. */
  rowsBeforeAdapt: number[];
  rowsAfterAdapt: number[];
}

/** The header row's column names; each must be present and unique. */
function parseHeaderRow(line: string, lineNo: number, fail: FailAt): string[] {
  const columns = line.split(',').map((c) => c.trim());
  const seen = new Map<string, number>();
  columns.forEach((c, j) => {
    if (c.length === 0) fail(`header: column ${j + 1} has no name`, lineNo, j + 1);
    if (seen.has(c)) fail(`header: column "${c}" appears twice (columns ${(seen.get(c) ?? 0) + 1} and ${j + 1})`, lineNo, j + 1);
    seen.set(c, j);
  });
  return columns;
}

function scanLines(text: string, file: string | undefined, fail: FailAt): ScannedCsv {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const header = new HeaderComments(fail);
  const trailing = new TrailingComments(fail, file);
  let headerLine = -1;
  let columns: string[] = [];
  const rowsBeforeAdapt: number[] = [];
  const rowsAfterAdapt: number[] = [];
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li].endsWith('\r') ? lines[li].slice(0, -1) : lines[li];
    lines[li] = line;
    const lineNo = li + 1;
    if (line.startsWith('#')) (headerLine < 0 ? header : trailing).take(line, lineNo);
    else if (line.trim().length === 0) continue;
    else if (headerLine < 0) {
      headerLine = lineNo;
      columns = parseHeaderRow(line, lineNo, fail);
    } else (trailing.adaptLine < 0 ? rowsBeforeAdapt : rowsAfterAdapt).push(li);
  }
  if (headerLine < 0) fail('no header row (every line is a comment or empty)');
  for (const [column, { line }] of header.nameMap) {
    if (!columns.includes(column)) fail(`the column-name map lists "${column}", which is not in the header`, line);
  }
  return { lines, header, trailing, headerLine, columns, rowsBeforeAdapt, rowsAfterAdapt };
}

/** Which columns are sampler stats (`__` suffix) and which parameters, and the parameters' model names. */
function columnRoles(scan: ScannedCsv, fail: FailAt) {
  const statIdx: number[] = [];
  const parIdx: number[] = [];
  scan.columns.forEach((c, j) => (c.endsWith('__') ? statIdx : parIdx).push(j));
  const names = parIdx.map((j) => scan.header.nameMap.get(scan.columns[j])?.name ?? cmdstanColumnToName(scan.columns[j]));
  const dupe = names.find((n, i) => names.indexOf(n) !== i);
  if (dupe !== undefined) fail(`two columns map to the parameter name "${dupe}"`, scan.headerLine);
  return { statIdx, parIdx, names };
}
type ColumnRoles = ReturnType<typeof columnRoles>;

/** The run settings that decide how rows split into warmup and draws (old and new key paths). */
function runSettings(config: Record<string, string>) {
  const num = (key: string) => toNumber(config[key]);
  return {
    saveWarmup: (num('sample.save_warmup') ?? num('save_warmup') ?? 0) !== 0 || config['sample.save_warmup'] === 'true',
    thin: num('sample.thin') ?? num('thin') ?? 1,
    numWarmup: num('sample.num_warmup') ?? num('num_warmup'),
    numSamples: num('sample.num_samples') ?? num('num_samples'),
  };
}
type RunSettings = ReturnType<typeof runSettings>;

/** Line indices of warmup and post-warmup rows. */
function splitWarmup(scan: ScannedCsv, s: RunSettings, fail: FailAt): { warm: number[]; post: number[] } {
  if (scan.trailing.adaptLine >= 0) {
    const warm = scan.rowsBeforeAdapt;
    if (!s.saveWarmup && warm.length > 0) {
      fail(`${warm.length} data rows before "# Adaptation terminated" but save_warmup = 0`, warm[0] + 1);
    }
    return { warm, post: scan.rowsAfterAdapt };
  }
  // Without an `Adaptation terminated` line (e.g. num_warmup = 0 in some versions), split by counts.
  const rows = scan.rowsBeforeAdapt;
  if (!s.saveWarmup || s.numWarmup === undefined) return { warm: [], post: rows };
  const nw = Math.min(rows.length, Math.ceil(s.numWarmup / s.thin));
  return { warm: rows.slice(0, nw), post: rows.slice(nw) };
}

/** Parses data rows into draws (rows x parameters, row-major) and one array per sampler column. */
function parseRows(scan: ScannedCsv, roles: ColumnRoles, rowLines: number[], fail: FailAt) {
  const { columns, lines } = scan;
  const W = columns.length;
  const P = roles.parIdx.length;
  const n = rowLines.length;
  const draws = new Float64Array(n * P);
  const stats: Record<string, Float64Array> = {};
  const statArrays = roles.statIdx.map((j) => (stats[columns[j]] = new Float64Array(n)));
  const colKind = new Int32Array(W); // >= 0: parameter slot; < 0: -(stat slot) - 1
  roles.parIdx.forEach((j, k) => (colKind[j] = k));
  roles.statIdx.forEach((j, k) => (colKind[j] = -k - 1));
  for (let r = 0; r < n; r++) {
    const li = rowLines[r];
    const fields = lines[li].split(',');
    if (fields.length !== W) fail(`expected ${W} fields (as in the header on line ${scan.headerLine}), found ${fields.length}`, li + 1);
    for (let j = 0; j < W; j++) {
      const x = parseCsvNumber(fields[j]);
      if (x === undefined) fail(`"${fields[j]}" (column ${columns[j]}) is not a number`, li + 1, j + 1);
      const kind = colKind[j];
      if (kind >= 0) draws[r * P + kind] = x;
      else statArrays[-kind - 1][r] = x;
    }
  }
  return { draws, stats, nDraws: n };
}

function buildMetadata(scan: ScannedCsv, s: RunSettings): CmdStanCsvMetadata {
  const { config } = scan.header;
  const num = (key: string) => toNumber(config[key]);
  const engaged = config['sample.adapt.engaged'] ?? config['engaged'];
  const version = ['stan_version_major', 'stan_version_minor', 'stan_version_patch'].map((k) => config[k]);
  return {
    model: config['model'],
    method: config['method'],
    algorithm: config['sample.algorithm'] ?? config['algorithm'],
    engine: config['sample.hmc.engine'] ?? config['engine'],
    metric: config['sample.hmc.metric'] ?? config['metric'],
    stanVersion: version.every((v) => v !== undefined) ? version.join('.') : undefined,
    chainId: num('id'),
    seed: num('random.seed') ?? num('seed'),
    numSamples: s.numSamples,
    numWarmup: s.numWarmup,
    saveWarmup: s.saveWarmup,
    thin: s.thin,
    adaptEngaged: engaged === undefined ? undefined : engaged === '1' || engaged === 'true',
    adaptDelta: num('sample.adapt.delta') ?? num('delta'),
    maxDepth: num('sample.hmc.nuts.max_depth') ?? num('max_depth'),
    initialStepSize: num('sample.hmc.stepsize') ?? num('stepsize'),
    stepSize: scan.trailing.stepSize,
    invMetric: scan.trailing.invMetric(),
    warmupSeconds: scan.trailing.time.warmupSeconds,
    samplingSeconds: scan.trailing.time.samplingSeconds,
    totalSeconds: scan.trailing.time.totalSeconds,
    config,
  };
}

/**
 * Reads one CmdStan CSV (one chain): ours or CmdStan's own. Throws CmdStanCsvError naming the line
 * (and column) of the first problem.
 */
export function readCmdStanCsv(text: string, options: ReadOptions = {}): CmdStanCsvRead {
  const fail = failIn(options.source);
  if (typeof text !== 'string') fail('input is not text');
  const scan = scanLines(text, options.source, fail);
  const roles = columnRoles(scan, fail);
  const settings = runSettings(scan.header.config);
  const { warm, post } = splitWarmup(scan, settings, fail);
  const main = parseRows(scan, roles, post, fail);
  const warnings: string[] = [];
  const expected = settings.numSamples === undefined ? undefined : savedDraws(settings.numSamples, settings.thin);
  if (expected !== undefined && main.nDraws !== expected) {
    warnings.push(
      `${main.nDraws} post-warmup draws found, but num_samples = ${settings.numSamples} and thin = ${settings.thin} ` +
        `give ${expected} (an interrupted run?)`,
    );
  }
  const metadata = buildMetadata(scan, settings);
  const result: CmdStanCsvRead = { names: roles.names, columns: scan.columns, draws: main.draws, nDraws: main.nDraws, stats: main.stats, metadata, warnings };
  if (warm.length > 0 || settings.saveWarmup) result.warmup = parseRows(scan, roles, warm, fail);
  return result;
}
