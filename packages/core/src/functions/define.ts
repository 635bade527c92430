import type { NlArgs, NlFunction } from './types.js';

/**
 * Builds an NlFunction from `value` and `fill`. `fill` is what generated code calls: it writes the
 * gradient to out[0..arity-1] and the value to out[arity] and returns nothing, because a function
 * returning a non-integer number that V8 does not inline must box it (a heap allocation per call).
 * `gradient` (the contract's form, returning the value) is derived from it for everyone else.
 */
export function libraryFunction(def: {
  name: string;
  argNames: readonly string[];
  value(args: NlArgs): number;
  fill(args: NlArgs, out: Float64Array): void;
  expansion?: string;
}): NlFunction {
  const arity = def.argNames.length;
  const scratch = new Float64Array(arity + 1);
  return Object.freeze({
    name: def.name,
    arity,
    argNames: Object.freeze([...def.argNames]),
    value: def.value,
    fill: def.fill,
    ...(def.expansion !== undefined ? { expansion: def.expansion } : {}),
    gradient(args: NlArgs, out: Float64Array): number {
      def.fill(args, scratch);
      for (let j = 0; j < arity; j++) out[j] = scratch[j]!;
      return scratch[arity]!;
    },
  });
}
