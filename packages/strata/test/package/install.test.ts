/**
 * The packages as someone outside this repository gets them: the README's "Use it in your own
 * project" commands, run as written (pnpm pack, npm install of the tarballs into an empty folder, no
 * workspace), then its app.mjs in plain node, its app.ts type-checked with tsc --strict against the
 * shipped .d.ts, and `npx strata fit` from the installed bin. Needs the npm registry for the
 * packages' dependencies (npm's cache serves repeated runs).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readmeSteps, REPO_ROOT } from './readme-steps.js';

const root = mkdtempSync(join(tmpdir(), 'strata-install-'));
const TARBALLS = join(root, 'tarballs');
const APP = join(root, 'app');
// npm's node_modules takes many seconds to delete here: let rm do it after the test run
afterAll(() => spawn('rm', ['-rf', root], { detached: true, stdio: 'ignore' }).unref());

/** Least squares slope of y on x: the posterior mean of b_x under brms' flat prior on b. */
function olsSlope(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b) / x.length;
  const my = y.reduce((a, b) => a + b) / y.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxy / sxx;
}

describe('installing the packed packages', () => {
  it("runs the README's commands: plain node fit, tsc --strict on the .d.ts, npx strata fit", () => {
    const { commands, files } = readmeSteps();
    expect(Object.keys(files).sort()).toEqual(['app.mjs', 'app.ts']);
    execFileSync('mkdir', ['-p', APP]);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(APP, name), text);

    // one shell, as a reader would type them; -x names the failing line in the output
    const script = ['set -euo pipefail -x', ...commands].join('\n');
    const run = spawnSync('bash', ['-c', script], {
      cwd: fileURLToPath(REPO_ROOT),
      env: { ...process.env, TARBALLS, APP, CI: 'true', npm_config_update_notifier: 'false' },
      encoding: 'utf8',
      timeout: 280_000,
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);

    // the tarballs: built code and types, no tests, no TypeScript sources
    const tarballs = readdirSync(TARBALLS).filter((f) => f.endsWith('.tgz')).sort();
    expect(tarballs).toEqual(['strata-core-0.1.0.tgz', 'strata-diagnostics-0.1.0.tgz', 'strata-samplers-0.1.0.tgz', 'strata-strata-0.1.0.tgz']);
    for (const tarball of tarballs) {
      const entries = execFileSync('tar', ['tzf', join(TARBALLS, tarball)], { encoding: 'utf8' }).trim().split('\n');
      expect(entries.filter((e) => /\/(test|src)\//.test(e) || (/\.ts$/.test(e) && !e.endsWith('.d.ts'))), tarball).toEqual([]);
      expect(entries, tarball).toContain('package/lib/types/index.d.ts');
    }

    // the data app.mjs fitted (it wrote them for the CLI), and its answer
    const data = readFileSync(join(APP, 'data.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(',').map(Number));
    const slope = olsSlope(data.map((r) => r[0]), data.map((r) => r[1]));
    const printed = run.stdout.split('\n').find((line) => line.startsWith('{"mean"'));
    expect(printed, run.stdout).toBeDefined();
    const { mean, mcse } = JSON.parse(printed!) as { mean: number; mcse: number };
    expect(mcse).toBeGreaterThan(0);
    expect(Math.abs(mean - slope)).toBeLessThan(5 * mcse);

    // the installed bin fitted the same model from the files
    const summary = JSON.parse(readFileSync(join(APP, 'summary.json'), 'utf8')) as { variables: { variable: string; mean: number; sd: number; ess_bulk: number }[] };
    const row = summary.variables.find((v) => v.variable === 'b_x')!;
    expect(Math.abs(row.mean - slope)).toBeLessThan(5 * (row.sd / Math.sqrt(row.ess_bulk)));
  }, 300_000);
});
