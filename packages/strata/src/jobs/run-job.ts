/**
 * A study is everything its jobs need, as JSON; job i of a study is a pure function of (study, i).
 * This is the only place that knows the study kinds: the local pool, the queue worker and tests all
 * run jobs through runJob.
 */
import { createHash } from 'node:crypto';
import { runKfoldJob, type KfoldJobResult, type KfoldStudy } from '../kfold/study.js';
import { runSbcJob, type SbcJobResult, type SbcStudy } from '../sbc/study.js';
import { runSimFitJob, type SimFitResult, type SimFitStudy } from '../simulate/simfit.js';

export type Study = SimFitStudy | SbcStudy | KfoldStudy;
export type JobResult = SimFitResult | SbcJobResult | KfoldJobResult;

export function jobCount(study: Study): number {
  switch (study.kind) {
    case 'simfit':
      return study.cells.length * study.reps;
    case 'sbc':
      return study.reps;
    case 'kfold':
      return study.K;
  }
}

/** A stable id of the study's content: the same study gets the same job ids on the queue (so a rerun resumes it). */
export function studyId(study: Study): string {
  return createHash('sha256').update(JSON.stringify(study)).digest('hex').slice(0, 16);
}

export function runJob(study: Study, index: number): Promise<JobResult> {
  switch (study.kind) {
    case 'simfit':
      return runSimFitJob(study, index);
    case 'sbc':
      return runSbcJob(study, index);
    case 'kfold':
      return runKfoldJob(study, index);
    default:
      throw new RangeError(`unknown study kind "${(study as { kind: unknown }).kind}"`);
  }
}
