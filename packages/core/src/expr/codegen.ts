import { SpecError } from '../errors.js';
import type { NlFunction } from '../functions/types.js';
import { powerAdjointCode } from './builtins.js';
import type { Dag, DagNode } from './dag.js';
import { formatIndex, formatNumber } from './safeNumber.js';

/**
 * Emits straight-line JavaScript for one loop over observations that computes the value (forward
 * sweep over the DAG) and then every parameter derivative at once by reverse-mode accumulation
 * (adjoints a_k = d root / d node_k, visited in reverse topological order). Reverse mode costs one
 * sweep whatever the number of parameters, and the adjoint formulas reuse the forward temporaries
 * (exp' = the exp value, inv_logit' = t (1 - t), library gradients filled during the value call).
 *
 * Every identifier in the output is made here: t<k> values, a<k> adjoints, c<k>/p<k>/d<k> column
 * arrays, F<k>/A<k>/G<k> library functions and their argument / gradient scratch arrays. Names from
 * the formula never appear; numbers enter only through formatNumber. `assertOnlyGeneratedNames`
 * re-checks the finished source as a second line of defence.
 */
export interface GeneratedCode {
  source: string;
  /** Names and values of the closure bindings (F<k>, A<k>, G<k>) the source refers to. */
  bindingNames: string[];
  bindingValues: unknown[];
}

export function generateEvaluator(dag: Dag, nParams: number, nCovs: number): GeneratedCode {
  const { nodes, root } = dag;
  const bindingNames: string[] = [];
  const bindingValues: unknown[] = [];
  const slotOf = new Map<number, number>(); // node id -> library call slot k (F<k>, A<k>, G<k>)
  const body: string[] = [];
  const code: string[] = new Array(nodes.length); // how to refer to each node's value

  for (const node of nodes) code[node.id] = valueReference(node);

  // forward sweep
  for (const node of nodes) {
    if (node.kind === 'const') continue;
    const args = node.args.map((a) => code[a]!);
    const t = code[node.id]!;
    switch (node.kind) {
      case 'cov':
        body.push(`const ${t} = c${formatIndex(node.index)}[i];`);
        break;
      case 'param':
        body.push(`const ${t} = p${formatIndex(node.index)}[i];`);
        break;
      case 'neg':
        body.push(`const ${t} = -${args[0]};`);
        break;
      case 'binary':
        if (node.op !== '^') body.push(`const ${t} = ${args[0]} ${node.op} ${args[1]};`);
        else if (isConst(nodes[node.args[1]!]!, 2)) body.push(`const ${t} = ${args[0]} * ${args[0]};`); // exact, and cheaper than pow
        else body.push(`const ${t} = Math.pow(${args[0]}, ${args[1]});`);
        break;
      case 'builtin':
        body.push(`const ${t} = ${node.builtin.valueCode(args)};`);
        break;
      case 'library':
      case 'partial': {
        const k = bindSlot(node.id, node.fn, node.args.length);
        args.forEach((a, j) => body.push(`A${k}[${formatIndex(j)}] = ${a};`));
        if (node.kind === 'partial' && node.active)
          throw new SpecError(`'${node.fn.name}.d${node.index + 1}' (a derivative of a library function) cannot depend on nonlinear parameters: no second derivatives are available`);
        // fill writes the gradient to G[0..arity-1] and the value to G[arity] (no boxed return value)
        const slot = node.kind === 'partial' ? node.index : node.args.length;
        body.push(`F${k}.fill(A${k}, G${k});`, `const ${t} = G${k}[${formatIndex(slot)}];`);
        break;
      }
    }
  }
  body.push(`mu[i] = ${code[root]};`);

  // reverse sweep: contributions[k] collects adjoint terms from every parent of node k
  const contributions: string[][] = nodes.map(() => []);
  const adjoint: (string | null)[] = nodes.map(() => null);
  if (nodes[root]!.active) contributions[root]!.push('1');
  for (let id = nodes.length - 1; id >= 0; id--) {
    const node = nodes[id]!;
    if (!node.active) continue;
    const terms = contributions[id]!;
    if (terms.length === 0) continue;
    const sum = terms.join(' + ');
    let a: string;
    if (/^(?:[a-z]\d+|1)$/.test(sum)) {
      a = sum; // a single plain term: alias it, no new temporary
    } else {
      a = `a${formatIndex(id)}`;
      body.push(`const ${a} = ${sum};`);
    }
    adjoint[id] = a;
    pushContributions(node, a, code, contributions, nodes, slotOf);
  }
  for (const node of nodes) {
    if (node.kind === 'param') body.push(`d${formatIndex(node.index)}[i] = ${adjoint[node.id] ?? '0'};`);
  }
  // parameters absent from the simplified expression have zero derivative
  const present = new Set(nodes.filter((n) => n.kind === 'param').map((n) => (n as { index: number }).index));
  for (let k = 0; k < nParams; k++) if (!present.has(k)) body.push(`d${formatIndex(k)}[i] = 0;`);

  const header: string[] = [];
  for (let k = 0; k < nCovs; k++) header.push(`const c${k} = c[${k}];`);
  for (let k = 0; k < nParams; k++) header.push(`const p${k} = p[${k}];`, `const d${k} = d[${k}];`);
  const source = [
    '"use strict";',
    'return function evaluate(c, p, n, mu, d) {',
    ...header.map((l) => '  ' + l),
    '  for (let i = 0; i < n; i++) {',
    ...body.map((l) => '    ' + l),
    '  }',
    '};',
  ].join('\n');
  assertOnlyGeneratedNames(source);
  return { source, bindingNames, bindingValues };

  function bindSlot(id: number, fn: NlFunction, arity: number): number {
    const k = bindingNames.length / 3;
    slotOf.set(id, k);
    bindingNames.push(`F${k}`, `A${k}`, `G${k}`);
    bindingValues.push(fn, new Float64Array(arity), new Float64Array(arity + 1));
    return k;
  }
}

const isConst = (node: DagNode, value: number): boolean => node.kind === 'const' && node.value === value;

function valueReference(node: DagNode): string {
  return node.kind === 'const' ? formatNumber(node.value) : `t${formatIndex(node.id)}`;
}

/** Adds adjoint * (d node / d operand) to each active operand's contribution list. */
function pushContributions(
  node: DagNode,
  a: string,
  code: string[],
  contributions: string[][],
  nodes: DagNode[],
  slotOf: Map<number, number>,
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
        case '/':
          give(0, `${a} / ${r}`);
          give(1, minus(`${a} * ${t} / ${r}`));
          return;
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
      node.args.forEach((_, j) => give(j, times(`G${k}[${formatIndex(j)}]`)));
      return;
    }
    default:
      return;
  }
}

/** Fixed words the generator writes itself. Anything else must be one of its own numbered names. */
const FIXED_WORDS = new Set([
  'use', 'strict', 'return', 'function', 'evaluate', 'const', 'let', 'for', 'n', 'i', 'c', 'p', 'd', 'mu',
  'Math', 'exp', 'log', 'log1p', 'expm1', 'sqrt', 'pow', 'fill', 'e',
]);
const GENERATED = /^[tacpdFAG]\d+$/;

function assertOnlyGeneratedNames(source: string): void {
  const body = source.replace('"use strict";', '');
  if (/["'`\\]/.test(body)) throw new SpecError('internal: generated code contains quotes or backslashes');
  for (const word of body.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? []) {
    if (!FIXED_WORDS.has(word) && !GENERATED.test(word)) throw new SpecError(`internal: generated code contains the unexpected word '${word}'`);
  }
}
