import { powStatements, RESERVED_NAMES, type KernelCode } from '../codegen/compile-kernel.js';
import { formatIndex, formatNumber } from '../codegen/format.js';
import { assertPlainText, identifiersIn } from '../codegen/whitelist.js';
import { SpecError } from '../errors.js';
import type { NlFunction } from '../functions/types.js';
import { pushContributions } from './adjoints.js';
import type { Dag, DagNode } from './dag.js';
import { boundaryNodes, hoistableNodes, rowInvariantNodes } from './hoist.js';

/**
 * Emits straight-line JavaScript for one loop over observations that computes the value (forward
 * sweep over the DAG) and then every parameter derivative at once by reverse-mode accumulation
 * (adjoints a_k = d root / d node_k, visited in reverse topological order). Reverse mode costs one
 * sweep whatever the number of parameters, and the adjoint formulas reuse the forward temporaries
 * (exp' = the exp value, inv_logit' = t (1 - t), library gradients filled during the value call).
 *
 * Every identifier in the output is made here: t<k> values, a<k> adjoints, c<k>/p<k>/d<k> column
 * arrays, F<k>/A<k>/G<k> library functions and their argument / gradient scratch arrays. Names from
 * the formula never appear; numbers enter only through formatNumber. `assertOnlyBodyNames` re-checks
 * each body, and compileKernel (codegen/) runs the kernel whitelist on the finished kernel.
 */
export interface GeneratedCode {
  code: KernelCode;
  /** Names and values of the closure bindings (F<k>, A<k>, G<k>) the code refers to. */
  bindingNames: string[];
  bindingValues: unknown[];
}

/** How the loop body refers to its inputs, and the prefix that keeps its own names apart. */
export interface BodyNaming {
  /** Prepended to every name the body declares (t<k>, a<k>, F<k>, ...): a lowercase letter or ''. */
  prefix: string;
  /** Code for covariate k's value at observation i (e.g. `c0[i]`). */
  covariate(k: number): string;
  /** Code for nonlinear parameter k's value at observation i. */
  param(k: number): string;
}

/**
 * Observation-invariant work moved out of the data loop: nodes that depend only on covariates and on
 * parameters that are the same for every observation (an intercept-only stage-2 formula) are computed
 * once per distinct covariate row (e.g. once per measurement time rather than once per subject and
 * time). Their adjoints are summed per row in the data loop and pushed through them after it.
 */
export interface HoistOptions {
  /** Per nonlinear parameter: the same value at every observation. */
  invariantParams: boolean[];
  /** Observation i's distinct covariate row. */
  rows: Int32Array;
  /** distinct[k][r]: covariate k's value in distinct row r. */
  distinct: Float64Array[];
}

/** The hoisted parts of a body: whole loops, to run before and after the data loop. */
export interface HoistedParts {
  /** Statements before every loop: hoisted values that depend on no covariate, and their reciprocals. */
  setup: string[];
  /** Computes hoisted values per distinct row (and zeroes their adjoint sums). */
  before: string[];
  /** Pushes the per-row adjoint sums through the hoisted nodes into the invariant parameters. */
  after: string[];
  /** Per parameter, the name of its summed derivative from hoisted paths ('0' when none). */
  derivatives: string[];
}

/**
 * The loop body alone: statements that compute the value and, by reverse mode, d value / d phi_k for
 * every parameter. Used inside the stand-alone evaluator below and inside a model's fused data loop.
 */
export interface GeneratedBody {
  lines: string[];
  /** Code for the value (a temporary or a formatted number). */
  value: string;
  /** Code for d value / d phi_k, one per parameter ('0' when absent), over the data loop's own paths. */
  derivatives: string[];
  /** Statements for the data loop once `d` (d log p / d value) is known: adjoint sums of hoisted nodes. */
  afterLikelihood: string[];
  /** Null when nothing was worth hoisting. */
  hoisted: HoistedParts | null;
  bindingNames: string[];
  bindingValues: unknown[];
}

export function generateEvaluator(dag: Dag, nParams: number, nCovs: number): GeneratedCode {
  const inner = generateBody(dag, nParams, { prefix: '', covariate: (k) => `c${formatIndex(k)}[i]`, param: (k) => `p${formatIndex(k)}[i]` });
  const lines = [...inner.lines, `mu[i] = ${inner.value};`, ...inner.derivatives.map((dk, k) => `d${formatIndex(k)}[i] = ${dk};`)];
  const header: string[] = [];
  for (let k = 0; k < nCovs; k++) header.push(`const c${formatIndex(k)} = c[${formatIndex(k)}];`);
  for (let k = 0; k < nParams; k++) header.push(`const p${formatIndex(k)} = p[${formatIndex(k)}];`, `const d${formatIndex(k)} = d[${formatIndex(k)}];`);
  const body = [...header, 'for (let i = 0; i < n; i++) {', ...lines.map((l) => '  ' + l), '}'];
  return { code: { params: ['c', 'p', 'n', 'mu', 'd'], body }, bindingNames: inner.bindingNames, bindingValues: inner.bindingValues };
}

export function generateBody(dag: Dag, nParams: number, naming: BodyNaming, hoist?: HoistOptions): GeneratedBody {
  const { nodes, root } = dag;
  const P = naming.prefix;
  if (!/^[a-z]?$/.test(P)) throw new SpecError(`internal: bad name prefix '${P}'`);
  const bindingNames: string[] = [];
  const bindingValues: unknown[] = [];
  const bind = (name: string, value: unknown): void => {
    bindingNames.push(name);
    bindingValues.push(value);
  };
  const slotOf = new Map<number, number>(); // node id -> library call slot k (F<k>, A<k>, G<k>)
  const code: string[] = nodes.map((node) => valueReference(node, P)); // how to refer to each node's value
  const id = (k: number) => formatIndex(k);

  const hoisted = hoist ? hoistableNodes(nodes, root, hoist.invariantParams) : null;
  const inLoop = (node: DagNode) => node.kind !== 'const' && !(hoisted?.has(node.id) ?? false);
  const row = `${P}s`; // the data loop's distinct row
  const r = `${P}r`; // the hoisted loops' row

  const forward = (node: DagNode, covariate: (k: number) => string, out: string[], reciprocals: ReadonlyMap<number, string> = new Map()): void => {
    const args = node.args.map((a) => code[a]!);
    const t = code[node.id]!;
    switch (node.kind) {
      case 'const':
        return;
      case 'cov':
        out.push(`const ${t} = ${covariate(node.index)};`);
        return;
      case 'param':
        out.push(`const ${t} = ${naming.param(node.index)};`);
        return;
      case 'neg':
        out.push(`const ${t} = -${args[0]};`);
        return;
      case 'binary':
        if (node.op === '/' && reciprocals.has(node.args[1]!)) out.push(`const ${t} = ${args[0]} * ${reciprocals.get(node.args[1]!)};`);
        else if (node.op !== '^') out.push(`const ${t} = ${args[0]} ${node.op} ${args[1]};`);
        else if (isConst(nodes[node.args[1]!]!, 2)) out.push(`const ${t} = ${args[0]} * ${args[0]};`); // exact, and cheaper than pow
        else out.push(...powStatements(t, args[0]!, args[1]!)); // not Math.pow: engines differ (math/pow.ts)
        return;
      case 'builtin':
        out.push(`const ${t} = ${node.builtin.valueCode(args)};`);
        return;
      case 'library':
      case 'partial': {
        const k = bindSlot(node.id, node.fn, node.args.length);
        args.forEach((a, j) => out.push(`${P}A${k}[${formatIndex(j)}] = ${a};`));
        if (node.kind === 'partial' && node.active)
          throw new SpecError(`'${node.fn.name}.d${node.index + 1}' (a derivative of a library function) cannot depend on nonlinear parameters: no second derivatives are available`);
        // fill writes the gradient to G[0..arity-1] and the value to G[arity] (no boxed return value)
        const slot = node.kind === 'partial' ? node.index : node.args.length;
        out.push(`${P}F${k}.fill(${P}A${k}, ${P}G${k});`, `const ${t} = ${P}G${k}[${formatIndex(slot)}];`);
        return;
      }
    }
  };

  /**
   * Reverse sweep over the nodes `include` accepts, from the seeds in `contributions` (adjoint terms
   * per node); returns each node's adjoint name. Contributions to excluded nodes stay in the lists.
   */
  const plainTerm = new RegExp(`^(?:${P}[a-z]\\d+|1)$`);
  const reverse = (
    include: (node: DagNode) => boolean,
    contributions: string[][],
    out: string[],
    reciprocals: ReadonlyMap<number, string> = new Map(),
  ): (string | null)[] => {
    const adjoint: (string | null)[] = nodes.map(() => null);
    for (let k = nodes.length - 1; k >= 0; k--) {
      const node = nodes[k]!;
      if (!node.active || !include(node)) continue;
      const terms = contributions[k]!;
      if (terms.length === 0) continue;
      const sum = terms.join(' + ');
      let a: string;
      if (plainTerm.test(sum)) {
        a = sum; // a single plain term: alias it, no new temporary
      } else {
        a = `${P}a${id(k)}`;
        out.push(`const ${a} = ${sum};`);
      }
      adjoint[k] = a;
      pushContributions(node, a, code, contributions, nodes, slotOf, P, reciprocals);
    }
    return adjoint;
  };

  // the data loop: loads of hoisted values its nodes use, its own nodes, their reverse sweep
  const lines: string[] = [];
  const afterLikelihood: string[] = [];
  const boundary = hoisted ? boundaryNodes(nodes, root, hoisted) : [];
  // Hoisted nodes that depend on no covariate (functions of invariant parameters, such as scal
  // itself) are computed once, before every loop, and read by all of them; so are their reciprocals.
  const rowInvariant = hoisted ? rowInvariantNodes(nodes, hoisted) : new Set<number>();
  const invariantReciprocals = new Map<number, string>();
  for (const node of nodes) {
    const divisor = node.args[1];
    if (node.kind !== 'binary' || node.op !== '/' || divisor === undefined || !rowInvariant.has(divisor)) continue;
    invariantReciprocals.set(divisor, `${P}i${id(divisor)}`);
  }
  // hoisted divisors of the loop's divisions: their reciprocals come per row too, so a / b and its
  // two adjoints multiply rather than divide
  const reciprocals = new Map<number, string>(invariantReciprocals);
  if (hoisted) {
    lines.push(`const ${row} = ${P}K[i];`);
    for (const k of boundary) if (!rowInvariant.has(k)) lines.push(`const ${code[k]} = ${P}H${id(k)}[${row}];`);
    for (const node of nodes) {
      const divisor = node.args[1];
      if (!inLoop(node) || node.kind !== 'binary' || node.op !== '/' || divisor === undefined) continue;
      if (!hoisted.has(divisor) || reciprocals.has(divisor) || nodes[divisor]!.kind === 'const') continue;
      reciprocals.set(divisor, `${P}i${id(divisor)}`);
      lines.push(`const ${P}i${id(divisor)} = ${P}I${id(divisor)}[${row}];`);
    }
  }
  for (const node of nodes) if (inLoop(node)) forward(node, naming.covariate, lines, reciprocals);
  const contributions: string[][] = nodes.map(() => []);
  if (nodes[root]!.active) contributions[root]!.push('1');
  const adjoint = reverse(inLoop, contributions, lines, reciprocals);
  const derivatives = Array.from({ length: nParams }, () => '0');
  for (const node of nodes) if (node.kind === 'param' && inLoop(node)) derivatives[node.index] = adjoint[node.id] ?? '0';

  let parts: HoistedParts | null = null;
  if (hoisted && hoist) {
    const count = hoist.distinct[0]?.length ?? 1;
    bind(`${P}K`, hoist.rows);
    hoist.distinct.forEach((values, k) => bind(`${P}U${id(k)}`, values));
    // adjoint sums of hoisted nodes, per distinct row, once d is known
    for (const k of boundary) {
      if (!nodes[k]!.active || contributions[k]!.length === 0) continue;
      afterLikelihood.push(`${P}B${id(k)}[${row}] += d * (${contributions[k]!.join(' + ')});`);
    }
    for (const k of boundary) if (nodes[k]!.active) bind(`${P}B${id(k)}`, new Float64Array(count));

    // after the loop: the reverse sweep through the hoisted nodes, per row
    const reverseLines: string[] = [];
    const seeds: string[][] = nodes.map(() => []);
    for (const k of boundary) if (nodes[k]!.active) seeds[k]!.push(`${P}B${id(k)}[${r}]`);
    const hoistedAdjoint = reverse((node) => hoisted.has(node.id), seeds, reverseLines, invariantReciprocals);
    const sums: string[] = [];
    const hoistedDerivatives = Array.from({ length: nParams }, () => '0');
    for (const node of nodes) {
      if (node.kind !== 'param' || !hoisted.has(node.id) || hoistedAdjoint[node.id] === null) continue;
      const w = `${P}w${id(node.index)}`;
      sums.push(`let ${w} = 0;`);
      reverseLines.push(`${w} += ${hoistedAdjoint[node.id]};`);
      hoistedDerivatives[node.index] = w;
    }
    // per-row arrays only for values something reads: the loop (boundary) or the reverse sweep
    const readAfter = new Set([...reverseLines.join('\n').matchAll(new RegExp(`\\b${P}t(\\d+)\\b`, 'g'))].map((m) => Number(m[1])));
    const stored = [...hoisted].filter((k) => nodes[k]!.kind !== 'const' && !rowInvariant.has(k) && (boundary.includes(k) || readAfter.has(k)));
    for (const k of stored) bind(`${P}H${id(k)}`, new Float64Array(count));

    const setup: string[] = [];
    const noCovariate = (): string => {
      throw new SpecError('internal: a row-invariant node reads a covariate');
    };
    for (const k of rowInvariant) forward(nodes[k]!, noCovariate, setup);
    for (const [k, name] of invariantReciprocals) setup.push(`const ${name} = 1 / ${code[k]};`);
    const before: string[] = [];
    const distinctCovariate = (k: number) => `${P}U${id(k)}[${r}]`;
    for (const k of hoisted) if (!rowInvariant.has(k)) forward(nodes[k]!, distinctCovariate, before, invariantReciprocals);
    for (const k of stored) before.push(`${P}H${id(k)}[${r}] = ${code[k]};`);
    for (const k of boundary) if (nodes[k]!.active) before.push(`${P}B${id(k)}[${r}] = 0;`);
    for (const k of reciprocals.keys()) {
      if (invariantReciprocals.has(k)) continue;
      bind(`${P}I${id(k)}`, new Float64Array(count));
      before.push(`${P}I${id(k)}[${r}] = 1 / ${code[k]};`);
    }
    const after = [...stored.filter((k) => readAfter.has(k)).map((k) => `const ${code[k]} = ${P}H${id(k)}[${r}];`), ...reverseLines];
    const loop = (body: string[]) => [`for (let ${r} = 0; ${r} < ${formatIndex(count)}; ${r}++) {`, ...body.map((l) => `  ${l}`), '}'];
    parts = { setup, before: loop(before), after: [...sums, ...loop(after)], derivatives: hoistedDerivatives };
  }

  const inputs = new Set<string>([`${P}K`, row, r]);
  for (const node of nodes) {
    if (node.kind !== 'cov' && node.kind !== 'param') continue;
    const ref = node.kind === 'cov' ? naming.covariate(node.index) : naming.param(node.index);
    const m = /^([A-Za-z][A-Za-z0-9_]*)(?:\[i\])?$/.exec(ref);
    if (!m) throw new SpecError(`internal: input reference '${ref}' is not a plain name`);
    inputs.add(m[1]!);
  }
  const all = [...lines, ...afterLikelihood, ...(parts ? [...parts.setup, ...parts.before, ...parts.after] : [])];
  assertOnlyBodyNames(all.join('\n'), P, inputs);
  return { lines, value: code[root]!, derivatives, afterLikelihood, hoisted: parts, bindingNames, bindingValues };

  function bindSlot(nodeId: number, fn: NlFunction, arity: number): number {
    const k = slotOf.size;
    slotOf.set(nodeId, k);
    bind(`${P}F${k}`, fn);
    bind(`${P}A${k}`, new Float64Array(arity));
    bind(`${P}G${k}`, new Float64Array(arity + 1));
    return k;
  }
}

const isConst = (node: DagNode, value: number): boolean => node.kind === 'const' && node.value === value;

function valueReference(node: DagNode, prefix: string): string {
  return node.kind === 'const' ? formatNumber(node.value) : `${prefix}t${formatIndex(node.id)}`;
}

/** Words an expression body may use besides its own numbered names and its inputs (d: d log p / d value; $pow, $pw). */
const BODY_WORDS = new Set(['const', 'let', 'for', 'i', 'd', 'Math', 'Infinity', ...RESERVED_NAMES]);

/**
 * Every name in a body is one the generator numbered itself (t, a, F, A, G, H, B, U, w, i, I + digits,
 * with the body's prefix), one of its inputs, or a fixed word; properties (Math.exp, F0.fill) are
 * left to the kernel whitelist. Catches a formula name reaching the code before any kernel is built.
 */
function assertOnlyBodyNames(code: string, prefix: string, inputs: ReadonlySet<string>): void {
  assertPlainText(code, 'generated expression code');
  const generated = new RegExp(`^${prefix}[taFAGHBUwiI]\\d+$`);
  for (const { word, object } of identifiersIn(code)) {
    if (object !== null || BODY_WORDS.has(word) || generated.test(word) || inputs.has(word)) continue;
    throw new SpecError(`internal: generated code contains the unexpected word '${word}'`);
  }
}
