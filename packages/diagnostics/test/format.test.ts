import { describe, expect, it } from 'vitest';
import {
  diagnosticsToJSON, diagnosticWarnings, formatNumber, formatSamplerDiagnostics, formatSummary, formatWarnings,
  samplerDiagnostics, summarizeDraws, summaryToJSON,
} from '../src/index.js';
import type { DrawsSummary } from '../src/index.js';
import { ar1Chains } from './helpers.js';

describe('formatNumber', () => {
  it('uses significant digits for estimates, 3 decimals for R-hat, integers for ESS, NA for NaN', () => {
    expect(formatNumber(1.23456, 'mean')).toBe('1.23');
    expect(formatNumber(-0.000123456, 'sd')).toBe('-0.000123');
    expect(formatNumber(123456.7, 'q95')).toBe('123457');
    expect(formatNumber(1.5e-9, 'mcse_mean')).toBe('1.50e-9');
    expect(formatNumber(0, 'mad')).toBe('0');
    expect(formatNumber(1.0049, 'rhat')).toBe('1.005');
    expect(formatNumber(1234.6, 'ess_bulk')).toBe('1235');
    expect(formatNumber(NaN, 'rhat')).toBe('NA');
    expect(formatNumber(-Infinity, 'q5')).toBe('-Inf');
    expect(formatNumber(1.23456, 'mean', 5)).toBe('1.2346');
  });
});

describe('formatSummary', () => {
  const summary = summarizeDraws({
    mu: ar1Chains(1, 4, 200, 0.3),
    'sigma[long name]': ar1Chains(2, 4, 200, 0.3).map((c) => c.map((v) => 100 * Math.exp(v))),
    fixed: [[1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1]].map((c) => new Float64Array(200).fill(c[0])),
  });

  it('aligns columns: variable left, numbers right, one header line', () => {
    const lines = formatSummary(summary).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0].split(/\s+/)).toEqual(['variable', ...summary.measures]);
    expect(lines[1].startsWith('mu ')).toBe(true);
    expect(lines[2].startsWith('sigma[long name] ')).toBe(true);
    // every column ends at the same position on every line
    const ends = (line: string) => [...line.matchAll(/\S+(?=\s{2,}|$)/g)].map((m) => m.index! + m[0].length);
    const headerEnds = ends(lines[0]).slice(1);
    for (const line of lines.slice(1)) expect(ends(line).slice(-headerEnds.length)).toEqual(headerEnds);
    expect(lines[3]).toMatch(/NA\s+NA\s+NA$/); // constant: rhat and ESS are NA
  });
});

describe('JSON form', () => {
  it('turns NaN into null and survives JSON.stringify', () => {
    const summary: DrawsSummary = {
      measures: ['mean', 'rhat'],
      rows: [
        { variable: 'a', chains: 4, iterations: 10, values: { mean: 1.5, rhat: NaN } },
        { variable: 'b', chains: 4, iterations: 10, values: { mean: Infinity, rhat: 1.01 } },
      ],
    };
    const json = summaryToJSON(summary);
    expect(json).toEqual({
      chains: 4,
      iterations: 10,
      columns: ['variable', 'mean', 'rhat'],
      rows: [
        { variable: 'a', mean: 1.5, rhat: null },
        { variable: 'b', mean: null, rhat: 1.01 },
      ],
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('reports chains and iterations only when all variables share them', () => {
    const json = summaryToJSON(summarizeDraws({ a: [[1, 2, 3, 4]], b: [[1, 2], [3, 4]] }, { measures: ['mean'] }));
    expect([json.chains, json.iterations]).toEqual([null, null]);
  });

  it('bundles summary, sampler diagnostics and warnings', () => {
    const sampler = samplerDiagnostics([{ divergent__: [0, 1], energy__: [1, 1] }]);
    const summary = summarizeDraws({ a: ar1Chains(3, 2, 50, 0.1) });
    const warnings = diagnosticWarnings({ summary, sampler });
    const json = JSON.parse(JSON.stringify(diagnosticsToJSON({ summary, sampler, warnings })));
    expect(json.sampler.ebfmi).toEqual([null]);
    expect(json.sampler.divergences.count).toBe(1);
    expect(json.summary.rows[0].variable).toBe('a');
    expect(json.warnings.map((w: { kind: string }) => w.kind)).toContain('divergences');
    expect(diagnosticsToJSON({})).toEqual({});
  });
});

describe('text reports', () => {
  it('describes sampler diagnostics and warnings', () => {
    const sampler = samplerDiagnostics([
      { divergent__: [0, 1, 0, 0], treedepth__: [10, 2, 3, 4], energy__: [1, 2, 1, 2] },
    ]);
    const text = formatSamplerDiagnostics(sampler);
    expect(text).toContain('Divergent transitions: 1 of 4 draws (25.00%)');
    expect(text).toContain('Maximum tree depth (10) reached: 1 of 4 draws');
    expect(text).toMatch(/E-BFMI per chain: 1: \d\.\d+/);
    const warnings = formatWarnings(diagnosticWarnings({ sampler }));
    expect(warnings).toContain('Warning [divergences]');
    expect(warnings).toContain('What to try: ');
    expect(formatWarnings([])).toMatch(/No warnings/);
  });
});
