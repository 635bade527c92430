/**
 * Resuming a local run: each finished job is appended to a checkpoint file (one JSON line:
 * study id, index, result) as soon as it is done, so a coordinator that is killed loses at most the
 * jobs in flight; a rerun of the same study reads the file and runs only the missing jobs. Lines of
 * another study, or a last line cut short by the kill, are ignored.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { JobResult } from './run-job.js';

export function readCheckpoint(path: string, id: string): Map<number, JobResult> {
  const done = new Map<number, JobResult>();
  if (!existsSync(path)) return done;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as { study: string; index: number; result: JobResult };
      if (entry.study === id) done.set(entry.index, entry.result);
    } catch {
      // a partial last line from a killed run
    }
  }
  return done;
}

export function appendCheckpoint(path: string, id: string, index: number, result: JobResult): void {
  appendFileSync(path, `${JSON.stringify({ study: id, index, result })}\n`);
}
