/**
 * Group-term IDs across the model's formulas: `(terms | id | g)` in two or more formulas (the linear
 * predictor, nonlinear parameters, dpars) joins those terms into one correlated block (brms). An ID
 * shared by terms of different grouping factors is a SpecError naming both terms.
 */
import { SpecError } from '../errors.js';
import type { Rhs } from '../formula/index.js';
import { groupName, printGroupTerm } from '../formula/index.js';

/** One block of terms sharing an ID: where each term is (formula label, index into its rhs.groups). */
export interface GroupIdBlock {
  id: string;
  group: string;
  terms: { formula: string; groupIndex: number }[];
}

/** `formulas`: each formula's label (e.g. 'formula', 'nl.lKa', 'dpars.sigma') and right-hand side. */
export function groupIdBlocks(formulas: readonly { label: string; rhs: Rhs }[]): GroupIdBlock[] {
  const blocks = new Map<string, GroupIdBlock & { first: string }>();
  for (const { label, rhs } of formulas) {
    rhs.groups.forEach((g, groupIndex) => {
      if (g.id === undefined) return;
      const text = `${printGroupTerm(g)} in ${label}`;
      const block = blocks.get(g.id);
      if (!block) {
        blocks.set(g.id, { id: g.id, group: groupName(g), terms: [{ formula: label, groupIndex }], first: text });
        return;
      }
      if (block.group !== groupName(g)) {
        throw new SpecError(`ID '${g.id}' is shared by ${block.first} and ${text}, whose grouping factors differ ('${block.group}', '${groupName(g)}'); an ID joins terms of one grouping factor`, `spec.${label}`);
      }
      block.terms.push({ formula: label, groupIndex });
    });
  }
  return [...blocks.values()].map(({ id, group, terms }) => ({ id, group, terms }));
}
