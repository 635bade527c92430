/**
 * Runs of consecutive observations in the same group level: longitudinal data usually come sorted
 * by subject, and the fused data loops (model/linear-predictor.ts, model/nonlinear-kernel.ts) then
 * walk run by run, loading a level's effects into registers once per run and writing their gradients
 * once per run rather than an indexed load and read-modify-write per observation. Here: finding the
 * runs, choosing the grouping to run over, and the loop's code.
 */
import { formatIndex as int } from './format.js';
import type { KernelBindings } from './compile-kernel.js';
import { fixedFromRun, type ColumnPlan, type PredictorTerm } from './predictor.js';

/** Where the runs of one grouping start, and their levels. */
export interface Runs {
  /** starts[u] is run u's first observation; starts[count] = n. */
  starts: Int32Array;
  /** The group level of each run. */
  levels: Int32Array;
  count: number;
}

export function runsOf(index: Int32Array): Runs {
  const starts: number[] = [];
  const levels: number[] = [];
  for (let i = 0; i < index.length; i++) {
    if (i === 0 || index[i] !== index[i - 1]) {
      starts.push(i);
      levels.push(index[i]!);
    }
  }
  starts.push(index.length);
  return { starts: Int32Array.from(starts), levels: Int32Array.from(levels), count: levels.length };
}

function sameIndex(a: Int32Array, b: Int32Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The grouping with the fewest runs over all predictors' terms, and which terms (per predictor)
 * share it; null when runs are too short to pay (on average fewer than 3 observations).
 */
export function chooseRuns(predictors: { terms: PredictorTerm[] }[], n: number): { runs: Runs; inRun: Set<number>[] } | null {
  let best: { runs: Runs; index: Int32Array } | null = null;
  for (const p of predictors) {
    for (const t of p.terms) {
      const runs = runsOf(t.index);
      if (best === null || runs.count < best.runs.count) best = { runs, index: t.index };
    }
  }
  if (best === null || best.runs.count * 3 > n) return null;
  const chosen = best;
  return { runs: chosen.runs, inRun: predictors.map((p) => new Set(p.terms.flatMap((t, ti) => (sameIndex(t.index, chosen.index) ? [ti] : [])))) };
}

/**
 * The data loop as a loop over runs: per run, each run-shared term's level offset, effects loaded to
 * registers and gradient accumulators; the observation loop inside; the accumulators added back.
 * Reads the bindings of runBindings.
 */
export function runLoop(
  predictors: { plan: ColumnPlan; terms: PredictorTerm[]; ns: string; inRun: ReadonlySet<number> }[],
  body: string[],
): string[] {
  const head: string[] = ['const lv = RL[run];'];
  const tail: string[] = [];
  for (const { plan, terms, ns, inRun } of predictors) {
    const fromRun = fixedFromRun(plan, inRun);
    for (const ti of inRun) {
      const g = `g${ns}${int(ti)}`;
      head.push(`const ${g} = lv * ${int(terms[ti]!.q)};`);
      plan.terms[ti]!.forEach((_, k) => {
        const at = `${g}${k === 0 ? '' : ` + ${int(k)}`}`;
        head.push(`const rq${ns}${int(ti)}_${int(k)} = R${ns}${int(ti)}[${at}];`, `let dq${ns}${int(ti)}_${int(k)} = 0;`);
        tail.push(`D${ns}${int(ti)}[${at}] += dq${ns}${int(ti)}_${int(k)};`);
      });
    }
    for (const [k, u] of fromRun) {
      head.push(`const bq${ns}${int(k)} = b${ns}${int(k)} + rq${ns}${int(u.ti)}_${int(u.k)};`);
      tail.push(`s${ns}${int(k)} += dq${ns}${int(u.ti)}_${int(u.k)};`);
    }
  }
  return [
    'for (let run = 0; run < NRUN; run++) {',
    ...head.map((l) => `  ${l}`),
    '  const end = RS[run + 1];',
    '  for (let i = RS[run]; i < end; i++) {',
    ...body.map((l) => `    ${l}`),
    '  }',
    ...tail.map((l) => `  ${l}`),
    '}',
  ];
}

/** Binds RS (run starts), RL (run levels) and NRUN (the number of runs) for runLoop's code. */
export function runBindings(runs: Runs): KernelBindings {
  return { names: ['RS', 'RL', 'NRUN'], values: [runs.starts, runs.levels, runs.count] };
}
