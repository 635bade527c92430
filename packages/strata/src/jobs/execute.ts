/**
 * Runs every job of a study, in a local pool of processes (default) or on a BullMQ queue, and
 * returns the results in job order, so what a study reports cannot depend on where or in which order
 * its jobs ran. Locally, a checkpoint file makes a killed run resumable.
 */
import { availableParallelism } from 'node:os';
import { appendCheckpoint, readCheckpoint } from './checkpoint.js';
import { LocalPool } from './local-pool.js';
import { runOnQueue } from './queue.js';
import { jobCount, studyId, type JobResult, type Study } from './run-job.js';

export interface ExecuteOptions {
  /** redis://host:port: run on the queue (workers are `strata worker` processes). */
  queue?: string;
  /** Local pool size (default: the number of cores, at most the number of jobs). */
  workers?: number;
  /** Local runs: append each result here and skip the jobs already in it. */
  checkpoint?: string;
  onProgress?: (done: number, total: number, reused: number) => void;
}

export interface Execution {
  results: JobResult[];
  /** Jobs whose results came from a previous run (checkpoint or queue). */
  reused: number;
  ran: number;
}

export async function executeStudy(study: Study, options: ExecuteOptions = {}): Promise<Execution> {
  const total = jobCount(study);
  if (options.queue) {
    const { results, reused } = await runOnQueue(study, { url: options.queue, ...(options.onProgress && { onProgress: options.onProgress }) });
    return { results, reused, ran: total - reused };
  }
  const id = studyId(study);
  const done = options.checkpoint ? readCheckpoint(options.checkpoint, id) : new Map<number, JobResult>();
  const results = new Array<JobResult | undefined>(total);
  for (const [i, r] of done) if (i < total) results[i] = r;
  const reused = results.filter((r) => r !== undefined).length;
  const todo = [...results.keys()].filter((i) => results[i] === undefined);
  let finished = reused;
  options.onProgress?.(finished, total, reused);
  if (todo.length > 0) {
    const pool = new LocalPool(Math.max(1, Math.min(options.workers ?? availableParallelism(), todo.length)));
    try {
      await Promise.all(
        todo.map(async (i) => {
          const r = await pool.run(study, i);
          results[i] = r;
          if (options.checkpoint) appendCheckpoint(options.checkpoint, id, i, r);
          options.onProgress?.(++finished, total, reused);
        }),
      );
    } finally {
      pool.close();
    }
  }
  return { results: results as JobResult[], reused, ran: todo.length };
}
