import { SpecError } from '../errors.js';
import type { NlFunction } from '../functions/types.js';
import type { BinaryOp, ExprNode } from './ast.js';
import type { Builtin } from './builtins.js';
import { resolveFunction } from './resolve.js';

/**
 * The expression as a DAG: structurally equal subterms are interned to one node (hash-consing, with
 * the operands of + and * put in canonical order since IEEE addition and multiplication commute), so
 * generated code computes each shared subterm such as exp(...) once, for the value and every
 * derivative. Nodes are numbered in creation order, which is a topological order (operands first).
 */
interface Base {
  id: number;
  /** Depends (transitively) on a nonlinear parameter: needs an adjoint. */
  active: boolean;
  args: number[];
}
export type DagNode = Base &
  (
    | { kind: 'const'; value: number }
    | { kind: 'cov'; index: number }
    | { kind: 'param'; index: number }
    | { kind: 'neg' }
    | { kind: 'binary'; op: BinaryOp }
    | { kind: 'builtin'; builtin: Builtin }
    | { kind: 'library'; fn: NlFunction }
    | { kind: 'partial'; fn: NlFunction; index: number }
  );

export interface Dag {
  nodes: DagNode[];
  root: number;
}

export function buildDag(tree: ExprNode, paramIndex: ReadonlyMap<string, number>, covIndex: ReadonlyMap<string, number>): Dag {
  const nodes: DagNode[] = [];
  const interned = new Map<string, number>();
  const functionIds = new Map<object, number>(); // distinct functions get distinct key prefixes

  const intern = (key: string, make: (id: number, active: boolean) => DagNode, args: number[]): number => {
    const found = interned.get(key);
    if (found !== undefined) return found;
    const id = nodes.length;
    nodes.push(make(id, args.some((a) => nodes[a]!.active)));
    interned.set(key, id);
    return id;
  };
  const fnKey = (f: object): number => {
    let k = functionIds.get(f);
    if (k === undefined) functionIds.set(f, (k = functionIds.size));
    return k;
  };

  const visit = (n: ExprNode): number => {
    switch (n.type) {
      case 'num':
        return intern(`n${n.value}`, (id) => ({ id, active: false, args: [], kind: 'const', value: n.value }), []);
      case 'var': {
        const p = paramIndex.get(n.name);
        if (p !== undefined) return intern(`p${p}`, (id) => ({ id, active: true, args: [], kind: 'param', index: p }), []);
        const c = covIndex.get(n.name)!;
        return intern(`c${c}`, (id) => ({ id, active: false, args: [], kind: 'cov', index: c }), []);
      }
      case 'neg': {
        const args = [visit(n.arg)];
        return intern(`-(${args[0]})`, (id, active) => ({ id, active, args, kind: 'neg' }), args);
      }
      case 'binary': {
        let args = [visit(n.left), visit(n.right)];
        if ((n.op === '+' || n.op === '*') && args[0]! > args[1]!) args = [args[1]!, args[0]!];
        const op = n.op;
        return intern(`${op}(${args.join(',')})`, (id, active) => ({ id, active, args, kind: 'binary', op }), args);
      }
      case 'call': {
        const f = resolveFunction(n.name);
        if (!f) throw new SpecError(`unknown function '${n.name}'`);
        const args = n.args.map(visit);
        const tail = `(${args.join(',')})`;
        switch (f.kind) {
          case 'builtin':
            return intern(`b${fnKey(f.builtin)}${tail}`, (id, active) => ({ id, active, args, kind: 'builtin', builtin: f.builtin }), args);
          case 'library':
            return intern(`f${fnKey(f.fn)}${tail}`, (id, active) => ({ id, active, args, kind: 'library', fn: f.fn }), args);
          case 'partial':
            return intern(`d${fnKey(f.fn)}.${f.index}${tail}`, (id, active) => ({ id, active, args, kind: 'partial', fn: f.fn, index: f.index }), args);
        }
      }
    }
  };
  const root = visit(tree);
  return { nodes, root };
}
