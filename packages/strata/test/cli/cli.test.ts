/** The command line: fit / priors / summary, and one-line errors with no output files on bad input. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readCmdStanCsv } from '../../src/index.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const shared = fileURLToPath(new URL('../../../../../shared/', import.meta.url));
const sleepData = `${shared}data/sleepstudy.csv`;
const sleepSpec = `${root}examples/specs/sleepstudy.json`;
if (!existsSync(sleepData)) throw new Error(`missing ${sleepData}: the CLI tests need ../shared next to the repository`);

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
}

async function run(argv: string[]) {
  const out = capture();
  const err = capture();
  const code = await main(argv, { out: out.stream, err: err.stream });
  return { code, out: out.text(), err: err.text() };
}

describe('strata fit', () => {
  it('writes CmdStan CSV per chain and the summary JSON of model-spec.md', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
    const r = await run(['fit', '--model', sleepSpec, '--data', sleepData, '--chains', '2', '--warmup', '300', '--draws', '200', '--seed', '5', '--parallel', '1', '--output', join(dir, 'draws.csv'), '--summary', join(dir, 'summary.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/b_Days/);
    expect(readdirSync(dir).sort()).toEqual(['draws_1.csv', 'draws_2.csv', 'summary.json']);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    const days = summary.variables.find((v: { variable: string }) => v.variable === 'b_Days');
    expect(Object.keys(days)).toEqual(['variable', 'mean', 'median', 'sd', 'mad', 'q5', 'q95', 'rhat', 'ess_bulk', 'ess_tail']);
    expect(Math.abs(days.mean - 10.44)).toBeLessThan(3 * 1.74);
    for (const key of ['chains', 'warmup', 'draws', 'divergent', 'max_treedepth_hits', 'grad_evals', 'warmup_seconds', 'sampling_seconds']) {
      expect(summary.sampler).toHaveProperty(key);
    }
    expect(summary.sampler.chains).toBe(2);
    expect(summary.sampler.draws).toBe(200);
    expect(summary.sampler.grad_evals).toBeGreaterThan(500 * 2);
    const csv = readCmdStanCsv(readFileSync(join(dir, 'draws_1.csv'), 'utf8'));
    expect(csv.nDraws).toBe(200);
    expect(csv.names).toContain('r_Subject[308,Intercept]');
    expect(csv.names).toContain('cor_Subject__Intercept__Days');
    const s = await run(['summary', join(dir, 'draws_1.csv'), join(dir, 'draws_2.csv'), '--json']);
    expect(s.code).toBe(0);
    const fromCsv = JSON.parse(s.out);
    const rows = fromCsv.variables as { variable: string; mean: number }[];
    expect(rows.find((row) => row.variable === 'b_Days')!.mean).toBeCloseTo(days.mean, 8);
    // One shape for both commands: the same keys, the same sampler block; what a CSV cannot tell
    // (the warmup's gradient evaluations) is null.
    expect(Object.keys(summary)).toEqual(['variables', 'sampler', 'warnings', 'seed']);
    expect(Object.keys(fromCsv)).toEqual(Object.keys(summary));
    expect(Object.keys(fromCsv.sampler)).toEqual(Object.keys(summary.sampler));
    expect(Object.keys(rows[0])).toEqual(Object.keys(summary.variables[0]));
    expect(fromCsv.seed).toBe(5);
    expect(summary.seed).toBe(5);
    expect(fromCsv.sampler.grad_evals).toBeNull();
    for (const key of ['chains', 'warmup', 'draws', 'divergent', 'max_treedepth_hits', 'ebfmi', 'step_size', 'incomplete']) {
      expect(fromCsv.sampler[key]).toEqual(summary.sampler[key]);
    }
    // CmdStan CSV prints the seconds in full, so the sums agree to round-off.
    expect(fromCsv.sampler.warmup_seconds).toBeCloseTo(summary.sampler.warmup_seconds, 9);
  });

  it('bad spec: one-line message naming the problem, non-zero exit, no files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
    const spec = join(dir, 'bad.json');
    writeFileSync(spec, JSON.stringify({ formula: 'Reaction ~ Dayz + (1 | Subject)' }));
    const r = await run(['fit', '--model', spec, '--data', sleepData, '--output', join(dir, 'out.csv'), '--summary', join(dir, 's.json')]);
    expect(r.code).not.toBe(0);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/Dayz/);
    expect(r.err).not.toMatch(/\bat \w+ \(/); // no stack trace
    expect(readdirSync(dir)).toEqual(['bad.json']);
  });

  it('bad data, invalid JSON, missing files and bad options', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
    const data = join(dir, 'd.csv');
    writeFileSync(data, 'Reaction,Days,Subject\n250,0,a\n260,one,a\n270,2,b\n280,3,b\n');
    const bad = await run(['fit', '--model', sleepSpec, '--data', data]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/Days/);
    expect(bad.err).toMatch(/row 2/);
    const json = join(dir, 'x.json');
    writeFileSync(json, '{ "formula": ');
    expect((await run(['fit', '--model', json, '--data', sleepData])).err).toMatch(/not valid JSON/);
    expect((await run(['fit', '--model', join(dir, 'none.json'), '--data', sleepData])).err).toMatch(/does not exist/);
    const usage = await run(['fit', '--model', sleepSpec, '--data', sleepData, '--chains', 'four']);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/--chains/);
    const unwritable = await run(['fit', '--model', sleepSpec, '--data', sleepData, '--output', join(dir, 'no', 'such', 'dir', 'o.csv')]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.err).toMatch(/does not exist/);
  });

  it('draws that cannot be held in memory are refused before sampling', async () => {
    const r = await run(['fit', '--model', sleepSpec, '--data', sleepData, '--draws', '100000000000', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^strata: --draws 100000000000 with --chains 4 would hold [\d.]+ GB of draws \(42 parameters\)/);
  });

  it('a model that cannot start is bad input (exit 1, one line naming the row), not an internal error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
    const spec = join(dir, 'nl.json');
    const data = join(dir, 'd.csv');
    writeFileSync(spec, JSON.stringify({ formula: 'y ~ Asym * log(t - 5)', nl: { Asym: '1' } }));
    writeFileSync(data, 'y,t\n1,6\n2,7\n3,2\n4,8\n');
    const r = await run(['fit', '--model', spec, '--data', data, '--chains', '1', '--warmup', '10', '--draws', '10', '--parallel', '1', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^strata: cannot start sampling: .*data row 3 .*log or sqrt of non-positive values/);
    expect(r.err).not.toMatch(/internal error/);
  });
});

describe('strata priors', () => {
  it('lists every prior with its source', async () => {
    const r = await run(['priors', '--model', sleepSpec, '--data', sleepData, '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { parameter: string; prior: string; source: string }[];
    expect(rows.find((p) => p.parameter === 'cor_Subject')!.prior).toBe('lkj(2)');
    expect(rows.every((p) => p.source.startsWith('user'))).toBe(true);
  });

  it('lists the default beta(1, 1) prior of zi for a zero_inflated_poisson spec (as brms)', async () => {
    const spec = JSON.parse(readFileSync(`${root}reference/zip_glmm/spec.json`, 'utf8')) as { priors: { class: string }[] };
    spec.priors = spec.priors.filter((p) => p.class !== 'zi');
    const dir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    const r = await run(['priors', '--model', join(dir, 'spec.json'), '--data', `${root}reference/zip_glmm/data.csv`, '--json']);
    expect(r.code).toBe(0);
    const zi = (JSON.parse(r.out) as { parameter: string; prior: string; source: string }[]).find((p) => p.parameter === 'zi')!;
    expect(zi.prior).toBe('beta(1, 1)');
    expect(zi.source).toMatch(/^default/);
  });
});

describe('strata summary', () => {
  it('accepts real CmdStan output and refuses files that are not draws, naming the file and what is missing', async () => {
    const cmdstan = fileURLToPath(new URL('../io/fixtures/cmdstan-2.33-bernoulli.csv', import.meta.url));
    expect((await run(['summary', cmdstan])).code).toBe(0);

    const data = await run(['summary', sleepData]);
    expect(data.code).toBe(1);
    expect(data.out).toBe('');
    expect(data.err).toBe(`strata: ${sleepData} is not a CmdStan or Strata draws file: its header has no lp__ column (it has Reaction, Days, Subject)\n`);

    const dir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
    const bare = join(dir, 'bare.csv');
    writeFileSync(bare, 'lp__,theta\n-1,0.5\n-2,0.4\n');
    expect((await run(['summary', bare])).err).toMatch(/bare\.csv is not a CmdStan or Strata draws file: it has no CmdStan comment header/);
    const optimize = join(dir, 'opt.csv');
    writeFileSync(optimize, '# method = optimize\nlp__,theta\n-1,0.5\n');
    const opt = await run(['summary', optimize]);
    expect(opt.code).toBe(1);
    expect(opt.err).toMatch(/opt\.csv is not a CmdStan or Strata draws file: it was written by CmdStan's method = optimize, not sample/);
  });
});

describe('strata fit --init', () => {
  it('starts from the file, and a missing file / bad JSON / unknown name is one line, exit != 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-cli-init-'));
    const good = join(dir, 'init.json');
    writeFileSync(good, JSON.stringify({ b_Intercept: 250, b_Days: 10, sigma: 25, sd_Subject__Intercept: 25 }));
    const ok = await run(['fit', '--model', sleepSpec, '--data', sleepData, '--chains', '1', '--warmup', '50', '--draws', '20', '--seed', '5', '--parallel', '1', '--quiet', '--init', good, '--output', join(dir, 'draws.csv')]);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "sigma": ');
    const unknown = join(dir, 'unknown.json');
    writeFileSync(unknown, '{ "b_Dayz": 1 }');
    for (const [file, msg] of [
      [join(dir, 'missing.json'), /init file .*missing\.json/],
      [bad, /init file .*bad\.json" is not valid JSON/],
      [unknown, /"b_Dayz": not a parameter of this model/],
    ] as const) {
      const r = await run(['fit', '--model', sleepSpec, '--data', sleepData, '--quiet', '--init', file, '--output', join(dir, 'x.csv')]);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(msg);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });
});
