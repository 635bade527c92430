/**
 * The one place generated JavaScript becomes a function. Every kernel (the nonlinear evaluator, the
 * linear predictor's loops, the fused likelihood loops, the parameter and group-effect passes) is
 * compiled here: the identifier whitelist runs on it first, the strict-mode wrapper is written once,
 * and its source is kept, so a kernel can be read back (`kernelSource`) or written to files for
 * debugging (STRATA_DEBUG_KERNELS, below).
 */
import { powInto } from '../math/pow.js';
import { assertKernelIdentifiers } from './whitelist.js';

/** Values the kernel reads as free names (closure bindings): typed arrays, library functions. */
export interface KernelBindings {
  readonly names: readonly string[];
  readonly values: readonly unknown[];
}

/** A kernel as code: its parameter names and the lines of its body. */
export interface KernelCode {
  readonly params: readonly string[];
  readonly body: readonly string[];
}

export const NO_BINDINGS: KernelBindings = { names: [], values: [] };

/** Concatenates binding lists, in order. */
export function joinBindings(...parts: KernelBindings[]): KernelBindings {
  return { names: parts.flatMap((b) => [...b.names]), values: parts.flatMap((b) => [...b.values]) };
}

/**
 * Names every kernel is compiled with: `$pow`, the engine-independent x^y (math/pow.ts; `Math.pow`
 * differs between V8 versions in the last bit, so the whitelist does not allow it), and `$pw`, the
 * kernel's own in/out array for it. No generated name can take these (generated names are a letter
 * and digits, and `$` appears in no formula name); compileKernel and the whitelist refuse a binding
 * or declaration of either.
 */
export const RESERVED_NAMES: readonly string[] = ['$pow', '$pw'];

/** Statements that set `target` to base^exponent through the kernel's `$pow` (operands: code). */
export function powStatements(target: string, base: string, exponent: string): string[] {
  return [`$pw[0] = ${base};`, `$pw[1] = ${exponent};`, '$pow($pw);', `const ${target} = $pw[2];`];
}

const sources = new WeakMap<object, string>();
let dumped = 0;

/**
 * Compiles `function name(params) { body }` in strict mode, with the bindings as the enclosing
 * scope. Throws (an internal SpecError) when the code names anything the whitelist does not allow.
 * The returned function is exactly what the source says: one closure, no wrapper around the call.
 */
export function compileKernel<F extends (...args: never[]) => unknown>(name: string, code: KernelCode, bindings: KernelBindings = NO_BINDINGS): F {
  if (bindings.names.length !== bindings.values.length) throw new Error(`internal: kernel ${name} has ${bindings.names.length} binding names for ${bindings.values.length} values`);
  for (const reserved of RESERVED_NAMES) {
    if (bindings.names.includes(reserved) || code.params.includes(reserved)) throw new Error(`internal: kernel ${name} binds the reserved name ${reserved}`);
  }
  const names = [...RESERVED_NAMES, ...bindings.names];
  const values = [powInto, new Float64Array(3), ...bindings.values];
  const body = code.body.map((line) => `  ${line}`).join('\n');
  assertKernelIdentifiers(name, code.params, body, names, RESERVED_NAMES);
  const source = ['"use strict";', `return function ${name}(${code.params.join(', ')}) {`, body, '};'].join('\n');
  // The whitelist above has checked every identifier of `source`: only its own names, its bindings,
  // a few keywords and Math functions.
  const kernel = new Function(...names, source)(...values) as F;
  sources.set(kernel, source);
  dumpKernel(name, source, bindings.names);
  return kernel;
}

/**
 * Whether this environment lets kernels be compiled: a Content-Security-Policy without
 * 'unsafe-eval' forbids `new Function`, and then no model can be fitted.
 */
export function kernelsCompile(): boolean {
  try {
    return compileKernel<() => number>('probe', { params: [], body: ['return 1;'] })() === 1;
  } catch {
    return false;
  }
}

/** The source a kernel was compiled from (the strict-mode wrapper included); undefined for other functions. */
export function kernelSource(kernel: object): string | undefined {
  return sources.get(kernel);
}

/**
 * With the environment variable STRATA_DEBUG_KERNELS set to a directory, every kernel compiled is
 * written there as `<pid>-<thread>-<sequence>-<name>.js` (its bindings named in a first comment
 * line; process and worker-thread ids keep parallel chains apart). Node only; elsewhere (a browser)
 * the variable does not exist and nothing is written.
 */
function dumpKernel(name: string, source: string, bindingNames: readonly string[]): void {
  const node = (globalThis as { process?: NodeJS.Process }).process;
  const dir = node?.env?.STRATA_DEBUG_KERNELS;
  if (!dir || typeof node.getBuiltinModule !== 'function') return;
  const fs = node.getBuiltinModule('node:fs');
  const { threadId } = node.getBuiltinModule('node:worker_threads');
  fs.mkdirSync(dir, { recursive: true });
  dumped += 1;
  const file = `${dir}/${String(node.pid)}-${String(threadId)}-${String(dumped).padStart(5, '0')}-${name}.js`;
  fs.writeFileSync(file, `// kernel ${name}; bindings: ${bindingNames.join(', ') || 'none'} (and ${RESERVED_NAMES.join(', ')})\n${source}\n`);
}
