/**
 * Decision rules on a parameter's posterior: an inequality on its mean or an end of its 90% interval
 * ("q5 > 0": the effect is positive with 95% posterior probability), or a ROPE (region of practical
 * equivalence): the effect is declared when the 90% interval lies entirely outside [lo, hi].
 */
import { StrataError } from '@strata/core';
import type { EstimateRow } from '../results/estimates.js';

export type Decision = { parameter: string; rule: string } | { parameter: string; rope: [number, number] };

const RULE = /^\s*(mean|q5|q95)\s*(>|<|>=|<=)\s*(-?\d+(?:\.\d*)?(?:e-?\d+)?)\s*$/i;

export class DecisionError extends StrataError {
  constructor(message: string) {
    super('DECISION', message);
  }
}

/** The label a decision is reported under: "b_treat: q5 > 0" or "b_treat: outside rope [-0.1, 0.1]". */
export function decisionLabel(d: Decision): string {
  return 'rule' in d ? `${d.parameter}: ${d.rule.trim()}` : `${d.parameter}: outside rope [${d.rope[0]}, ${d.rope[1]}]`;
}

/** Checks a decision before any work; the message names the decision. */
export function checkDecision(d: Decision, parameters: readonly string[]): void {
  if (typeof d?.parameter !== 'string') throw new DecisionError(`a decision needs a "parameter", got ${JSON.stringify(d)}`);
  if (!parameters.includes(d.parameter)) throw new DecisionError(`decision on ${d.parameter}: not a parameter of the model (parameters: ${parameters.join(', ')})`);
  if ('rule' in d) {
    if (typeof d.rule !== 'string' || !RULE.test(d.rule)) throw new DecisionError(`decision on ${d.parameter}: cannot read rule "${d.rule}" (write e.g. "q5 > 0"; statistics mean, q5, q95)`);
  } else if (!Array.isArray((d as { rope?: unknown }).rope) || d.rope.length !== 2 || !(d.rope[0] < d.rope[1])) {
    throw new DecisionError(`decision on ${d.parameter}: needs "rule" or "rope": [lo, hi] with lo < hi`);
  }
}

/** True when the decision declares the effect for this posterior summary. */
export function decide(d: Decision, e: EstimateRow): boolean {
  if ('rope' in d) return e.q5 > d.rope[1] || e.q95 < d.rope[0];
  const [, stat, op, num] = RULE.exec(d.rule)!;
  const v = e[stat.toLowerCase() as 'mean' | 'q5' | 'q95'];
  const t = Number(num);
  switch (op) {
    case '>':
      return v > t;
    case '<':
      return v < t;
    case '>=':
      return v >= t;
    default:
      return v <= t;
  }
}
