import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CMDSTAN_SAMPLER_COLUMNS,
  CmdStanCsvError,
  formatCsvNumber,
  parseCsvNumber,
  readCmdStanCsv,
  writeCmdStanCsv,
  type CmdStanChainInput,
  type CmdStanCsvInput,
} from '../../src/io/index.js';
import { SLEEPSTUDY_NAMES, makeRun } from './helpers.js';

const sameNumbers = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect.fail(`index ${i}: ${a[i]} !== ${b[i]}`);
};

describe('writeCmdStanCsv: the layout CmdStan writes', () => {
  const text = writeCmdStanCsv(makeRun(SLEEPSTUDY_NAMES, 4), 1);
  const lines = text.split('\n');

  it('config comments, header row, adaptation block, draws, timing block', () => {
    for (const l of ['# model = sleepstudy', '# method = sample', '#     num_samples = 4', '#     num_warmup = 1000', '#     save_warmup = 0',
      '#     thin = 1', '#       engaged = 1', '#       delta = 0.8', '#     algorithm = hmc', '#         engine = nuts',
      '#             max_depth = 10', '#         metric = diag_e', '# id = 2', '#   seed = 1234']) {
      expect(lines).toContain(l);
    }
    const h = lines.findIndex((l) => !l.startsWith('#'));
    expect(lines[h]).toBe(
      'lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,b_Intercept,b_Days,sigma,sd_Subject__Intercept,' +
        'sd_Subject__Days,cor_Subject__Intercept__Days,r_Subject_308_Intercept,r_Subject_309_Intercept,r_Subject_308_Days,' +
        'r_Subject_309_Days,b_age_SexFemale,z.1.2',
    );
    expect(lines.slice(h + 1, h + 5)).toEqual([
      '# Adaptation terminated',
      '# Step size = 0.4',
      '# Diagonal elements of inverse mass matrix:',
      '# 1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2, 2.1',
    ]);
    expect(lines[h + 5].split(',').slice(0, 7)).toEqual(['-10', '0.5', '0.4', '1', '1', '0', '12']);
    expect(lines.slice(h + 9)).toEqual([
      '# ',
      '#  Elapsed Time: 1.125 seconds (Warm-up)',
      '#                1.25 seconds (Sampling)',
      '#                2.375 seconds (Total)',
      '# ',
      '',
    ]);
  });

  it('lists the renamed columns in a comment block with no "=" (ignored by rstan and cmdstanr)', () => {
    const h = lines.findIndex((l) => !l.startsWith('#'));
    const m = lines.indexOf('# strata_column_names (CSV column <- model name, where they differ):');
    expect(m).toBeGreaterThan(0);
    expect(lines.slice(m + 1, h)).toEqual([
      '#   r_Subject_308_Intercept <- r_Subject[308,Intercept]',
      '#   r_Subject_309_Intercept <- r_Subject[309,Intercept]',
      '#   r_Subject_308_Days <- r_Subject[308,Days]',
      '#   r_Subject_309_Days <- r_Subject[309,Days]',
      '#   b_age_SexFemale <- b_age:SexFemale',
    ]);
    const plain = writeCmdStanCsv(makeRun(['b_Intercept', 'z[1,2]'], 2));
    expect(plain).not.toContain('strata_column_names');
  });

  it('writes a dense metric one row per line', () => {
    const run = makeRun(['a', 'b'], 2, 1, { metric: 'dense_e' });
    const chain = { ...run.chains[0], invMetric: Float64Array.from([2, 0.5, 0.5, 3]) };
    const t = writeCmdStanCsv({ ...run, chains: [chain] });
    expect(t).toContain('# Elements of inverse mass matrix:\n# 2, 0.5\n# 0.5, 3\n');
    const back = readCmdStanCsv(t);
    sameNumbers(back.metadata.invMetric!, [2, 0.5, 0.5, 3]);
  });
});

describe('numbers', () => {
  it('shortest round-trip text, CmdStan spellings for non-finite values', () => {
    expect([0.1, -0, 1e21, 5e-324, NaN, Infinity, -Infinity, 3].map(formatCsvNumber)).toEqual(['0.1', '-0', '1e+21', '5e-324', 'nan', 'inf', '-inf', '3']);
    expect(['1.5', '-2e-3', '.5', '1.', 'NaN', '-nan', 'Inf', '+inf', '-inf', '1e+21'].map(parseCsvNumber)).toEqual([1.5, -0.002, 0.5, 1, NaN, NaN, Infinity, Infinity, -Infinity, 1e21]);
    for (const bad of ['', 'abc', '1,5', '0x10', '1e', '--1']) expect(parseCsvNumber(bad)).toBeUndefined();
    fc.assert(
      fc.property(fc.double(), (x) => {
        expect(Object.is(parseCsvNumber(formatCsvNumber(x)), x)).toBe(true);
      }),
    );
  });
});

// --- the round-trip law -----------------------------------------------------------------------

const ident = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,6}$/);
const brmsName = fc.oneof(
  ident.map((s) => `b_${s}`),
  fc.tuple(ident, ident).map(([a, b]) => `b_${a}:${b}`),
  fc.tuple(ident, ident).map(([g, t]) => `sd_${g}__${t}`),
  fc.tuple(ident, fc.oneof(fc.integer({ min: 1, max: 999 }).map(String), ident), ident).map(([g, l, t]) => `r_${g}[${l},${t}]`),
  fc.tuple(ident, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 })).map(([a, i, j]) => `${a}[${i},${j}]`),
  // anything printable on one line, commas, quotes, brackets, ' <- ' and non-ASCII included
  fc.string({ minLength: 1, maxLength: 15, unit: 'grapheme' }).filter((s) => !/[\r\n]/.test(s)),
);
const value = fc.oneof(fc.double(), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 5e-324, 1e300));

const runArb = fc
  .record({
    names: fc.uniqueArray(brmsName, { minLength: 1, maxLength: 8 }),
    rows: fc.integer({ min: 0, max: 6 }),
    thin: fc.integer({ min: 1, max: 3 }),
    nChains: fc.integer({ min: 1, max: 3 }),
    style: fc.constantFrom('portable' as const, 'cmdstan' as const),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    numWarmup: fc.integer({ min: 0, max: 5000 }),
    adaptDelta: fc.double({ min: 0.01, max: 0.999, noNaN: true }),
    maxDepth: fc.integer({ min: 1, max: 15 }),
    dense: fc.boolean(),
  })
  .chain((r) => {
    const P = r.names.length;
    const d = r.dense ? P * P : P;
    const chain = (id: number) =>
      fc.record({
        draws: fc.array(value, { minLength: r.rows * P, maxLength: r.rows * P }),
        stats: fc.array(fc.array(value, { minLength: r.rows, maxLength: r.rows }), { minLength: 7, maxLength: 7 }),
        stepSize: fc.double({ min: 1e-6, max: 10, noNaN: true }),
        invMetric: fc.array(fc.double({ noNaN: true, min: 1e-8, max: 1e8 }), { minLength: d, maxLength: d }),
        warmupSeconds: fc.double({ min: 0, max: 1e4, noNaN: true }),
        samplingSeconds: fc.double({ min: 0, max: 1e4, noNaN: true }),
      }).map((c): CmdStanChainInput => ({
        chainId: id,
        draws: Float64Array.from(c.draws),
        stats: Object.fromEntries(CMDSTAN_SAMPLER_COLUMNS.map((s, j) => [s, Float64Array.from(c.stats[j])])) as unknown as CmdStanChainInput['stats'],
        stepSize: c.stepSize,
        invMetric: Float64Array.from(c.invMetric),
        warmupSeconds: c.warmupSeconds,
        samplingSeconds: c.samplingSeconds,
      }));
    return fc.tuple(...Array.from({ length: r.nChains }, (_, k) => chain(k + 1))).map((chains): CmdStanCsvInput => ({
      names: r.names,
      model: 'm',
      seed: r.seed,
      numWarmup: r.numWarmup,
      // numSamples chosen so that ceil(numSamples / thin) = rows.
      numSamples: r.rows === 0 ? 0 : (r.rows - 1) * r.thin + 1,
      thin: r.thin,
      adaptDelta: r.adaptDelta,
      maxDepth: r.maxDepth,
      metric: r.dense ? 'dense_e' : 'diag_e',
      columnNames: r.style,
      chains,
    }));
  });

describe('write -> read round trip', () => {
  it('is exact: names, draws, stats and metadata (property)', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        run.chains.forEach((c, k) => {
          const back = readCmdStanCsv(writeCmdStanCsv(run, k));
          expect(back.warnings).toEqual([]);
          expect(back.names).toEqual(run.names);
          expect(back.nDraws).toBe(Math.ceil(run.numSamples / (run.thin ?? 1)));
          sameNumbers(back.draws, c.draws);
          expect(Object.keys(back.stats)).toEqual([...CMDSTAN_SAMPLER_COLUMNS]);
          for (const s of CMDSTAN_SAMPLER_COLUMNS) sameNumbers(back.stats[s], c.stats[s]);
          const m = back.metadata;
          expect([m.chainId, m.seed, m.numWarmup, m.numSamples, m.thin, m.adaptDelta, m.maxDepth, m.stepSize, m.warmupSeconds, m.samplingSeconds])
            .toEqual([c.chainId, run.seed, run.numWarmup, run.numSamples, run.thin, run.adaptDelta, run.maxDepth, c.stepSize, c.warmupSeconds, c.samplingSeconds]);
          expect([m.model, m.method, m.algorithm, m.engine, m.metric, m.saveWarmup]).toEqual(['m', 'sample', 'hmc', 'nuts', run.metric, false]);
          sameNumbers(m.invMetric!, c.invMetric);
          expect(back.warmup).toBeUndefined();
        });
      }),
      { numRuns: Number(process.env.STRATA_FC_RUNS ?? 150) },
    );
  });
});

describe("readCmdStanCsv on CmdStan's own output", () => {
  const text = readFileSync(new URL('./fixtures/cmdstan-2.33-bernoulli.csv', import.meta.url), 'utf8');

  it('reads names (dots to brackets), draws, stats and the run settings', () => {
    const r = readCmdStanCsv(text, { source: 'output_2.csv' });
    expect(r.names).toEqual(['theta', 'beta[1]', 'beta[2]', 'log_lik[1]']);
    expect(r.nDraws).toBe(5);
    sameNumbers(r.draws.subarray(0, 4), [0.0898933, 1.5, -2, -0.5]);
    sameNumbers(r.draws.subarray(8, 12), [0.37709, NaN, Infinity, -Infinity]);
    sameNumbers(r.stats.lp__, [-8.07514, -7.23378, -7.18599, -6.85678, -7.18578]);
    sameNumbers(r.stats.treedepth__, [2, 1, 1, 2, 1]);
    const m = r.metadata;
    expect(m).toMatchObject({
      model: 'bernoulli_model', method: 'sample', algorithm: 'hmc', engine: 'nuts', metric: 'diag_e', stanVersion: '2.33.0',
      chainId: 2, seed: 589886520, numSamples: 5, numWarmup: 1000, saveWarmup: false, thin: 1, adaptEngaged: true,
      adaptDelta: 0.8, maxDepth: 10, initialStepSize: 1, stepSize: 0.911297, warmupSeconds: 0.006, samplingSeconds: 0.011, totalSeconds: 0.017,
    });
    sameNumbers(m.invMetric!, [0.566254, 1.2, 0.9]);
    expect(m.config['data.file']).toBe('bernoulli.data.json');
    expect(m.config['output.file']).toBe('output_2.csv');
    expect(m.config['sample.adapt.gamma']).toBe('0.050000000000000003');
    expect(r.warnings).toEqual([]);
  });

  it('separates saved warmup draws (rows before "# Adaptation terminated")', () => {
    const lines = text.split('\n');
    const withWarmup = lines
      .map((l) => (l.startsWith('#     save_warmup') ? '#     save_warmup = 1' : l.startsWith('#     num_warmup') ? '#     num_warmup = 2' : l))
      .flatMap((l) => (l.startsWith('lp__') ? [l, '-50,0.1,2,1,1,0,51,0.9,0,0,0', '-40,0.2,1,1,1,0,41,0.8,0,0,0'] : [l]))
      .join('\n');
    const r = readCmdStanCsv(withWarmup);
    expect(r.nDraws).toBe(5);
    expect(r.metadata.saveWarmup).toBe(true);
    expect(r.warmup?.nDraws).toBe(2);
    sameNumbers(r.warmup!.stats.lp__, [-50, -40]);
    sameNumbers(r.warmup!.draws.subarray(0, 1), [0.9]);
  });

  it('warns about a truncated run and accepts CRLF line ends', () => {
    const lines = text.split('\n');
    const cut = lines.filter((l) => !l.startsWith('-6.85678')).join('\r\n');
    const r = readCmdStanCsv(cut);
    expect(r.nDraws).toBe(4);
    expect(r.warnings[0]).toMatch(/4 post-warmup draws found, but num_samples = 5 and thin = 1 give 5/);
  });
});

describe('readCmdStanCsv: errors name the line and column', () => {
  const good = writeCmdStanCsv(makeRun(['a', 'b'], 3, 1));
  const lines = good.split('\n');
  const header = lines.findIndex((l) => l.startsWith('lp__'));
  const firstRow = header + 5; // after the four adaptation lines
  const edit = (i: number, f: (l: string) => string) => lines.map((l, j) => (j === i ? f(l) : l)).join('\n');

  const cases: [string, string, RegExp][] = [
    ['a non-number', edit(firstRow, (l) => l.replace(/,[^,]*$/, ',abc')), new RegExp(`^draws_1.csv, line ${firstRow + 1}, column 9: "abc" \\(column b\\) is not a number$`)],
    ['a short row', edit(firstRow + 1, (l) => l.split(',').slice(0, 5).join(',')), new RegExp(`line ${firstRow + 2}: expected 9 fields \\(as in the header on line ${header + 1}\\), found 5`)],
    ['an empty field', edit(firstRow, (l) => l.replace(/^[^,]*/, '')), new RegExp(`line ${firstRow + 1}, column 1: "" \\(column lp__\\) is not a number`)],
    ['a duplicate column', edit(header, (l) => l.replace(',b', ',a')), new RegExp(`line ${header + 1}, column 9: header: column "a" appears twice \\(columns 8 and 9\\)`)],
    ['no header', lines.filter((l) => l.startsWith('#')).join('\n'), /^draws_1.csv: no header row/],
    ['a bad step size', edit(header + 2, () => '# Step size = fast'), new RegExp(`line ${header + 3}: step size "fast" is not a number`)],
    ['a bad metric entry', edit(header + 4, () => '# 1, x1'), new RegExp(`line ${header + 5}: inverse metric entry 2 \\("x1"\\) is not a number`)],
  ];
  it.each(cases)('%s', (_what, text, message) => {
    expect(() => readCmdStanCsv(text, { source: 'draws_1.csv' })).toThrow(CmdStanCsvError);
    expect(() => readCmdStanCsv(text, { source: 'draws_1.csv' })).toThrow(message);
  });

  it('a name map entry for a column that does not exist', () => {
    const t = writeCmdStanCsv(makeRun(['r_g[a,b]'], 2, 1)).replace('#   r_g_a_b <- r_g[a,b]', '#   r_g_x <- r_g[a,b]');
    expect(() => readCmdStanCsv(t)).toThrow(/line \d+: the column-name map lists "r_g_x", which is not in the header/);
  });

  it('the error carries file, line and column as fields', () => {
    try {
      readCmdStanCsv(cases[0][1], { source: 'x.csv' });
      expect.fail('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(CmdStanCsvError);
      expect(e).toMatchObject({ file: 'x.csv', line: firstRow + 1, column: 9, code: 'CMDSTAN_CSV' });
    }
  });
});

describe('writeCmdStanCsv: inconsistent input is refused with the reason', () => {
  const run = makeRun(['a', 'b'], 3, 2);
  const c0 = run.chains[0];
  const cases: [string, CmdStanCsvInput, RegExp][] = [
    ['draws length', { ...run, chains: [{ ...c0, draws: new Float64Array(5) }] }, /chains\[0\]\.draws has 5 values; expected 3 draws x 2 parameters = 6 \(numSamples 3, thin 1\)/],
    ['rows vs thin', { ...run, thin: 2 }, /expected 2 draws x 2 parameters = 4 \(numSamples 3, thin 2\)/],
    ['a stat column', { ...run, chains: [{ ...c0, stats: { ...c0.stats, energy__: new Float64Array(2) } }] }, /chains\[0\]\.stats\.energy__ has 2 values; expected 3/],
    ['a missing stat', { ...run, chains: [{ ...c0, stats: { ...c0.stats, lp__: undefined as never } }] }, /chains\[0\]\.stats\.lp__ is missing/],
    ['duplicate names', { ...run, names: ['a', 'a'] }, /names\[1\]: duplicate parameter name "a"/],
    ['a line break in a name', { ...run, names: ['a', 'b\nc'] }, /names\[1\] \("b\\nc"\) contains a line break/],
    ['adapt delta', { ...run, adaptDelta: 1.5 }, /adaptDelta must be in \(0, 1\), got 1.5/],
    ['chain ids', { ...run, chains: [c0, c0] }, /chains\[1\]\.chainId 1 is used by another chain/],
    ['dense metric shape', { ...run, metric: 'dense_e' }, /chains\[0\]\.invMetric has 2 values, not a square matrix/],
    ['step size', { ...run, chains: [{ ...c0, stepSize: NaN }] }, /chains\[0\]\.stepSize must be a finite number, got NaN/],
  ];
  it.each(cases)('%s', (_what, input, message) => {
    expect(() => writeCmdStanCsv(input)).toThrow(CmdStanCsvError);
    expect(() => writeCmdStanCsv(input)).toThrow(message);
  });

  it('a chain index out of range', () => {
    expect(() => writeCmdStanCsv(run, 2)).toThrow(/chain index 2 is out of range \(2 chains\)/);
  });
});
