/**
 * saveFit / loadFit: a loaded Fit gives bit-identical answers to the original (summary, estimates,
 * coef, predictions, loo, R^2, hypothesis); another format version, a changed CSV or a foreign
 * directory is refused with a message naming what is wrong; `strata summary <dir>` prints the summary.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFit, readCmdStanCsvFiles, saveFit, SavedFitError } from '../../src/index.js';
import { main } from '../../src/cli/main.js';
import { exampleSpec, sharedCsv, smallFit, thrown } from '../results/helpers.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'strata-saved-fit-'));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Deep equality that tells -0 from 0 and compares typed arrays value by value (Object.is). */
function identical(a: unknown, b: unknown): boolean {
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = a as unknown as ArrayLike<number>;
    const y = b as unknown as ArrayLike<number>;
    return x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => identical((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return Object.is(a, b);
}

describe('saveFit / loadFit round trip (sleepstudy, 2 chains)', async () => {
  const csv = sharedCsv('sleepstudy');
  const original = await smallFit(exampleSpec('sleepstudy'), csv, 150, 21);
  const dir = tempDir();
  saveFit(original, dir);
  const loaded = loadFit(dir);
  const newdata = [{ Days: 2.5, Subject: '308' }, { Days: 7, Subject: 'NEW' }];

  it('writes the sidecar, the model, one CmdStan CSV and one binary file per chain', () => {
    expect(readdirSync(dir).sort()).toEqual(['draws_1.csv', 'draws_2.csv', 'fit.json', 'model.json', 'unconstrained_1.f64', 'unconstrained_2.f64']);
    const side = JSON.parse(readFileSync(join(dir, 'fit.json'), 'utf8'));
    expect([side.format, side.version, side.seed]).toEqual(['strata.saved-fit', 1, 21]);
    expect(side.versions['@strata/strata']).toMatch(/\d+\.\d+/);
    // The CSVs are ordinary CmdStan CSV with the fit's constrained draws, exactly.
    const read = readCmdStanCsvFiles([join(dir, 'draws_1.csv'), join(dir, 'draws_2.csv')]);
    expect(identical(read[1].draws, original.constrained[1])).toBe(true);
  });

  it('every answer is bit-identical', () => {
    const answers = (f: typeof original) => ({
      constrained: f.constrained,
      unconstrained: f.run.chains.map((c) => c.draws),
      summary: JSON.parse(JSON.stringify(f.summary())),
      text: f.summary().toString(),
      fixef: f.fixef(),
      ranef: f.ranef(),
      varCorr: f.varCorr(),
      coef: f.coef(),
      shrinkage: f.shrinkage(),
      epred: f.posteriorEpred(newdata, { allowNewLevels: true, seed: 3 }),
      linpred: f.posteriorLinpred(newdata, { groups: 'new', seed: 4 }),
      yrep: f.posteriorPredict(undefined, { seed: 5 }),
      fitted: f.fitted(newdata, { groups: 'none' }),
      predict: f.predict(newdata, { allowNewLevels: true, seed: 6 }),
      residuals: f.residuals(),
      loo: JSON.parse(JSON.stringify(f.loo())),
      looPointwise: f.loo().pointwise,
      r2: f.bayesR2(),
      hypothesis: f.hypothesis(['b_Days > 8', 'b_Intercept - 25 * b_Days = 0']),
      record: { ...f.toJSON(), versions: null },
    });
    const a = answers(original);
    const b = answers(loaded);
    for (const key of Object.keys(a) as (keyof typeof a)[]) expect(identical(a[key], b[key]), key).toBe(true);
  });

  it('a saved fit of another format version is refused naming that version and the one read', () => {
    const other = tempDir();
    saveFit(original, other);
    const side = JSON.parse(readFileSync(join(other, 'fit.json'), 'utf8'));
    writeFileSync(join(other, 'fit.json'), JSON.stringify({ ...side, version: 2, versions: { ...side.versions, '@strata/strata': '9.0.0' } }));
    const e = thrown(SavedFitError, () => loadFit(other));
    expect(e.message).toContain('format version 2 (written by @strata/strata 9.0.0)');
    expect(e.message).toContain('reads format version 1');
    writeFileSync(join(other, 'fit.json'), JSON.stringify({ format: 'something else' }));
    expect(thrown(SavedFitError, () => loadFit(other)).message).toContain('not a saved Strata fit');
  });

  it('a CSV edited after saving is refused naming the file, draw and variable', () => {
    const other = tempDir();
    saveFit(original, other);
    const path = join(other, 'draws_2.csv');
    const lines = readFileSync(path, 'utf8').split('\n');
    const k = lines.findIndex((l) => /^-?\d/.test(l));
    const cells = lines[k].split(',');
    cells[7] = String(Number(cells[7]) + 1e-9); // the first model column (after the 7 sampler columns)
    lines[k] = cells.join(',');
    writeFileSync(path, lines.join('\n'));
    const e = thrown(SavedFitError, () => loadFit(other));
    expect(e.message).toContain('draws_2.csv');
    expect(e.message).toContain(`draw 1, ${original.names[0]}`);
  });

  it('`strata summary <dir>` prints the fit\'s full summary; a plain directory is a one-line error', async () => {
    const run = async (argv: string[]) => {
      let out = '';
      let err = '';
      const sink = (f: (s: string) => void) => new Writable({ write: (c, _e, cb) => (f(String(c)), cb()) });
      const code = await main(argv, { out: sink((s) => (out += s)), err: sink((s) => (err += s)) });
      return { code, out, err };
    };
    const text = await run(['summary', dir]);
    expect(text.code).toBe(0);
    expect(text.out).toBe(`${original.summary().toString()}\n`);
    const json = await run(['summary', dir, '--json']);
    expect(JSON.parse(json.out)).toEqual(JSON.parse(JSON.stringify(original.summary())));
    const plain = await run(['summary', tempDir()]);
    expect(plain.code).toBe(1);
    expect(plain.err).toMatch(/not a saved fit \(no fit.json\)/);
  });
});
