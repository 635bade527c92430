/**
 * The playground in a real headless Chromium (Debian's chromium; .ci/run installs it): fit sleepstudy
 * from `?example=sleepstudy&fit=1`, compare the table's b_Days with Stan's reference within 5 MCSE and
 * the draws with Node's for the same seed and with the page's own single-thread fit (both bit for
 * bit), check the plots rendered, cancel a long fit and see the page recover, then fit a nonlinear
 * `a * x^b` model from a CSV given to the file input and compare its draws with Node's too (x^y is
 * core's pow, not Math.pow, whose last bit differs between V8 versions: issue 15). Any console error
 * fails the test. Starts its own server on a free port.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePowScript, differences, probe } from '../../../../bench/math-probe.mjs';
import { startPlayground } from '../../../../web/serve.mjs';
import { fit } from '../../src/index.js';

// The page's DOM, used only inside page.evaluate callbacks (the root tsconfig has no DOM library).
declare const document: any;

const CHROMIUM = '/usr/bin/chromium';
const ROOT = new URL('../../../../', import.meta.url);
const FIT = { chains: 2, warmup: 500, draws: 500, seed: 3 };

let server: { url: string; close(): Promise<void> } | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  server = await startPlayground({ port: 0 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A power-law data set, y = 2.5 x^0.6 + noise (a 32-bit LCG: no Math function whose bits could differ). */
function powerLawCsv(): string {
  let s = 29;
  const u = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const rows = ['x,y'];
  for (let i = 0; i < 60; i++) {
    const x = 0.25 + i * 0.37;
    rows.push(`${x},${Math.round((2.5 * Math.exp(0.6 * Math.log(x)) + (u() - 0.5) * 0.8) * 1000) / 1000}`);
  }
  return rows.join('\n') + '\n';
}

const POWER_LAW = {
  formula: 'y ~ a * x^b',
  nl: { a: '1', b: '1' },
  priors: [
    { prior: 'normal(2, 2)', class: 'b', nlpar: 'a' },
    { prior: 'normal(0.5, 0.5)', class: 'b', nlpar: 'b' },
  ],
};
const POWER_FIT = { chains: 2, warmup: 300, draws: 200, seed: 5 };

function nodeDigest(result: Awaited<ReturnType<typeof fit>>): string {
  const hash = createHash('sha256');
  for (const chain of result.run.chains) hash.update(new Uint8Array(chain.draws.buffer, chain.draws.byteOffset, chain.draws.byteLength));
  return hash.digest('hex');
}

describe('playground in Chromium', () => {
  it('computes core\'s pow as Node does, bit for bit, where Math.pow differs (bench/math-probe.mjs)', async () => {
    const script = await corePowScript();
    const page = await browser!.newPage();
    await page.evaluate(script);
    const web = await page.evaluate<ReturnType<typeof probe>>(`(${probe.toString()})(5000)`);
    await page.close();
    (0, eval)(script);
    const node = probe(5000);
    const differ = differences(node, web);
    expect(differ['strata-pow']).toBe(0);
    expect(differ['exp(-0.75 log c)']).toBe(0); // dual averaging's weights
    // the Math functions the sampling path uses (core's pow: exp and sqrt)
    expect(differ.exp! + differ.log! + differ.log1p! + differ.expm1! + differ.sqrt!).toBe(0);
    console.info(`Math.pow differs for ${differ.pow} of 5000 arguments in this Chromium`);
  }, 60_000);

  it('fits sleepstudy (b_Days within 5 MCSE of Stan; draws = Node\'s = one thread\'s, bit for bit), renders the plots, cancels a long fit, fits a * x^b (draws = Node\'s)', async () => {
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));

    const query = new URLSearchParams({ example: 'sleepstudy', fit: '1', ...Object.fromEntries(Object.entries(FIT).map(([k, v]) => [k, String(v)])) });
    await page.goto(`${server!.url}?${query}`);
    await page.waitForSelector('#summary table', { timeout: 90_000 });
    await page.waitForFunction(() => document.querySelectorAll('#plot-trajectory svg').length > 0 && document.body.dataset.state === 'idle', undefined, { timeout: 60_000 });

    const table = await page.evaluate(() => {
      const t = document.querySelector('#summary table');
      const header = [...t.tHead.rows[0].cells].map((c: { textContent: string }) => c.textContent);
      const rows = [...t.tBodies[0].rows].map((r: { cells: { textContent: string }[] }) => [...r.cells].map((c) => c.textContent ?? ''));
      return { header, rows, digest: t.dataset.digest };
    });
    expect(table.header).toEqual(['variable', 'mean', 'sd', 'q5', 'q95', 'rhat', 'ess_bulk', 'ess_tail']);
    const days = table.rows.find((r) => r[0] === 'b_Days')!;
    const [mean, sd, , , , essBulk] = days.slice(1).map(Number);
    const reference = JSON.parse(readFileSync(new URL('../shared/reference/sleepstudy.json', ROOT), 'utf8')).parameters.b_Days;
    const mcse = Math.hypot(sd / Math.sqrt(essBulk), reference.mcse_mean);
    expect(Math.abs(mean - reference.mean)).toBeLessThan(5 * mcse);

    // The same fit in Node: the same draws, bit for bit. Chromium's V8 and Node 20's differ in the
    // last bit of Math.pow (bench/math-probe.mjs); the sampler and the model code use none of it.
    const spec = JSON.parse(readFileSync(new URL('examples/specs/sleepstudy.json', ROOT), 'utf8'));
    const csv = readFileSync(new URL('examples/data/sleepstudy.csv', ROOT), 'utf8');
    expect(table.digest).toBe(nodeDigest(await fit(spec, csv, { ...FIT, parallel: 1, progressBar: false })));

    // plots: SVGs with marks in them
    for (const id of ['plot-trace', 'plot-rank', 'plot-trajectory']) {
      const marks = await page.evaluate((i) => document.querySelectorAll(`#${i} svg path, #${i} svg line, #${i} svg rect`).length, id);
      expect(marks, id).toBeGreaterThan(10);
    }
    expect(await page.locator('#downloads a').count()).toBe(FIT.chains + 1);

    // workers (parallel 2: this thread and one Web Worker) and this thread alone: the same draws
    const single = await browser!.newPage();
    single.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await single.goto(`${server!.url}?${query}&parallel=1`);
    await single.waitForFunction(() => document.body.dataset.state === 'idle' && document.querySelector('#summary table'), undefined, { timeout: 90_000 });
    expect(await single.evaluate(() => document.querySelector('#summary table').dataset.digest)).toBe(table.digest);
    await single.close();

    // a long fit, cancelled once running: the page says so and can fit again
    await page.fill('#warmup', '200000');
    await page.click('#fit');
    await page.waitForFunction(() => [...document.querySelectorAll('#progress progress')].some((p: { value: number }) => p.value > 0), undefined, { timeout: 30_000 });
    expect(await page.isDisabled('#fit')).toBe(true);
    await page.click('#cancel');
    await page.waitForFunction(() => /cancelled/.test(document.getElementById('status').textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await page.isEnabled('#fit')).toBe(true);
    expect(await page.isDisabled('#cancel')).toBe(true);

    // a nonlinear model with x^b, a CSV through the file input: Node's draws again
    const powerCsv = powerLawCsv();
    await page.setInputFiles('#csv-file', { name: 'power.csv', mimeType: 'text/csv', buffer: Buffer.from(powerCsv) });
    await page.waitForFunction(() => /^power: 60 rows/.test(document.getElementById('data-info').textContent ?? ''), undefined, { timeout: 10_000 });
    await page.fill('#spec', JSON.stringify(POWER_LAW));
    for (const [id, value] of Object.entries(POWER_FIT)) await page.fill(`#${id}`, String(value));
    await page.waitForFunction(() => !document.getElementById('fit').disabled, undefined, { timeout: 10_000 });
    await page.click('#fit');
    await page.waitForFunction(() => /^done in/.test(document.getElementById('status').textContent ?? '') && document.body.dataset.state === 'idle', undefined, { timeout: 90_000 });
    const power = await page.evaluate(() => {
      const t = document.querySelector('#summary table');
      return { digest: t.dataset.digest, variables: [...t.tBodies[0].rows].map((r: { cells: { textContent: string }[] }) => r.cells[0].textContent) };
    });
    expect(power.variables).toContain('b_b_Intercept');
    expect(power.digest).toBe(nodeDigest(await fit(POWER_LAW, powerCsv, { ...POWER_FIT, parallel: 1, progressBar: false })));

    expect(errors).toEqual([]);
  }, 240_000);
});
