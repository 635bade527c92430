import { inlineLibraryCalls } from './inline.js';
import { SpecError } from '../errors.js';
import type { ExprNode } from './ast.js';
import { buildDag } from './dag.js';
import { compileKernel, kernelSource } from '../codegen/compile-kernel.js';
import { generateBody, generateEvaluator, type BodyNaming, type GeneratedBody, type HoistOptions } from './expression-code.js';
import { simplifyExpression } from './differentiate.js';
import { parseExpression } from './parser.js';
import { printExpression } from './printer.js';
import { resolveFunction } from './resolve.js';

/**
 * A compiled stage-1 nonlinear expression (see docs/nonlinear.md).
 * evaluate() fills mu[i] = f(x_i; phi_i) and dmu[k][i] = d mu[i] / d phi_k[i] for i < n in one
 * generated loop and allocates nothing. Non-finite results (log of a negative number, overflow) come
 * out as NaN / +-Inf; nothing throws on the hot path.
 */
export interface NonlinearModel {
  /** Nonlinear parameter names, in order of first appearance. */
  readonly params: string[];
  /** Data columns used, in order of first appearance; cov[k] must hold covariates[k]. */
  readonly covariates: string[];
  evaluate(cov: Float64Array[], phi: Float64Array[], n: number, mu: Float64Array, dmu: Float64Array[]): void;
  /**
   * The same computation as loop-body code, for a model's fused data loop (names prefixed apart),
   * optionally with observation-invariant work hoisted out of the loop.
   */
  body(naming: BodyNaming, hoist?: HoistOptions): GeneratedBody;
  toJSON(): NonlinearModelJSON;
  /** The generated JavaScript, for inspection and tests. */
  readonly source: string;
}

export interface NonlinearModelJSON {
  kind: 'strata.nonlinear';
  version: 1;
  expression: string;
  params: string[];
  covariates: string[];
}

/** Hand-built trees may be deeper than parsed ones, but not unboundedly (stack safety). */
const MAX_TREE_DEPTH = 1000;

export function compileNonlinear(node: ExprNode, isParam: (name: string) => boolean): NonlinearModel {
  const { params, covariates } = classifyVariables(node, isParam);
  const paramIndex = new Map(params.map((p, k) => [p, k] as const));
  const covIndex = new Map(covariates.map((c, k) => [c, k] as const));
  // classifyVariables (above) has checked the tree; inlining keeps its variables
  const dag = buildDag(simplifyExpression(inlineLibraryCalls(node)), paramIndex, covIndex);
  const generated = generateEvaluator(dag, params.length, covariates.length);
  const evaluate = compileKernel<NonlinearModel['evaluate']>('evaluate', generated.code, { names: generated.bindingNames, values: generated.bindingValues });
  const expression = printExpression(node);
  const json: NonlinearModelJSON = { kind: 'strata.nonlinear', version: 1, expression, params: [...params], covariates: [...covariates] };
  return {
    params,
    covariates,
    evaluate,
    body: (naming, hoist) => generateBody(dag, params.length, naming, hoist),
    source: kernelSource(evaluate)!,
    toJSON: () => ({ ...json, params: [...json.params], covariates: [...json.covariates] }),
  };
}

/** Rebuilds a model from toJSON() output, e.g. in a worker (user functions must be registered there too). */
export function nonlinearFromJSON(json: unknown): NonlinearModel {
  const j = json as Partial<NonlinearModelJSON> | null;
  const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');
  if (typeof j !== 'object' || j === null || j.kind !== 'strata.nonlinear' || j.version !== 1 || typeof j.expression !== 'string' || !isStrings(j.params) || !isStrings(j.covariates))
    throw new SpecError('not a serialised nonlinear model (expected kind "strata.nonlinear", version 1, expression, params, covariates)');
  const params = new Set(j.params);
  const model = compileNonlinear(parseExpression(j.expression), (name) => params.has(name));
  if (model.params.join('\u0000') !== j.params.join('\u0000') || model.covariates.join('\u0000') !== j.covariates.join('\u0000'))
    throw new SpecError(`serialised nonlinear model is inconsistent: expression "${j.expression}" does not use exactly the listed parameters and covariates`);
  return model;
}

/** Validates a (possibly hand-built) tree without recursion and splits its variables. */
function classifyVariables(root: ExprNode, isParam: (name: string) => boolean): { params: string[]; covariates: string[] } {
  const params: string[] = [];
  const covariates: string[] = [];
  const seen = new Set<string>();
  // explicit stack; children pushed in reverse so variables are met left to right
  const stack: Array<{ node: ExprNode; depth: number }> = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > MAX_TREE_DEPTH) throw new SpecError(`expression is nested too deeply (more than ${MAX_TREE_DEPTH} levels)`);
    if (typeof node !== 'object' || node === null) throw new SpecError('malformed expression tree');
    switch (node.type) {
      case 'num':
        if (typeof node.value !== 'number' || !Number.isFinite(node.value)) throw new SpecError(`expression constant must be a finite number, got ${String(node.value)}`);
        break;
      case 'var':
        if (typeof node.name !== 'string' || node.name.length === 0) throw new SpecError('expression variable must have a non-empty name');
        if (!seen.has(node.name)) {
          seen.add(node.name);
          (isParam(node.name) ? params : covariates).push(node.name);
        }
        break;
      case 'neg':
        stack.push({ node: node.arg, depth: depth + 1 });
        break;
      case 'binary':
        if (!['+', '-', '*', '/', '^'].includes(node.op)) throw new SpecError(`unknown operator '${String(node.op)}'`);
        stack.push({ node: node.right, depth: depth + 1 }, { node: node.left, depth: depth + 1 });
        break;
      case 'call': {
        const f = typeof node.name === 'string' ? resolveFunction(node.name) : undefined;
        if (!f) throw new SpecError(`unknown function '${String(node.name)}'`);
        if (!Array.isArray(node.args) || node.args.length !== f.arity)
          throw new SpecError(`function '${node.name}' takes ${f.arity} argument${f.arity === 1 ? '' : 's'}`);
        for (let k = node.args.length - 1; k >= 0; k--) stack.push({ node: node.args[k]!, depth: depth + 1 });
        break;
      }
      default:
        throw new SpecError(`unknown expression node type '${String((node as { type: unknown }).type)}'`);
    }
  }
  return { params, covariates };
}
