import { FunctionRegistrationError } from '../errors.js';
import { isBuiltinName } from '../expr/builtins.js';
import { isBareName } from '../expr/identifiers.js';
import { findGradientMismatch } from './gradientCheck.js';
import { LIBRARY } from './library.js';
import { seededUniform } from './random.js';
import type { NlArgs, NlFunction } from './types.js';

/**
 * The function registry. It is module-level (one per process / worker): the built-in library is always
 * present; user functions are added with `registerFunction` and removed with `unregisterFunction`.
 * A worker that rebuilds a model from JSON must register the same user functions first (closures
 * cannot be serialised).
 */
export interface FunctionDefinition {
  name: string;
  arity: number;
  /** Argument names for messages; default x1, x2, ... */
  argNames?: readonly string[];
  value(args: NlArgs): number;
  /** Writes d value / d args[j] into out[j] and returns the value. Must not throw or allocate. */
  gradient(args: NlArgs, out: Float64Array): number;
  /** Per-argument [low, high] range for the random check points; default [0.5, 2.5] for each. */
  domain?: ReadonlyArray<readonly [number, number]>;
}

const MAX_ARITY = 32;
const CHECK_POINTS = 6;
const DEFAULT_RANGE: readonly [number, number] = [0.5, 2.5];
/** `name.d<k>` is how a partial derivative is written (see expr/resolve.ts), so it is reserved. */
const PARTIAL_SUFFIX = /\.d[0-9]+$/;

const library = new Map<string, NlFunction>(LIBRARY.map((f) => [f.name, f]));
const registered = new Map<string, NlFunction>();

export function getFunction(name: string): NlFunction | undefined {
  return library.get(name) ?? registered.get(name);
}

/** Library names followed by user-registered names. */
export function functionNames(): string[] {
  return [...library.keys(), ...registered.keys()];
}

export function isLibraryFunction(name: string): boolean {
  return library.has(name);
}

export function registerFunction(def: FunctionDefinition): NlFunction {
  const name = typeof def?.name === 'string' ? def.name : String(def?.name);
  const fail = (message: string): never => {
    throw new FunctionRegistrationError(name, message);
  };
  if (typeof def !== 'object' || def === null) fail('the definition must be an object');
  if (typeof def.name !== 'string' || !isBareName(name)) fail('the name must be an identifier (letters, digits, _ and ., not starting with a digit)');
  if (PARTIAL_SUFFIX.test(name)) fail('names ending in .d<digits> are reserved for partial derivatives');
  if (isBuiltinName(name)) fail('the name clashes with a built-in function');
  if (library.has(name)) fail('the name clashes with a library function');
  if (registered.has(name)) fail('a function with this name is already registered (unregister it first)');
  const arity = def.arity;
  if (!Number.isInteger(arity) || arity < 1 || arity > MAX_ARITY) fail(`arity must be an integer from 1 to ${MAX_ARITY}`);
  if (typeof def.value !== 'function') fail('value must be a function');
  if (typeof def.gradient !== 'function') fail('gradient must be a function');
  const argNames = def.argNames ? [...def.argNames] : Array.from({ length: arity }, (_, j) => `x${j + 1}`);
  if (argNames.length !== arity) fail(`argNames has ${argNames.length} names but arity is ${arity}`);
  if (new Set(argNames).size !== arity || argNames.some((a) => typeof a !== 'string' || a.length === 0)) fail('argNames must be distinct non-empty strings');
  const domain = def.domain ?? argNames.map(() => DEFAULT_RANGE);
  if (domain.length !== arity || domain.some((r) => !Array.isArray(r) || !(Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] <= r[1])))
    fail('domain must give a finite [low, high] range for every argument');

  const fn: NlFunction = Object.freeze({
    name,
    arity,
    argNames: Object.freeze(argNames),
    value: (args: NlArgs) => def.value(args),
    gradient: (args: NlArgs, out: Float64Array) => def.gradient(args, out),
    // generated code calls fill; the user's number return may be boxed here unless V8 inlines it
    fill: (args: NlArgs, out: Float64Array) => {
      out[arity] = def.gradient(args, out);
    },
  });
  checkFunction(fn, domain, fail);
  registered.set(name, fn);
  return fn;
}

/** Removes a user function; returns false if none was registered under that name. */
export function unregisterFunction(name: string): boolean {
  if (library.has(name)) throw new FunctionRegistrationError(name, 'library functions cannot be unregistered');
  return registered.delete(name);
}

function checkFunction(fn: NlFunction, domain: ReadonlyArray<readonly [number, number]>, fail: (m: string) => never): void {
  const uniform = seededUniform(0x5eed);
  const grad = new Float64Array(fn.arity);
  const describe = (p: number[]): string => `(${p.map((v, j) => `${fn.argNames[j]}=${round(v)}`).join(', ')})`;
  for (let k = 0; k < CHECK_POINTS; k++) {
    const point = domain.map(([lo, hi]) => lo + (hi - lo) * uniform());
    let value: number;
    let returned: number;
    try {
      value = fn.value(point);
      grad.fill(NaN);
      returned = fn.gradient(point, grad);
    } catch (e) {
      return fail(`threw while being checked at ${describe(point)}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(`value is not a finite number at ${describe(point)} (got ${String(value)})`);
    if (typeof returned !== 'number' || !(Math.abs(returned - value) <= 1e-9 * Math.max(1, Math.abs(value))))
      fail(`gradient() returned ${String(returned)} but value() returned ${value} at ${describe(point)}`);
    for (let j = 0; j < fn.arity; j++) {
      if (!Number.isFinite(grad[j]!)) fail(`derivative with respect to argument ${j + 1} (${fn.argNames[j]}) is not finite at ${describe(point)}`);
    }
    let mismatch: ReturnType<typeof findGradientMismatch>;
    try {
      mismatch = findGradientMismatch(fn, point);
    } catch (e) {
      return fail(`threw while being checked near ${describe(point)}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (mismatch) {
      const j = mismatch.argument;
      fail(
        `derivative with respect to argument ${j + 1} (${fn.argNames[j]}) is wrong at ${describe(point)}: ` +
          `gradient gives ${round(mismatch.analytic)}, central differences give ${round(mismatch.numeric)}`,
      );
    }
  }
}

const round = (v: number): string => String(Number(v.toPrecision(6)));
