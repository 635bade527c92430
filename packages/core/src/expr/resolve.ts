import { functionNames, getFunction } from '../functions/registry.js';
import type { NlFunction } from '../functions/types.js';
import { BUILTINS, type Builtin } from './builtins.js';

/**
 * Resolves a function name used in an expression: a built-in (exp, log, ...), a library or registered
 * function (SSlogis, ...), or the partial derivative of one, written `F.d<k>` (k is the 1-based
 * argument): `SSlogis.d2(x, Asym, xmid, scal)` is d SSlogis / d Asym. Partials appear in the output
 * of `differentiate` and are valid input too, but have no derivative of their own.
 */
export type ResolvedFunction =
  | { kind: 'builtin'; name: string; arity: number; builtin: Builtin }
  | { kind: 'library'; name: string; arity: number; fn: NlFunction }
  | { kind: 'partial'; name: string; arity: number; fn: NlFunction; index: number };

const PARTIAL = /^(.+)\.d([1-9][0-9]*)$/;

export function partialName(fn: NlFunction, index: number): string {
  return `${fn.name}.d${index + 1}`;
}

export function resolveFunction(name: string): ResolvedFunction | undefined {
  const builtin = BUILTINS.get(name);
  if (builtin) return { kind: 'builtin', name, arity: builtin.arity, builtin };
  const fn = getFunction(name);
  if (fn) return { kind: 'library', name, arity: fn.arity, fn };
  const m = PARTIAL.exec(name);
  if (m) {
    const base = getFunction(m[1]!);
    const index = Number(m[2]) - 1;
    if (base && index < base.arity) return { kind: 'partial', name, arity: base.arity, fn: base, index };
  }
  return undefined;
}

/** Names listed in "unknown function" messages (partials are not advertised). */
export function knownFunctionNames(): string[] {
  return [...BUILTINS.keys(), ...functionNames()];
}

/** Scalar evaluation of a resolved function (setup-time use only: partials allocate). */
export function scalarEvaluator(f: ResolvedFunction): (args: number[]) => number {
  switch (f.kind) {
    case 'builtin':
      return (args) => f.builtin.value(args);
    case 'library':
      return (args) => f.fn.value(args);
    case 'partial': {
      const grad = new Float64Array(f.fn.arity);
      return (args) => {
        f.fn.gradient(args, grad);
        return grad[f.index]!;
      };
    }
  }
}
