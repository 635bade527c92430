import { describe, expect, it } from 'vitest';
import {
  essBasic, essBulk, essMean, essMedian, essQuantile, essSd, essTail, mad, mcseMean, mcseMedian,
  mcseQuantile, mcseSd, median, quantile, rhat, rhatBasic, summarizeDraws, VariableDraws,
} from '../src/index.js';
import type { Chains } from '../src/index.js';
import { readJson, relativeError } from './helpers.js';

interface FixtureCase {
  kind: string;
  draws: (number | null)[][];
  [quantity: string]: unknown;
}

const fixture = readJson<{ generator: string; cases: FixtureCase[] }>(
  new URL('../../../../shared/reference/diagnostics/posterior-1.4.0.json', import.meta.url),
  "R posterior's reference values",
);

/** Each fixture field, how to compute it, and the tolerance the acceptance criteria set. */
const QUANTITIES: Record<string, { compute: (x: Chains | VariableDraws) => number; tolerance: number }> = {
  rhat: { compute: rhat, tolerance: 1e-8 },
  rhat_basic: { compute: rhatBasic, tolerance: 1e-8 },
  ess_bulk: { compute: essBulk, tolerance: 1e-8 },
  ess_tail: { compute: essTail, tolerance: 1e-8 },
  ess_basic: { compute: essBasic, tolerance: 1e-8 },
  ess_mean: { compute: essMean, tolerance: 1e-8 },
  ess_sd: { compute: essSd, tolerance: 1e-8 },
  ess_median: { compute: essMedian, tolerance: 1e-8 },
  ess_q05: { compute: (x) => essQuantile(x, 0.05), tolerance: 1e-8 },
  ess_q95: { compute: (x) => essQuantile(x, 0.95), tolerance: 1e-8 },
  mcse_mean: { compute: mcseMean, tolerance: 1e-8 },
  mcse_sd: { compute: mcseSd, tolerance: 1e-8 },
  mcse_median: { compute: mcseMedian, tolerance: 1e-8 },
  mcse_q05: { compute: (x) => mcseQuantile(x, 0.05), tolerance: 1e-8 },
  mcse_q95: { compute: (x) => mcseQuantile(x, 0.95), tolerance: 1e-8 },
  mean: { compute: (x) => summaryOf(x, 'mean'), tolerance: 1e-12 },
  median: { compute: (x) => median(x as Chains), tolerance: 1e-12 },
  sd: { compute: (x) => summaryOf(x, 'sd'), tolerance: 1e-12 },
  mad: { compute: (x) => mad(x as Chains), tolerance: 1e-12 },
  q05: { compute: (x) => quantile(x as Chains, 0.05), tolerance: 1e-12 },
  q95: { compute: (x) => quantile(x as Chains, 0.95), tolerance: 1e-12 },
};

/** The same names in summarizeDraws' vocabulary. */
const SUMMARY_NAMES: Record<string, string> = {
  ess_q05: 'ess_q5', mcse_q05: 'mcse_q5', q05: 'q5', q95: 'q95', ess_q95: 'ess_q95', mcse_q95: 'mcse_q95',
};

function summaryOf(x: Chains | VariableDraws, measure: string): number {
  return summarizeDraws({ x: x as Chains }, { measures: [measure] }).rows[0].values[measure];
}

function expected(c: FixtureCase, key: string): number {
  const value = c[key];
  if (value === null) return NaN;
  if (typeof value !== 'number') throw new Error(`fixture case ${c.kind} has no numeric '${key}'`);
  return value;
}

function describeCase(c: FixtureCase, index: number): string {
  return `case ${index} (${c.kind}, ${c.draws.length} x ${c.draws[0].length})`;
}

describe("R posterior 1.4.0 fixture", () => {
  it('has the expected shape', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(60);
    for (const c of fixture.cases) {
      for (const key of Object.keys(QUANTITIES)) expect(c, `${c.kind} lacks ${key}`).toHaveProperty(key);
    }
  });

  for (const key of Object.keys(QUANTITIES)) {
    it(`reproduces ${key} for every case`, () => {
      const { compute, tolerance } = QUANTITIES[key];
      const failures: string[] = [];
      fixture.cases.forEach((c, index) => {
        const want = expected(c, key);
        const got = compute(c.draws as Chains);
        const error = relativeError(got, want);
        if (!(error <= tolerance)) failures.push(`${describeCase(c, index)}: got ${got}, posterior ${want} (rel. error ${error})`);
      });
      expect(failures).toEqual([]);
    });
  }

  it('gives the same values through summarizeDraws with every measure at once', () => {
    const measures = Object.keys(QUANTITIES).map((k) => SUMMARY_NAMES[k] ?? k);
    const summary = summarizeDraws(
      fixture.cases.map((c, i) => ({ name: `case${i}`, chains: c.draws as Chains })),
      { measures },
    );
    const failures: string[] = [];
    summary.rows.forEach((row, index) => {
      const c = fixture.cases[index];
      for (const key of Object.keys(QUANTITIES)) {
        const want = expected(c, key);
        const got = row.values[SUMMARY_NAMES[key] ?? key];
        if (!(relativeError(got, want) <= QUANTITIES[key].tolerance)) failures.push(`${describeCase(c, index)} ${key}: ${got} vs ${want}`);
      }
    });
    expect(failures).toEqual([]);
  });

  it('gives NaN exactly where posterior gives NA', () => {
    let nulls = 0;
    for (const c of fixture.cases) {
      for (const key of Object.keys(QUANTITIES)) {
        const got = QUANTITIES[key].compute(c.draws as Chains);
        expect(Number.isNaN(got), `${c.kind} ${key}`).toBe(c[key] === null);
        if (c[key] === null) nulls++;
      }
    }
    expect(nulls).toBeGreaterThan(0); // the constant cases
  });
});
