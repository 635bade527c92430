/**
 * Throughput of study jobs (docs/validation.md, "Simulation studies"): `strata power` from the CLI
 * bundle on one cell of examples/power/design.json (12 schools x 5 pupils, 2 chains x 300 + 300),
 * REPS jobs, with the local pool of 1 and 2 workers and on BullMQ with 1 and 2 `strata worker`
 * processes (--concurrency 1 each) against a private redis-server. The queue's overhead per job is
 * (queue time - local time) / jobs at the same number of workers.
 *   pnpm exec tsx bench/jobs.ts [reps]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCliBundle, LAUNCHER, runCli, startRedis } from '../packages/strata/test/jobs/helpers.js';

const REPS = Number(process.argv[2] ?? 80);
const dir = mkdtempSync(join(tmpdir(), 'strata-jobs-bench-'));
const design = JSON.parse(readFileSync('examples/power/design.json', 'utf8'));
design.grid = { groups: [12], perGroup: [5] };
writeFileSync(join(dir, 'design.json'), JSON.stringify(design));
await ensureCliBundle();

function timed(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [LAUNCHER, 'power', '--design', join(dir, 'design.json'), '--reps', String(REPS), '--seed', '1', '--out', join(dir, `${Date.now()}.json`), ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return (performance.now() - t0) / 1000;
}

const redis = await startRedis();
const rows: Record<string, number>[] = [];
try {
  for (const workers of [1, 2]) {
    const local = timed(['--workers', String(workers)]);
    const ws = Array.from({ length: workers }, () => runCli(['worker', '--queue', redis.url, '--concurrency', '1']));
    await Promise.all(ws.map((w) => w.waitFor(/ready/)));
    // a fresh seed per run would change the study; a different reps count would too: flush instead
    spawnSync('redis-cli', ['-u', redis.url, 'FLUSHALL']);
    const queued = timed(['--queue', redis.url]);
    for (const w of ws) w.proc.kill('SIGTERM');
    await Promise.all(ws.map((w) => w.exited));
    rows.push({ workers, jobs: REPS, localSeconds: local, localJobsPerSecond: REPS / local, queueSeconds: queued, queueJobsPerSecond: REPS / queued, overheadMsPerJob: ((queued - local) / REPS) * 1000 * workers, fitMsPerJob: (local / REPS) * 1000 * workers });
  }
} finally {
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
}
for (const r of rows) console.log(JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v.toPrecision(3))]))));
