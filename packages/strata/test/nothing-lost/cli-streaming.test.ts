/**
 * Issue 14: `strata fit --output` streams each chain's draws to its CSV as they are drawn (real CLI
 * child processes). A kill -9 after draws were streamed leaves the chain's hidden temporary file made
 * of whole rows (but for a last line cut at a page boundary, see wholeRows) and nothing at a final name; an uninterrupted run's files are the whole-file writer's
 * bytes; with --parallel 2 both chains stream at once; Ctrl-C renames what was streamed, marked
 * incomplete, and says how many draws each chain holds; a write that fails is the one-line error.
 */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '@strata/core';
import { sampleModel } from '../../src/fit.js';
import { fitToCmdStanInput } from '../../src/io/fit-csv.js';
import { readCmdStanCsv, writeCmdStanCsv } from '../../src/index.js';
import { buildBundles, sleep, startCli as startChild, tinyProject } from './cli-helpers.js';

beforeAll(() => buildBundles(), 60_000);

// A failed or timed-out test must not leave long runs behind to load the machine for the next ones.
const children: ReturnType<typeof startChild>['child'][] = [];
const startCli = (args: string[]) => {
  const run = startChild(args);
  children.push(run.child);
  return run;
};
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

type Project = ReturnType<typeof tinyProject>;

/** The tiny model on 3000 rows: a few hundred draws a second, so a long run is still running when signalled. */
function slowProject(): Project {
  const p = tinyProject();
  const rows = Array.from({ length: 3000 }, (_, i) => `${(1 + 0.001 * i + Math.sin(i * 7)).toFixed(3)},${i / 300}`);
  writeFileSync(p.data, `y,x\n${rows.join('\n')}\n`);
  return p;
}
const fitArgs = (p: Project, ...more: string[]) => ['fit', '--model', p.spec, '--data', p.data, ...more];
const COLUMNS = 7 + 3; // sampler columns, then b_Intercept, b_x, sigma

/** The hidden temporary files in a folder, by name. */
const temporaries = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('.') && f.endsWith('.tmp')).sort();

/**
 * Checks a chain file is comment lines, one header and whole draw rows, each line ended; returns the
 * number of rows. `killed`: a temporary file left by kill -9, whose last write the kernel may have
 * stopped part-way; it stops a write only at a page boundary (it checks for a fatal signal before
 * each page it copies), so a cut line may follow the whole rows only when the file ends at a
 * multiple of 4096 bytes, and a reader then names that line.
 */
function wholeRows(text: string, killed = false): number {
  if (!text.endsWith('\n')) {
    expect(killed).toBe(true);
    expect(Buffer.byteLength(text) % 4096).toBe(0);
    text = text.slice(0, text.lastIndexOf('\n') + 1);
  }
  let header = false;
  let rows = 0;
  for (const line of text.slice(0, -1).split('\n')) {
    if (line.startsWith('#')) continue;
    if (!header) {
      expect(line.split(',')).toHaveLength(COLUMNS);
      expect(line.startsWith('lp__,')).toBe(true);
      header = true;
      continue;
    }
    const fields = line.split(',');
    expect(fields).toHaveLength(COLUMNS);
    for (const f of fields) expect(Number.isNaN(Number(f)) && f !== 'nan').toBe(false);
    rows++;
  }
  return rows;
}

/** Rows in each of a folder's temporary files (0 for one without its head yet). */
function streamedRows(dir: string): number[] {
  return temporaries(dir).map((f) => {
    try {
      return readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => /^-?\d/.test(l)).length;
    } catch {
      return 0; // renamed or removed between the listing and the read
    }
  });
}

/**
 * Hard links to each temporary file, by the final name it is for, in a folder of their own: after the
 * run, a final file that is the streamed file renamed is the same inode as its link (a file written
 * anew is not; inode numbers alone could be reused once the temporary file is removed).
 */
function linkTemporaries(dir: string): Map<string, string> {
  const links = mkdtempSync(join(tmpdir(), 'strata-links-'));
  return new Map(
    temporaries(dir).map((f) => {
      const link = join(links, f);
      linkSync(join(dir, f), link);
      return [f.replace(/^\.(.*)\.\d+-[0-9a-f]+\.tmp$/, '$1'), link];
    }),
  );
}

const sameFile = (a: string, b: string) => statSync(a).ino === statSync(b).ino && statSync(a).dev === statSync(b).dev;

/** Resolves once `count` temporary files each hold at least `rows` rows (the chains are streaming). */
async function untilStreamed(dir: string, count: number, rows = 1, timeoutMs = 40_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const seen = streamedRows(dir);
    if (seen.filter((n) => n >= rows).length >= count) return;
    if (Date.now() > until) throw new Error(`no ${count} streaming temporary files in ${dir} after ${timeoutMs} ms: ${JSON.stringify(seen)}`);
    await sleep(15);
  }
}

/** The file without its timing lines (the only part two runs of one seed may differ in). */
const untimed = (text: string) => text.replace(/^#.* seconds \((Warm-up|Sampling|Total)\)\n/gm, '');

describe('draws stream to the CSV as they are drawn', () => {
  it('kill -9 at random moments while draws stream: a temporary file of whole rows, nothing at a final name', async () => {
    const trials = 21; // at least 20 (issue 14), three at a time
    let killedWithRows = 0;
    for (let batch = 0; batch < trials / 3; batch++) {
      await Promise.all(
        [0, 1, 2].map(async () => {
          const p = slowProject();
          const run = startCli(fitArgs(p, '--chains', '1', '--warmup', '50', '--draws', '100000', '--output', join(p.dir, 'draws.csv'), '--quiet'));
          await untilStreamed(p.dir, 1);
          await sleep(400 * Math.random()); // between batch writes, or inside one
          run.child.kill('SIGKILL');
          const r = await run.done;
          expect([r.signal, r.code, r.err]).toEqual(['SIGKILL', null, '']);
          // only the inputs and the temporary file: no final name was ever touched
          const names = readdirSync(p.dir).sort();
          const temps = temporaries(p.dir);
          expect(temps).toHaveLength(1);
          expect(names).toEqual([...temps, 'data.csv', 'model.json'].sort());
          const text = readFileSync(join(p.dir, temps[0]), 'utf8');
          const rows = wholeRows(text, true);
          expect(rows).toBeGreaterThan(0);
          expect(text).not.toMatch(/Elapsed Time/);
          // what a reader makes of it: those rows (a cut last line is named instead)
          if (text.endsWith('\n')) expect(readCmdStanCsv(text, { source: temps[0] }).nDraws).toBe(rows);
          else expect(() => readCmdStanCsv(text, { source: temps[0] })).toThrow(/line \d+: expected 10 fields/);
          killedWithRows++;
        }),
      );
    }
    expect(killedWithRows).toBe(trials);
  }, 180_000); // about 50 s on an idle machine

  it('an uninterrupted streamed run: the final files are the whole-file writer\'s bytes for the same Fit (sequential and --parallel 2)', async () => {
    // the slow model, so that with --parallel 2 a worker is up before this thread has run both chains
    const p = slowProject();
    const settings = { chains: 2, warmup: 100, draws: 5000, seed: 7 };
    const model = compile(JSON.parse(readFileSync(p.spec, 'utf8')), readFileSync(p.data, 'utf8'));
    const fit = await sampleModel(model, { ...settings, parallel: 1, progressBar: false });
    const input = fitToCmdStanInput(fit, { modelName: 'model', dataFile: p.data });
    const expected = [0, 1].map((k) => writeCmdStanCsv({ ...input, outputFile: `draws_${k + 1}.csv` }, k));
    for (const parallel of ['1', '2']) {
      const dir = join(p.dir, `p${parallel}`);
      mkdirSync(dir);
      const run = startCli(fitArgs(p, '--chains', '2', '--parallel', parallel, '--warmup', '100', '--draws', '5000', '--seed', '7', '--output', join(dir, 'draws.csv'), '--quiet'));
      await untilStreamed(dir, 1);
      const links = linkTemporaries(dir); // both chains' files are created before sampling
      const r = await run.done;
      expect([r.code, r.err]).toEqual([0, '']);
      expect(readdirSync(dir).sort()).toEqual(['draws_1.csv', 'draws_2.csv']);
      for (const k of [0, 1]) {
        const text = readFileSync(join(dir, `draws_${k + 1}.csv`), 'utf8');
        expect(untimed(text)).toBe(untimed(expected[k]));
        expect(text.match(/ seconds \(/g)).toHaveLength(3);
        expect(sameFile(join(dir, `draws_${k + 1}.csv`), links.get(`draws_${k + 1}.csv`)!)).toBe(true); // streamed, then renamed
      }
    }
  }, 90_000);
});

describe('Ctrl-C renames what was streamed, marked incomplete', () => {
  it('--parallel 2: both chains stream at once; SIGINT: exit 130, both files whole with the incomplete note and the draws stated', async () => {
    const p = slowProject();
    const run = startCli(fitArgs(p, '--chains', '2', '--parallel', '2', '--warmup', '50', '--draws', '100000', '--seed', '3', '--output', join(p.dir, 'draws.csv'), '--quiet'));
    await untilStreamed(p.dir, 2, 150); // a worker chain and this thread's, both past their first batch
    const streamed = streamedRows(p.dir);
    const links = linkTemporaries(p.dir);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    const line = /^strata: interrupted by SIGINT: kept (\d+), (\d+) of 100000 draws per chain; wrote (.*) \(marked incomplete\)\n$/.exec(r.err);
    expect(line, r.err).not.toBeNull();
    const kept = [Number(line![1]), Number(line![2])];
    expect(readdirSync(p.dir).sort()).toEqual(['data.csv', 'draws_1.csv', 'draws_2.csv', 'model.json']);
    for (const k of [0, 1]) {
      const text = readFileSync(join(p.dir, `draws_${k + 1}.csv`), 'utf8');
      expect(wholeRows(text)).toBe(kept[k]);
      expect(text).toMatch(new RegExp(`\\n# Incomplete: the run was stopped; this chain holds ${kept[k]} of 100000 draws\\n# \\n#  Elapsed Time: `));
    }
    // the files hold at least what had been streamed when the signal came, and are the streamed files renamed
    expect(Math.min(...kept)).toBeGreaterThanOrEqual(Math.min(...streamed));
    expect([...links.keys()].sort()).toEqual(['draws_1.csv', 'draws_2.csv']);
    for (const [name, link] of links) expect(sameFile(join(p.dir, name), link)).toBe(true);
  }, 60_000);

  it('sequential: SIGINT while chain 1 streams: draws_1.csv renamed with the note, chain 2 (never started) leaves nothing', async () => {
    const p = slowProject();
    const run = startCli(fitArgs(p, '--chains', '2', '--parallel', '1', '--warmup', '50', '--draws', '100000', '--output', join(p.dir, 'draws.csv'), '--summary', join(p.dir, 's.json'), '--quiet'));
    await untilStreamed(p.dir, 1, 300);
    const link = linkTemporaries(p.dir).get('draws_1.csv')!;
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    const n = Number(/^strata: interrupted by SIGINT: kept (\d+), 0 of 100000 draws per chain; wrote .*draws_1\.csv, .*s\.json \(marked incomplete\)\n$/.exec(r.err)?.[1]);
    expect(n).toBeGreaterThanOrEqual(300);
    expect(readdirSync(p.dir).sort()).toEqual(['data.csv', 'draws_1.csv', 'model.json', 's.json']);
    const text = readFileSync(join(p.dir, 'draws_1.csv'), 'utf8');
    expect(wholeRows(text)).toBe(n);
    expect(text).toContain(`# Incomplete: the run was stopped; this chain holds ${n} of 100000 draws\n`);
    expect(existsSync(join(p.dir, 'draws_2.csv'))).toBe(false);
    expect(sameFile(join(p.dir, 'draws_1.csv'), link)).toBe(true); // the streamed file, renamed
    expect(JSON.parse(readFileSync(join(p.dir, 's.json'), 'utf8'))).toMatchObject({ incomplete: true, draws_per_chain: [n, 0] });
  }, 60_000);
});

describe('a write that fails while the draws stream', () => {
  it('the output folder removed mid-run: one line naming the file, exit 1, and the summary JSON still written', async () => {
    const p = slowProject();
    const out = join(p.dir, 'out');
    mkdirSync(out);
    const run = startCli(fitArgs(p, '--chains', '2', '--parallel', '1', '--warmup', '50', '--draws', '20000', '--seed', '1', '--output', join(out, 'draws.csv'), '--summary', join(p.dir, 's.json'), '--quiet'));
    await untilStreamed(out, 1);
    rmSync(out, { recursive: true }); // the open temporary file lives on, unlinked; its rename cannot
    const r = await run.done;
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^strata: .*out\/draws_1\.csv: cannot write: the folder .*out does not exist \(wrote 0 of 2 files\); wrote .*s\.json\n$/);
    expect(JSON.parse(readFileSync(join(p.dir, 's.json'), 'utf8')).sampler.draws).toBe(20000);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
