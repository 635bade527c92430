import { describe, expect, it } from 'vitest';
import { runChains, type DrawBatch, type ModelSource, type RunResult, type SamplerStats } from '../src/index.js';
import { BATCH_ROWS } from '../src/draw-stream.js';
import { iidNormal } from './support/targets.js';
import { WORKER_TARGETS_URL } from './support/worker-targets.js';

const STATS = ['lp__', 'accept_stat__', 'stepsize__', 'treedepth__', 'n_leapfrog__', 'divergent__', 'energy__'] as const;

/** Collects batches per chain and checks their order as they arrive. */
function collector() {
  const byChain = new Map<number, DrawBatch[]>();
  const onDraws = (batch: DrawBatch) => {
    const list = byChain.get(batch.chain) ?? [];
    const prev = list[list.length - 1];
    expect(prev?.last ?? false).toBe(false); // nothing after a chain's last batch
    expect(batch.start).toBe(prev ? prev.start + prev.rows : 0);
    expect(batch.adaptation !== undefined).toBe(list.length === 0);
    list.push(batch);
    byChain.set(batch.chain, list);
  };
  return { byChain, onDraws };
}

function concat<T extends Float64Array | Int32Array | Uint8Array>(parts: T[], make: (n: number) => T): T {
  const out = make(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Every chain's batches, concatenated, are its final draws and stats; the first carries its adaptation. */
function expectBatchesMatch(run: RunResult, byChain: Map<number, DrawBatch[]>): void {
  expect([...byChain.keys()].sort()).toEqual(run.chains.map((c) => c.chain));
  for (const c of run.chains) {
    const batches = byChain.get(c.chain)!;
    expect(batches[batches.length - 1].last).toBe(true);
    expect(concat(batches.map((b) => b.draws), (n) => new Float64Array(n))).toEqual(c.draws);
    for (const s of STATS) {
      const parts = batches.map((b) => b.stats[s]) as SamplerStats[typeof s][];
      const ctor = c.stats[s].constructor as new (n: number) => SamplerStats[typeof s];
      expect(concat(parts as Float64Array[], (n) => new ctor(n) as Float64Array)).toEqual(c.stats[s]);
    }
    for (const b of batches) expect(b.draws.length).toBe(b.rows * c.dimension);
    const a = batches[0].adaptation!;
    expect(a.stepSize).toBe(c.stepSize);
    expect(a.metric).toBe(c.metric);
    expect(a.inverseMetric).toEqual(c.inverseMetric);
  }
}

describe('RunOptions.onDraws', () => {
  it('in this thread: batches of at most 100 rows that concatenate to the final draws, which stay unchanged', async () => {
    const options = { chains: 2, warmup: 100, draws: 350, thin: 2, seed: 5, parallel: 1 };
    const { byChain, onDraws } = collector();
    const streamed = await runChains(iidNormal(3), { ...options, onDraws });
    const plain = await runChains(iidNormal(3), options);
    expectBatchesMatch(streamed, byChain);
    for (const k of [0, 1]) {
      expect(streamed.chains[k].draws).toHaveLength(175 * 3);
      expect(streamed.chains[k].draws).toEqual(plain.chains[k].draws);
      expect(streamed.chains[k].stats).toEqual(plain.chains[k].stats);
      const rows = byChain.get(k)!.map((b) => b.rows);
      expect(rows[0]).toBe(0); // sent as warmup ends: the adaptation alone
      expect(Math.max(...rows)).toBeLessThanOrEqual(BATCH_ROWS);
      expect(rows.length).toBeGreaterThanOrEqual(3); // 175 rows: at least a full batch and the rest
    }
  });

  it('on worker threads (parallel 2): the same batches, posted, all in before the run resolves', async () => {
    const source: ModelSource = { module: WORKER_TARGETS_URL, exportName: 'iidNormalFactory', payload: { dim: 4 } };
    const options = { chains: 3, warmup: 100, draws: 250, seed: 11 };
    const { byChain, onDraws } = collector();
    const parallel = await runChains(source, { ...options, parallel: 2, onDraws });
    const inMemory = await runChains(iidNormal(4), options);
    expectBatchesMatch(parallel, byChain);
    for (let k = 0; k < 3; k++) expect(parallel.chains[k].draws).toEqual(inMemory.chains[k].draws);
  }, 30_000);

  it('a stopped run: each chain that reached sampling ends with a last batch; concatenated = what it kept', async () => {
    const controller = new AbortController();
    const { byChain, onDraws } = collector();
    let seen = 0;
    const run = await runChains(iidNormal(2), {
      chains: 2,
      warmup: 50,
      draws: 100_000,
      seed: 3,
      parallel: 1,
      signal: controller.signal,
      onDraws: (b) => {
        onDraws(b);
        if ((seen += b.rows) >= 250) controller.abort();
      },
    });
    expect(run.incomplete).toBe(true);
    // chain 2 never began: no batches for it, and it holds nothing
    expect(run.chains[1].draws).toHaveLength(0);
    expect(byChain.has(1)).toBe(false);
    expectBatchesMatch({ ...run, chains: [run.chains[0]] }, byChain);
    expect(run.chains[0].draws.length / 2).toBeGreaterThanOrEqual(250);
  });

  it('draws 0: the adaptation batch and the last, both of 0 rows; a throwing callback rejects the run', async () => {
    const { byChain, onDraws } = collector();
    const run = await runChains(iidNormal(2), { chains: 1, warmup: 60, draws: 0, seed: 2, onDraws });
    expectBatchesMatch(run, byChain);
    expect(byChain.get(0)!.map((b) => [b.rows, b.last])).toEqual([[0, false], [0, true]]);
    await expect(
      runChains(iidNormal(2), {
        chains: 1,
        warmup: 20,
        draws: 500,
        seed: 2,
        onDraws: () => {
          throw new Error('disk full');
        },
      }),
    ).rejects.toThrow(/^onDraws threw: disk full/);
    await expect(runChains(iidNormal(2), { onDraws: 3 as never })).rejects.toThrow(/onDraws must be a function/);
  });
});
