/**
 * A pool of worker processes on this machine (child_process.fork), each running one job at a time.
 * Processes rather than threads: a fit already may use threads, and a process that dies takes only
 * its own job with it. From source the children start from pool-child-entry.mjs (registers tsx);
 * from the CLI bundle from pool-child.mjs next to it.
 */
import { StrataError } from '@strata/core';
import { fork, type ChildProcess } from 'node:child_process';
import { RUNNING_FROM_BUNDLE } from '@strata/samplers';
import type { JobResult, Study } from './run-job.js';

const CHILD = RUNNING_FROM_BUNDLE ? new URL('./pool-child.mjs', import.meta.url) : new URL('./pool-child-entry.mjs', import.meta.url);

interface Pending {
  child: ChildProcess;
  resolve: (r: JobResult) => void;
  reject: (e: Error) => void;
}

export class JobError extends StrataError {
  constructor(message: string) {
    super('JOB', message);
  }
}

export class LocalPool {
  private readonly idle: ChildProcess[] = [];
  private readonly waiting: ((c: ChildProcess) => void)[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly children: ChildProcess[] = [];
  private nextId = 0;
  private closed = false;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`a pool needs a whole number of workers >= 1, got ${size}`);
    for (let k = 0; k < size; k++) this.spawn();
  }

  private spawn(): void {
    const child = fork(CHILD, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.children.push(child);
    child.on('message', (msg: { id: number; result?: JobResult; error?: string }) => {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error !== undefined) p?.reject(new JobError(msg.error));
      else p?.resolve(msg.result!);
      this.release(child);
    });
    child.on('exit', (code, signal) => {
      if (this.closed) return;
      for (const [id, p] of this.pending) {
        if (p.child === child) {
          this.pending.delete(id);
          p.reject(new JobError(`a pool worker exited (${signal ?? `code ${code}`}) during a job`));
        }
      }
    });
    this.idle.push(child);
  }

  private release(child: ChildProcess): void {
    const next = this.waiting.shift();
    if (next) next(child);
    else this.idle.push(child);
  }

  private acquire(): Promise<ChildProcess> {
    const c = this.idle.shift();
    return c ? Promise.resolve(c) : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Runs job `index` of `study` on the next free process. */
  async run(study: Study, index: number): Promise<JobResult> {
    const child = await this.acquire();
    const id = this.nextId++;
    return new Promise<JobResult>((resolve, reject) => {
      this.pending.set(id, { child, resolve, reject });
      child.send({ id, study, index });
    });
  }

  close(): void {
    this.closed = true;
    for (const c of this.children) c.kill();
  }
}
