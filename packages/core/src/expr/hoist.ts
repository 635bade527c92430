/**
 * Which nodes of an expression's DAG the fused nonlinear loop can compute once per distinct
 * covariate row instead of once per observation (see HoistOptions in expression-code.ts).
 */
import type { DagNode } from './dag.js';

/** Cheap nodes are not worth a per-row array: hoisting pays for exp, log, pow, division. */
function isCostly(node: DagNode): boolean {
  return node.kind === 'builtin' || (node.kind === 'binary' && (node.op === '/' || node.op === '^'));
}

/**
 * Nodes computable once per distinct covariate row: covariates, invariant parameters, and pure
 * operations on them (library calls excluded: their gradient scratch holds only the last call).
 * Null when none of them is costly.
 */
export function hoistableNodes(nodes: DagNode[], root: number, invariantParams: boolean[]): Set<number> | null {
  const can: boolean[] = [];
  for (const node of nodes) {
    switch (node.kind) {
      case 'const':
      case 'cov':
        can[node.id] = true;
        break;
      case 'param':
        can[node.id] = invariantParams[node.index] === true;
        break;
      case 'neg':
      case 'binary':
      case 'builtin':
        can[node.id] = node.args.every((a) => can[a]);
        break;
      default:
        can[node.id] = false;
    }
  }
  const set = new Set(nodes.filter((n) => can[n.id] && n.kind !== 'const').map((n) => n.id));
  void root;
  return nodes.some((n) => set.has(n.id) && isCostly(n)) ? set : null;
}

/** Hoisted nodes that read no covariate, directly or through their operands. */
export function rowInvariantNodes(nodes: DagNode[], hoisted: Set<number>): Set<number> {
  const invariant = new Set<number>();
  const readsCovariate: boolean[] = [];
  for (const node of nodes) {
    readsCovariate[node.id] = node.kind === 'cov' || node.args.some((a) => readsCovariate[a]);
    if (hoisted.has(node.id) && !readsCovariate[node.id]) invariant.add(node.id);
  }
  return invariant;
}

/** Hoisted nodes the data loop reads: operands of its own nodes, and the root itself. */
export function boundaryNodes(nodes: DagNode[], root: number, hoisted: Set<number>): number[] {
  const used = new Set<number>();
  for (const node of nodes) {
    if (node.kind === 'const' || hoisted.has(node.id)) continue;
    for (const a of node.args) if (hoisted.has(a)) used.add(a);
  }
  if (hoisted.has(root)) used.add(root);
  return [...used].sort((a, b) => a - b);
}
