import type { DiagnosticWarning } from './checks.js';
import type { SamplerDiagnostics } from './sampler.js';
import type { DrawsSummary } from './summary.js';

export interface TableOptions {
  /** Significant digits for estimates and MCSEs (default 3). R-hat always gets 3 decimals, ESS none. */
  readonly digits?: number;
}

/** Text for one number; NaN prints as NA (posterior's missing value), infinities as Inf / -Inf. */
export function formatNumber(value: number, measure: string, digits = 3): string {
  if (Number.isNaN(value)) return 'NA';
  if (!Number.isFinite(value)) return value > 0 ? 'Inf' : '-Inf';
  if (measure.startsWith('rhat')) return value.toFixed(3);
  if (measure.startsWith('ess')) return Math.round(value).toFixed(0);
  return formatSignificant(value, digits);
}

/** `digits` significant digits, in fixed notation unless the number is very large or very small. */
function formatSignificant(value: number, digits: number): string {
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent >= 15 || exponent < -4) return value.toExponential(digits - 1);
  if (exponent >= digits - 1) return Math.round(value).toFixed(0);
  return value.toFixed(digits - 1 - exponent);
}

/** posterior-style summary table: `variable` left-aligned, measures right-aligned, one row per variable. */
export function formatSummary(summary: DrawsSummary, options: TableOptions = {}): string {
  const digits = options.digits ?? 3;
  const header = ['variable', ...summary.measures];
  const cells = summary.rows.map((row) => [
    row.variable,
    ...summary.measures.map((m) => formatNumber(row.values[m], m, digits)),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...cells.map((r) => r[j].length)));
  const line = (r: readonly string[]): string =>
    r.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('  ').trimEnd();
  return [line(header), ...cells.map(line)].join('\n');
}

/** A few lines on divergences, tree depth and E-BFMI. */
export function formatSamplerDiagnostics(sampler: SamplerDiagnostics): string {
  const lines: string[] = [];
  const perChain = (counts: readonly number[]): string => counts.map((c, i) => `${i + 1}: ${c}`).join(', ');
  if (sampler.divergences) {
    const d = sampler.divergences;
    lines.push(`Divergent transitions: ${d.count} of ${d.draws} draws (${share(d.share)}); per chain ${perChain(d.perChain)}`);
  }
  if (sampler.treedepth) {
    const t = sampler.treedepth;
    lines.push(
      `Maximum tree depth (${t.maxDepth}) reached: ${t.count} of ${t.draws} draws (${share(t.share)}); per chain ${perChain(t.perChain)}`,
    );
  }
  if (sampler.ebfmi) {
    lines.push(`E-BFMI per chain: ${sampler.ebfmi.map((v, i) => `${i + 1}: ${formatNumber(v, 'ebfmi', 3)}`).join(', ')}`);
  }
  return lines.join('\n');
}

function share(value: number): string {
  return Number.isNaN(value) ? 'NA' : `${(100 * value).toFixed(2)}%`;
}

/** One paragraph per warning: what was found, then what to try. */
export function formatWarnings(warnings: readonly DiagnosticWarning[]): string {
  if (warnings.length === 0) return "No warnings: all diagnostics are within Stan's thresholds.";
  return warnings.map((w) => `Warning [${w.kind}]: ${w.message}\n  What to try: ${w.advice}`).join('\n');
}

type JsonNumber = number | null;

export interface SummaryJSON {
  /** Chains and iterations per chain, when all variables share them (else null). */
  readonly chains: number | null;
  readonly iterations: number | null;
  readonly columns: readonly string[];
  /** One object per variable: {variable, <measure>: number | null}. null = NA (NaN or infinite). */
  readonly rows: readonly Record<string, string | JsonNumber>[];
}

export interface SamplerDiagnosticsJSON {
  readonly chains: number;
  readonly divergences: { count: number; share: JsonNumber; perChain: readonly number[]; draws: number } | null;
  readonly treedepth:
    | { count: number; share: JsonNumber; perChain: readonly number[]; draws: number; maxDepth: number }
    | null;
  readonly ebfmi: readonly JsonNumber[] | null;
}

export interface DiagnosticsJSON {
  readonly summary?: SummaryJSON;
  readonly sampler?: SamplerDiagnosticsJSON;
  readonly warnings?: readonly DiagnosticWarning[];
}

/** JSON numbers cannot be NaN or infinite: those become null. */
function jsonNumber(value: number): JsonNumber {
  return Number.isFinite(value) ? value : null;
}

export function summaryToJSON(summary: DrawsSummary): SummaryJSON {
  const shared = (pick: (row: DrawsSummary['rows'][number]) => number): number | null => {
    const values = new Set(summary.rows.map(pick));
    return values.size === 1 ? [...values][0] : null;
  };
  return {
    chains: shared((row) => row.chains),
    iterations: shared((row) => row.iterations),
    columns: ['variable', ...summary.measures],
    rows: summary.rows.map((row) => {
      const out: Record<string, string | JsonNumber> = { variable: row.variable };
      for (const m of summary.measures) out[m] = jsonNumber(row.values[m]);
      return out;
    }),
  };
}

export function samplerDiagnosticsToJSON(sampler: SamplerDiagnostics): SamplerDiagnosticsJSON {
  return {
    chains: sampler.chains,
    divergences: sampler.divergences && { ...sampler.divergences, share: jsonNumber(sampler.divergences.share) },
    treedepth: sampler.treedepth && { ...sampler.treedepth, share: jsonNumber(sampler.treedepth.share) },
    ebfmi: sampler.ebfmi && sampler.ebfmi.map(jsonNumber),
  };
}

/** The JSON form of whichever parts are given; JSON.stringify it as is. */
export function diagnosticsToJSON(parts: {
  summary?: DrawsSummary;
  sampler?: SamplerDiagnostics;
  warnings?: readonly DiagnosticWarning[];
}): DiagnosticsJSON {
  return {
    ...(parts.summary && { summary: summaryToJSON(parts.summary) }),
    ...(parts.sampler && { sampler: samplerDiagnosticsToJSON(parts.sampler) }),
    ...(parts.warnings && { warnings: parts.warnings }),
  };
}
