/**
 * The reverse-mode rules of the expression code generator: what each node adds to its operands'
 * adjoints (d root / d operand = adjoint * d node / d operand), as code.
 */
import { formatIndex, formatNumber } from '../codegen/format.js';
import { powerAdjointCode } from './builtins.js';
import type { DagNode } from './dag.js';

/** Adds adjoint * (d node / d operand) to each active operand's contribution list. */
export function pushContributions(
  node: DagNode,
  a: string,
  code: string[],
  contributions: string[][],
  nodes: DagNode[],
  slotOf: Map<number, number>,
  prefix: string,
  reciprocals: ReadonlyMap<number, string>,
): void {
  const args = node.args.map((x) => code[x]!);
  const t = code[node.id]!;
  const give = (j: number, term: string): void => {
    const child = node.args[j]!;
    if (nodes[child]!.active) contributions[child]!.push(term);
  };
  const times = (factor: string): string => (a === '1' ? factor : `${a} * ${factor}`);
  const minus = (term: string): string => `-${term}`;
  switch (node.kind) {
    case 'neg':
      give(0, minus(a));
      return;
    case 'binary': {
      const [l, r] = args as [string, string];
      switch (node.op) {
        case '+':
          give(0, a);
          give(1, a);
          return;
        case '-':
          give(0, a);
          give(1, minus(a));
          return;
        case '*':
          give(0, times(r));
          give(1, times(l));
          return;
        case '/': {
          const inverse = reciprocals.get(node.args[1]!);
          give(0, inverse ? `${a} * ${inverse}` : `${a} / ${r}`);
          give(1, minus(inverse ? `${a} * ${t} * ${inverse}` : `${a} * ${t} / ${r}`));
          return;
        }
        case '^': {
          const exponent = nodes[node.args[1]!]!;
          const bConst = exponent.kind === 'const' ? exponent.value : null;
          give(0, powerAdjointCode(a, l, r, bConst, t, 0, formatNumber));
          give(1, powerAdjointCode(a, l, r, bConst, t, 1, formatNumber));
          return;
        }
      }
      return;
    }
    case 'builtin':
      node.args.forEach((_, j) => give(j, node.builtin.adjointCode(a, args, t, j)));
      return;
    case 'library': {
      const k = slotOf.get(node.id)!;
      node.args.forEach((_, j) => give(j, times(`${prefix}G${k}[${formatIndex(j)}]`)));
      return;
    }
    default:
      return;
  }
}
