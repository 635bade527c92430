/**
 * One Omega across formulas: the group terms that share an ID (`(1 | p | Subject)` in the formulas
 * of lKa and lCl) form ONE correlated block, b_j ~ N(0, diag(tau) R diag(tau)) with R ~ lkj, whose
 * coefficients are the terms' coefficients in layout order. Here: which terms join which block, and
 * where each term's coefficients start in the block. Each term keeps its own sds and r names; the
 * block owns the correlation and the standardised effects z (levels x Q, level-major).
 */
import { SpecError } from '../errors.js';
import type { GroupDesign } from '../formula/index.js';
import type { GroupIdBlock } from './group-ids.js';

/** A term's place in a shared block: the block's index in layout.joint and its first coefficient. */
export interface JointMembership {
  block: number;
  start: number;
}

/** Plan of one shared block before its offsets are known. */
export interface JointPlan {
  id: string;
  group: string;
  /** Total coefficients over its terms. */
  Q: number;
  /** Group-term indices (layout.groups order) of its terms, in coefficient order. */
  terms: number[];
  levels: string[];
}

/**
 * `terms`: every group term in layout order with its formula's label (as group-ids.ts labels them:
 * 'formula', 'nl.<nlpar>', 'dpars.<dpar>') and index in that formula's group terms. Returns each term's membership (null outside a shared ID) and the blocks.
 */
export function planJointBlocks(
  ids: readonly GroupIdBlock[] | undefined,
  terms: readonly { formula: string; index: number; design: GroupDesign }[],
): { membership: (JointMembership | null)[]; blocks: JointPlan[] } {
  const membership: (JointMembership | null)[] = terms.map(() => null);
  const blocks: JointPlan[] = [];
  for (const id of ids ?? []) {
    if (id.terms.length < 2) continue;
    const wanted = new Set(id.terms.map((t) => `${t.formula}#${t.groupIndex}`));
    const plan: JointPlan = { id: id.id, group: id.group, Q: 0, terms: [], levels: [] };
    terms.forEach((t, at) => {
      if (!wanted.has(`${t.formula}#${t.index}`)) return;
      if (plan.terms.length === 0) plan.levels = t.design.levels;
      else if (!sameLevels(plan.levels, t.design.levels)) throw new SpecError(`ID '${id.id}': the terms of '${id.group}' see different levels`, 'spec.formula');
      membership[at] = { block: blocks.length, start: plan.Q };
      plan.terms.push(at);
      plan.Q += t.design.q;
    });
    if (plan.terms.length > 1) blocks.push(plan);
    else for (const at of plan.terms) membership[at] = null;
  }
  return { membership, blocks };
}

function sameLevels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
