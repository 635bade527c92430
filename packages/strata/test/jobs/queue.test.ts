/**
 * The same `strata power` run three ways: in the local pool; on BullMQ with two workers, one of
 * which is SIGKILLed during its first job and a coordinator that is SIGKILLed and restarted; and in
 * the local pool again after its coordinator was killed. Results must be byte-identical, no done job
 * may be redone, and the killed worker's job must be finished by the other one (stalled-job retry).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBundle, runCli, startRedis, type Cli, type Redis } from './helpers.js';

const DESIGN = {
  model: {
    formula: 'y ~ 1 + x + treat + (1 | g)',
    priors: [
      { prior: 'normal(0, 2)', class: 'b' },
      { prior: 'normal(0, 1)', class: 'sd' },
      { prior: 'normal(0, 1)', class: 'sigma' },
    ],
  },
  design: { groups: 6, perGroup: 5, level1: { x: 'normal(0, 1)' }, level2: { treat: 'cycle(0, 1)' } },
  truth: { b_Intercept: 0, b_x: 0.4, b_treat: 0.5, sd_g__Intercept: 0.5, sigma: 1 },
  grid: { groups: [4, 8] },
  decisions: [{ parameter: 'b_treat', rule: 'q5 > 0' }, { parameter: 'b_x', rope: [-0.1, 0.1] }],
  fit: { chains: 2, warmup: 150, draws: 150 },
};
const REPS = '4'; // 2 cells x 4 = 8 jobs

let dir: string;
let redis: Redis;
const started: Cli[] = [];
const cli = (args: string[]) => {
  const c = runCli(args.map((a) => (/\.json$/.test(a) ? join(dir, a) : a)));
  started.push(c);
  return c;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strata-queue-'));
  writeFileSync(join(dir, 'design.json'), JSON.stringify(DESIGN));
  [redis] = await Promise.all([startRedis(), ensureCliBundle()]);
});

afterAll(async () => {
  for (const c of started) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const doneIds = (log: string) => [...log.matchAll(/strata worker: done (\S+)/g)].map((m) => m[1]);

describe('strata power: local pool and BullMQ queue', () => {
  it('gives byte-identical results with a worker SIGKILLed mid-job and the coordinator killed and resumed', async () => {
    const local = cli(['power', '--design', 'design.json', '--reps', REPS, '--seed', '7', '--workers', '2', '--out', 'local.json']);
    expect(await local.exited).toBe(0);
    const reference = readFileSync(join(dir, 'local.json'), 'utf8');
    expect(JSON.parse(reference).cells).toHaveLength(2);
    expect(existsSync(join(dir, 'local.json.jobs'))).toBe(false); // checkpoint removed after success

    const w1 = cli(['worker', '--queue', redis.url, '--concurrency', '1', '--lock-seconds', '1']);
    const w2 = cli(['worker', '--queue', redis.url, '--concurrency', '1', '--lock-seconds', '1']);
    await Promise.all([w1.waitFor(/ready/), w2.waitFor(/ready/)]);
    const first = cli(['power', '--design', 'design.json', '--reps', REPS, '--seed', '7', '--queue', redis.url, '--out', 'queue.json']);
    // Worker 1 dies during its first job; worker 2 must finish it after the lock expires.
    await w1.waitFor(/start \S+/);
    const killedJob = /start (\S+)/.exec(w1.stderr())![1];
    w1.proc.kill('SIGKILL');
    await first.waitFor(/jobs [2-7]\/8/);
    first.proc.kill('SIGKILL');
    await first.exited;
    const second = cli(['power', '--design', 'design.json', '--reps', REPS, '--seed', '7', '--queue', redis.url, '--out', 'queue.json']);
    expect(await second.exited).toBe(0);
    const reused = Number(/reused (\d+)/.exec(second.stderr())![1]);
    expect(reused).toBeGreaterThanOrEqual(2);
    expect(readFileSync(join(dir, 'queue.json'), 'utf8')).toBe(reference);

    const done = [...doneIds(w1.stderr()), ...doneIds(w2.stderr())];
    expect(new Set(done).size).toBe(8); // every job done ...
    expect(done).toHaveLength(8); // ... exactly once: nothing redone after the coordinator's restart
    expect(doneIds(w1.stderr())).not.toContain(killedJob);
    expect(doneIds(w2.stderr())).toContain(killedJob);
    w2.proc.kill('SIGTERM');
    expect(await w2.exited).toBe(0);
  }, 120_000);

  it('resumes a local run whose coordinator was killed, without redoing the checkpointed jobs', async () => {
    const reference = readFileSync(join(dir, 'local.json'), 'utf8');
    const first = cli(['power', '--design', 'design.json', '--reps', REPS, '--seed', '7', '--workers', '1', '--out', 'resumed.json']);
    await first.waitFor(/jobs 3\/8/);
    first.proc.kill('SIGKILL');
    await first.exited;
    const checkpointed = readFileSync(join(dir, 'resumed.json.jobs'), 'utf8').trim().split('\n').length;
    expect(checkpointed).toBeGreaterThanOrEqual(3);
    const second = cli(['power', '--design', 'design.json', '--reps', REPS, '--seed', '7', '--workers', '2', '--out', 'resumed.json']);
    expect(await second.exited).toBe(0);
    expect(second.stderr()).toContain(`ran ${8 - checkpointed} jobs, reused ${checkpointed}`);
    expect(readFileSync(join(dir, 'resumed.json'), 'utf8')).toBe(reference);
  }, 120_000);
});
