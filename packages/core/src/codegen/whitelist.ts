/**
 * The identifier whitelist every generated kernel passes before it is compiled (compile-kernel.ts).
 *
 * A kernel may name only what it declares itself (its parameters, its closure bindings, its own
 * `const` / `let` names), a few keywords, `Math` with the functions listed here, and the `fill`
 * method of the library functions it is bound to. It may hold no quote, backquote, backslash,
 * comment or character outside printable ASCII, so no string, template, escape or hidden line
 * break can carry text in. Numbers are skipped as numbers (they enter only through format.ts).
 * Together: nothing in a kernel can reach a global (`process`, `require`, `globalThis`), a
 * constructor or a prototype, whatever a formula or a data set contains.
 */
import { SpecError } from '../errors.js';

const KEYWORDS = new Set(['const', 'let', 'for', 'if', 'else', 'return', 'Infinity']);
// No `pow`: engines differ in its last bit; kernels use the bound `$pow` (compile-kernel.ts)
const MATH_FUNCTIONS = new Set(['exp', 'log', 'log1p', 'expm1', 'sqrt', 'abs']);
/** Methods of bound objects: a library function's `fill(args, gradient)`. */
const METHODS = new Set(['fill']);

const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const TOKEN = /[A-Za-z_$][A-Za-z0-9_$]*|\d+(?:\.\d+)?(?:e[+-]?\d+)?|\S/g;
const FORBIDDEN = /["'`\\]|\/\/|\/\*|[^\n\x20-\x7e]/;

/** One identifier of a piece of code: a name, or a property after `.` (with the name before it). */
export interface Identifier {
  word: string;
  /** For a property access `a.b`: the token before the dot (`a`); otherwise null. */
  object: string | null;
}

/** The identifiers of generated code, in order, with numbers and punctuation skipped. */
export function identifiersIn(code: string): Identifier[] {
  const tokens = code.match(TOKEN) ?? [];
  const out: Identifier[] = [];
  tokens.forEach((token, k) => {
    if (!NAME.test(token)) return;
    out.push({ word: token, object: tokens[k - 1] === '.' ? (tokens[k - 2] ?? '') : null });
  });
  return out;
}

/** Throws unless `text` is free of quotes, backslashes, comments and non-printable characters. */
export function assertPlainText(text: string, what: string): void {
  if (FORBIDDEN.test(text)) throw new SpecError(`internal: ${what} contains a quote, backslash, comment or non-printable character`);
}

/**
 * Checks a kernel before compilation: its name, parameters and binding names are plain identifiers,
 * and every word of its body is declared in it, a keyword, or an allowed `Math` function or method.
 */
export function assertKernelIdentifiers(
  name: string,
  params: readonly string[],
  body: string,
  bindingNames: readonly string[],
  reserved: readonly string[] = [],
): void {
  const declared = new Set<string>();
  const bound = new Set(bindingNames);
  for (const word of [name, ...params, ...bindingNames]) {
    if (!NAME.test(word) || KEYWORDS.has(word) || word === 'Math') throw new SpecError(`internal: kernel ${name} declares the bad name '${word}'`);
    declared.add(word);
  }
  assertPlainText(body, `kernel ${name}`);
  const words = identifiersIn(body);
  words.forEach((id, k) => {
    if (id.object !== null || (id.word !== 'const' && id.word !== 'let') || !words[k + 1]) return;
    const declaredName = words[k + 1]!.word;
    // a shadowed `$pow` would let the kernel call something else under the trusted name
    if (reserved.includes(declaredName)) throw new SpecError(`internal: kernel ${name} declares the reserved name '${declaredName}'`);
    declared.add(declaredName);
  });
  for (const r of reserved) {
    if (new RegExp(`\\${r}\\s*=(?!=)`).test(body)) throw new SpecError(`internal: kernel ${name} assigns to the reserved name '${r}'`);
  }
  words.forEach(({ word, object }, k) => {
    const allowed =
      object === null
        ? KEYWORDS.has(word) || declared.has(word) || (word === 'Math' && words[k + 1]?.object === 'Math')
        : object === 'Math'
          ? MATH_FUNCTIONS.has(word)
          : METHODS.has(word) && bound.has(object);
    if (!allowed) throw new SpecError(`internal: kernel ${name} contains the unexpected word '${object === null ? word : `${object}.${word}`}'`);
  });
}
