/**
 * The comment lines of a CmdStan CSV, read one at a time: before the header row the config block
 * (`# key = value`, sections by indentation) and our column-name map; after it the adaptation block
 * (`# Step size = `, the inverse metric rows) and the `Elapsed Time` block.
 */

import { NAME_MAP_MARKER, parseNameMapLine } from './cmdstan-names.js';
import { CmdStanCsvError, parseCsvNumber } from './cmdstan-csv-format.js';

/** Throws a CmdStanCsvError at a line (and column) of the file being read. */
export type FailAt = (message: string, line?: number, column?: number) => never;

export function failIn(file: string | undefined): FailAt {
  return (message, line, column) => {
    throw new CmdStanCsvError(message, { file, line, column });
  };
}

/** A number from a config value or a comment; undefined when absent, not a number or NaN. */
export function toNumber(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const x = parseCsvNumber(s);
  return x === undefined || Number.isNaN(x) ? undefined : x;
}

/** The config block and the column-name map, from the comments before the header row. */
export class HeaderComments {
  /** Every `key = value`, keyed by section path (`sample.adapt.delta`, `data.file`, `model`), `(Default)` dropped. */
  readonly config: Record<string, string> = {};
  /** CSV column -> model name, with the line that says so. */
  readonly nameMap = new Map<string, { name: string; line: number }>();
  private readonly sections: { indent: number; name: string }[] = [];
  private inNameMap = false;

  constructor(private readonly fail: FailAt) {}

  take(line: string, lineNo: number): void {
    if (line === NAME_MAP_MARKER) {
      this.inNameMap = true;
      return;
    }
    if (this.inNameMap && this.takeNameMapLine(line, lineNo)) return;
    this.inNameMap = false;
    this.takeConfigLine(line);
  }

  private takeNameMapLine(line: string, lineNo: number): boolean {
    const m = parseNameMapLine(line);
    if (!m) return false;
    if (this.nameMap.has(m.column)) this.fail(`column "${m.column}" is mapped twice`, lineNo);
    this.nameMap.set(m.column, { name: m.name, line: lineNo });
    return true;
  }

  private takeConfigLine(line: string): void {
    const body = line.replace(/^#/, '');
    const indent = body.length - body.trimStart().length;
    const content = body.trim().replace(/\s*\(Default\)\s*$/, '');
    if (content.length === 0) return;
    const { sections } = this;
    while (sections.length > 0 && sections[sections.length - 1].indent >= indent) sections.pop();
    const eq = content.indexOf('=');
    if (eq >= 0) {
      const key = content.slice(0, eq).trim();
      const path = [...sections.map((s) => s.name), key].join('.');
      this.config[path] = content.slice(eq + 1).trim();
    } else if (/^[A-Za-z_][A-Za-z0-9_ ]*$/.test(content)) {
      sections.push({ indent, name: content });
    }
  }
}

/** Seconds of warmup, sampling and in total from the `Elapsed Time` block (undefined where absent). */
export interface ElapsedTime {
  warmupSeconds?: number;
  samplingSeconds?: number;
  totalSeconds?: number;
}

/** The adaptation block and the timing, from the comments after the header row. */
export class TrailingComments {
  /** 1-based line of `# Adaptation terminated`, or -1. */
  adaptLine = -1;
  stepSize: number | undefined;
  readonly time: ElapsedTime = {};
  private readonly metricRows: Float64Array[] = [];
  /** Metric rows still expected: a count, or -1 for a d x d matrix whose d is its first row's length. */
  private metricRowsLeft = 0;

  constructor(
    private readonly fail: FailAt,
    private readonly file: string | undefined,
  ) {}

  take(line: string, lineNo: number): void {
    const content = line.replace(/^#\s?/, '');
    if (content.trim() === 'Adaptation terminated') {
      this.adaptLine = lineNo;
      return;
    }
    const ss = /^\s*Step size\s*=\s*(.*)$/.exec(content);
    if (ss) {
      this.stepSize = toNumber(ss[1]);
      if (this.stepSize === undefined) this.fail(`step size "${ss[1].trim()}" is not a number`, lineNo);
      return;
    }
    if (/Diagonal elements of inverse mass matrix:/.test(content)) {
      this.metricRowsLeft = 1;
      return;
    }
    if (/Elements of inverse mass matrix:/.test(content)) {
      this.metricRowsLeft = -1;
      return;
    }
    if (this.metricRowsLeft !== 0) {
      this.takeMetricRow(content, lineNo);
      return;
    }
    this.takeTimeLine(content);
  }

  /** The inverse metric's rows joined (the diagonal, or the dense matrix row-major); undefined if none. */
  invMetric(): Float64Array | undefined {
    if (this.metricRows.length === 0) return undefined;
    const out = new Float64Array(this.metricRows.reduce((s, r) => s + r.length, 0));
    let o = 0;
    for (const r of this.metricRows) {
      out.set(r, o);
      o += r.length;
    }
    return out;
  }

  private takeMetricRow(content: string, lineNo: number): void {
    const row = this.splitNumbers(content, lineNo);
    if (row.length === 0) this.fail('expected the inverse metric values on this line', lineNo);
    this.metricRows.push(row);
    this.metricRowsLeft = this.metricRowsLeft < 0 ? row.length - 1 : this.metricRowsLeft - 1;
  }

  private splitNumbers(s: string, line: number): Float64Array {
    const parts = s.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
    const out = new Float64Array(parts.length);
    parts.forEach((p, i) => {
      const x = parseCsvNumber(p);
      if (x === undefined) throw new CmdStanCsvError(`inverse metric entry ${i + 1} ("${p}") is not a number`, { file: this.file, line });
      out[i] = x;
    });
    return out;
  }

  private takeTimeLine(content: string): void {
    if (!/Elapsed Time|seconds \((Warm-up|Sampling|Total)\)/.test(content)) return;
    const m = /([-+0-9.eE]+|nan|inf)\s+seconds\s+\((Warm-up|Sampling|Total)\)/i.exec(content);
    if (!m) return;
    const v = parseCsvNumber(m[1]);
    if (m[2] === 'Warm-up') this.time.warmupSeconds = v;
    else if (m[2] === 'Sampling') this.time.samplingSeconds = v;
    else this.time.totalSeconds = v;
  }
}
