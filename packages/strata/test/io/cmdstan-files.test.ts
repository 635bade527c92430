import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CmdStanCsvError, cmdStanCsvPaths, readCmdStanCsvFiles, writeCmdStanCsvFiles } from '../../src/io/index.js';
import { SLEEPSTUDY_NAMES, makeRun } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'strata-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one CSV per chain', () => {
  it('names files as CmdStan does', () => {
    expect(cmdStanCsvPaths('out/draws.csv', [1, 2, 3])).toEqual(['out/draws_1.csv', 'out/draws_2.csv', 'out/draws_3.csv']);
    expect(cmdStanCsvPaths('draws.CSV', [5, 6])).toEqual(['draws_5.csv', 'draws_6.csv']);
    expect(cmdStanCsvPaths('fit', [1, 2])).toEqual(['fit_1.csv', 'fit_2.csv']);
    expect(cmdStanCsvPaths('draws.csv', [1])).toEqual(['draws.csv']);
  });

  it('writes every chain and reads them back', () => {
    const run = makeRun(SLEEPSTUDY_NAMES, 5, 3);
    const paths = writeCmdStanCsvFiles(join(dir, 'draws.csv'), run);
    expect(paths).toEqual([1, 2, 3].map((k) => join(dir, `draws_${k}.csv`)));
    expect(readFileSync(paths[1], 'utf8')).toContain('#   file = draws_2.csv');
    const chains = readCmdStanCsvFiles(paths);
    chains.forEach((c, k) => {
      expect(c.names).toEqual(SLEEPSTUDY_NAMES);
      expect(c.metadata.chainId).toBe(k + 1);
      expect(Array.from(c.draws)).toEqual(Array.from(run.chains[k].draws));
    });
    const single = writeCmdStanCsvFiles(join(dir, 'one.csv'), makeRun(['a'], 2, 1));
    expect(single).toEqual([join(dir, 'one.csv')]);
  });

  it('a folder that does not exist is a CmdStanCsvError naming the file and the folder (was Node\'s raw ENOENT)', () => {
    const target = join(dir, 'no-such-folder', 'draws.csv');
    const e = (() => {
      try {
        writeCmdStanCsvFiles(target, makeRun(['a'], 2, 1));
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(CmdStanCsvError);
    expect((e as CmdStanCsvError).file).toBe(target);
    expect((e as Error).message).toContain(`the folder ${join(dir, 'no-such-folder')} does not exist`);
  });

  it('refuses files of different models, naming the file', () => {
    const [a] = writeCmdStanCsvFiles(join(dir, 'a.csv'), makeRun(['x', 'y'], 2, 1));
    const [b] = writeCmdStanCsvFiles(join(dir, 'b.csv'), makeRun(['x', 'z'], 2, 1));
    expect(() => readCmdStanCsvFiles([a, b])).toThrow(new CmdStanCsvError(`its columns differ from those of ${a}`, { file: b }));
    expect(() => readCmdStanCsvFiles([join(dir, 'missing.csv')])).toThrow(/missing\.csv: cannot read/);
    writeFileSync(join(dir, 'bad.csv'), 'lp__,a\n1,2\n3\n');
    expect(() => readCmdStanCsvFiles([join(dir, 'bad.csv')])).toThrow(/bad\.csv, line 3: expected 2 fields/);
  });
});

// rstan::read_stan_csv is the contract (design/model-spec.md). Runs where R and rstan are installed
// (apt-get install r-base-core r-cran-rstan); skipped elsewhere.
const hasRstan = spawnSync('Rscript', ['-e', 'quit(status = if (requireNamespace("rstan", quietly = TRUE)) 0 else 1)'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasRstan)('rstan::read_stan_csv reads our files', () => {
  it('names, draws, sampler params, timings and settings', () => {
    // rstan sizes arrays from the largest index, so give it a complete one (z[1,1], z[2,1]).
    const names = [...SLEEPSTUDY_NAMES.filter((n) => !n.startsWith('z[')), 'z[1,1]', 'z[2,1]'];
    const run = makeRun(names, 4, 2);
    const paths = writeCmdStanCsvFiles(join(dir, 'rstan.csv'), run);
    const script = `
      suppressMessages(library(rstan))
      f <- read_stan_csv(c(${paths.map((p) => JSON.stringify(p)).join(',')}))
      a <- as.array(f)
      cat("NAMES", paste(f@sim$fnames_oi, collapse = "|"), "\\n")
      cat("DIM", dim(a), "\\n")
      cat("VAL", sprintf("%.17g", a[3, 2, 7]), "\\n")
      cat("DIV", get_sampler_params(f, inc_warmup = FALSE)[[1]][, "divergent__"], "\\n")
      cat("TIME", get_elapsed_time(f)[2, ], "\\n")
      cat("ARGS", f@stan_args[[2]]$chain_id, f@stan_args[[2]]$warmup, f@stan_args[[2]]$iter, f@stan_args[[2]]$sampler_t, "\\n")
    `;
    const out = spawnSync('Rscript', ['-e', script], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    const line = (tag: string) => out.stdout.split('\n').find((l) => l.startsWith(tag))?.slice(tag.length + 1).trim();
    expect(line('NAMES')).toBe(
      'b_Intercept|b_Days|sigma|sd_Subject__Intercept|sd_Subject__Days|cor_Subject__Intercept__Days|r_Subject_308_Intercept|' +
        'r_Subject_309_Intercept|r_Subject_308_Days|r_Subject_309_Days|b_age_SexFemale|z[1,1]|z[2,1]|lp__',
    );
    expect(line('DIM')).toBe('4 2 14');
    expect(Number(line('VAL'))).toBe(run.chains[1].draws[2 * names.length + 6]);
    expect(line('DIV')).toBe('0 1 0 0');
    expect(line('TIME')).toBe('1.125 1.25');
    expect(line('ARGS')).toBe('2 1000 1004 NUTS(diag_e)');
  }, 60_000);
});
