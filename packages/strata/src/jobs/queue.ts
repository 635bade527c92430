/**
 * Jobs on BullMQ (Redis). The coordinator adds job i of a study under the id `<study id>-<i>`; BullMQ
 * ignores an add whose id exists, so rerunning the same study resumes it (done jobs keep their
 * results in Redis and are not redone). `strata worker` processes take jobs and run each in a local
 * pool process, which leaves their own event loop free to renew BullMQ's job locks; a worker that
 * dies mid-job stops renewing, and BullMQ's stalled-job check gives the job to another worker.
 * Jobs are pure functions of (study, index), so a retried job returns the same bytes.
 */
import { StrataError } from '@strata/core';
import type { Job } from 'bullmq';
import { availableParallelism } from 'node:os';
import { LocalPool } from './local-pool.js';
import { jobCount, studyId, type JobResult, type Study } from './run-job.js';

export const QUEUE_NAME = 'strata-jobs';

interface JobData {
  study: Study;
  index: number;
}

export class QueueUrlError extends StrataError {
  constructor(message: string) {
    super('QUEUE', message);
  }
}

/** A Redis client for BullMQ (constructed here: BullMQ cannot load ioredis itself from ESM). */
async function connect(url: string) {
  const { Redis } = await import('ioredis');
  return new Redis(parseQueueUrl(url));
}

/** redis://host:port -> ioredis connection options. */
export function parseQueueUrl(url: string): { host: string; port: number; maxRetriesPerRequest: null } {
  const m = /^redis:\/\/([^:/]+)(?::(\d+))?\/?$/.exec(url);
  if (!m) throw new QueueUrlError(`--queue must look like redis://host:port, got "${url}"`);
  return { host: m[1], port: m[2] ? Number(m[2]) : 6379, maxRetriesPerRequest: null };
}

export interface QueueRunOptions {
  url: string;
  onProgress?: (done: number, total: number, reused: number) => void;
  /** How often to look at the progress (ms, default 100); every 20th look also asks Redis for each pending job. */
  pollMs?: number;
}

/** Adds the study's jobs (resuming when they exist) and waits for every result; results in index order. */
export async function runOnQueue(study: Study, options: QueueRunOptions): Promise<{ results: JobResult[]; reused: number }> {
  const { Queue, QueueEvents } = await import('bullmq');
  const connection = await connect(options.url);
  const queue = new Queue<JobData, JobResult>(QUEUE_NAME, { connection });
  const eventsConnection = await connect(options.url);
  const events = new QueueEvents(QUEUE_NAME, { connection: eventsConnection });
  await events.waitUntilReady();
  try {
    const id = studyId(study);
    const total = jobCount(study);
    const jobId = (i: number) => `${id}-${i}`;
    const results = new Array<JobResult | undefined>(total);
    // Results already in Redis (a resumed study) count as reused.
    let reused = 0;
    const existing = await Promise.all(Array.from({ length: total }, (_, i) => queue.getJob(jobId(i))));
    existing.forEach((job, i) => {
      if (job?.finishedOn && job.returnvalue !== undefined && job.returnvalue !== null && !job.failedReason) {
        results[i] = job.returnvalue;
        reused++;
      }
    });
    const missing = [...results.keys()].filter((i) => results[i] === undefined);
    await queue.addBulk(
      missing.map((i) => ({
        name: study.kind,
        data: { study, index: i },
        opts: { jobId: jobId(i), attempts: 3, removeOnComplete: false, removeOnFail: false },
      })),
    );
    let done = reused;
    options.onProgress?.(done, total, reused);
    const byId = new Map(missing.map((i) => [jobId(i), i]));
    let failure: Error | null = null;
    const record = (i: number, value: JobResult) => {
      if (results[i] !== undefined) return;
      results[i] = value;
      done++;
      options.onProgress?.(done, total, reused);
    };
    // Completions arrive as events (no per-job round trips); a slow poll catches any that finished
    // before the subscription and jobs that failed for good.
    events.on('completed', ({ jobId: jid, returnvalue }) => {
      const i = byId.get(jid);
      if (i !== undefined) record(i, (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as JobResult);
    });
    const check = async () => {
      for (const i of missing) {
        if (results[i] !== undefined) continue;
        const job = await queue.getJob(jobId(i));
        if (!job?.finishedOn) continue;
        if (!job.failedReason) record(i, job.returnvalue);
        else if (job.attemptsMade >= (job.opts.attempts ?? 1)) failure = new Error(`job ${i} of study ${id} failed: ${job.failedReason}`);
      }
    };
    await check();
    for (let tick = 0; done < total; tick++) {
      await new Promise((r) => setTimeout(r, options.pollMs ?? 100));
      if (tick % 20 === 19) await check();
      if (failure) throw failure;
    }
    return { results: results as JobResult[], reused };
  } finally {
    await events.close();
    await queue.close();
    eventsConnection.disconnect();
    connection.disconnect();
  }
}

export interface WorkerOptions {
  url: string;
  concurrency?: number;
  /** BullMQ lock duration (ms): how soon a dead worker's job goes to another worker (default 30000). */
  lockMs?: number;
  log?: (line: string) => void;
}

/** Runs jobs from the queue until stopped; resolves with a stop() function once connected. */
export async function startQueueWorker(options: WorkerOptions): Promise<{ stop: () => Promise<void> }> {
  const { Worker } = await import('bullmq');
  const concurrency = options.concurrency ?? availableParallelism();
  const connection = await connect(options.url);
  const pool = new LocalPool(concurrency);
  const lockDuration = options.lockMs ?? 30_000;
  const log = options.log ?? (() => {});
  const worker = new Worker<JobData, JobResult>(
    QUEUE_NAME,
    async (job: Job<JobData, JobResult>) => {
      log(`start ${job.id}`);
      const result = await pool.run(job.data.study, job.data.index);
      log(`done ${job.id}`);
      return result;
    },
    { connection, concurrency, lockDuration, stalledInterval: lockDuration, maxStalledCount: 3 },
  );
  await worker.waitUntilReady();
  return {
    stop: async () => {
      await worker.close();
      pool.close();
      connection.disconnect();
    },
  };
}
