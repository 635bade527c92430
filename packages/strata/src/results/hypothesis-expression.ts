/**
 * The arithmetic of a hypothesis ("b_age:SexFemale < 0", "b_a - b_b = 0", "exp(b_x) > 1"), parsed
 * once and evaluated over all posterior draws at once. Names are a fit's brms names, which hold ':',
 * '.', and brackets with commas (r_Subject[308,Days]); numbers, + - * / ^, parentheses, unary minus
 * and a few functions (exp, log, sqrt, abs, plogis).
 */
import { pow, SpecError } from '@strata/core';

export type Expr =
  | { kind: 'number'; value: number }
  | { kind: 'name'; name: string }
  | { kind: 'unary'; arg: Expr }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/' | '^'; left: Expr; right: Expr }
  | { kind: 'call'; fn: keyof typeof FUNCTIONS; arg: Expr };

export const FUNCTIONS = {
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  plogis: (x: number) => 1 / (1 + Math.exp(-x)),
} as const;

type Token = { kind: 'number'; value: number } | { kind: 'name'; text: string } | { kind: 'op'; text: string };

const NAME = /^[A-Za-z_.][A-Za-z0-9_.:]*(\[[^\]]*\])?/;
const NUMBER = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;

function fail(text: string, message: string): never {
  throw new SpecError(`hypothesis "${text}": ${message}`, 'hypothesis');
}

function tokenize(text: string, source: string): Token[] {
  const out: Token[] = [];
  let rest = text;
  while (rest.length > 0) {
    const ws = /^\s+/.exec(rest);
    if (ws) {
      rest = rest.slice(ws[0].length);
      continue;
    }
    const num = NUMBER.exec(rest);
    const name = num ? null : NAME.exec(rest);
    if (num) out.push({ kind: 'number', value: Number(num[0]) });
    else if (name) out.push({ kind: 'name', text: name[0] });
    else if ('+-*/^()'.includes(rest[0])) out.push({ kind: 'op', text: rest[0] });
    else fail(source, `unexpected character '${rest[0]}' at "${rest}"`);
    rest = rest.slice(num ? num[0].length : name ? name[0].length : 1);
  }
  return out;
}

/** Recursive descent: sum := product (('+'|'-') product)*; product := power (('*'|'/') power)*; power := unary ('^' power)?. */
export function parseExpression(text: string, source = text): Expr {
  const tokens = tokenize(text, source);
  let k = 0;
  const peek = (): Token | undefined => tokens[k];
  const isOp = (t: Token | undefined, ops: string): t is Token & { kind: 'op' } => t?.kind === 'op' && ops.includes(t.text);
  const sum = (): Expr => {
    let left = product();
    for (let t = peek(); isOp(t, '+-'); t = peek()) {
      k++;
      left = { kind: 'binary', op: t.text as '+' | '-', left, right: product() };
    }
    return left;
  };
  const product = (): Expr => {
    let left = power();
    for (let t = peek(); isOp(t, '*/'); t = peek()) {
      k++;
      left = { kind: 'binary', op: t.text as '*' | '/', left, right: power() };
    }
    return left;
  };
  const power = (): Expr => {
    const base = unary();
    if (isOp(peek(), '^')) {
      k++;
      return { kind: 'binary', op: '^', left: base, right: power() };
    }
    return base;
  };
  const unary = (): Expr => {
    const t = peek();
    if (isOp(t, '-')) {
      k++;
      return { kind: 'unary', arg: unary() };
    }
    if (isOp(t, '+')) {
      k++;
      return unary();
    }
    return atom();
  };
  const atom = (): Expr => {
    const t = tokens[k++];
    if (!t) fail(source, 'ends too early (a term is missing)');
    if (t.kind === 'number') return { kind: 'number', value: t.value };
    if (t.kind === 'name') {
      if (isOp(peek(), '(')) {
        if (!Object.hasOwn(FUNCTIONS, t.text)) fail(source, `unknown function ${t.text}(); known: ${Object.keys(FUNCTIONS).join(', ')}`);
        k++;
        const arg = sum();
        if (!isOp(tokens[k++], ')')) fail(source, `missing ')' after the argument of ${t.text}(`);
        return { kind: 'call', fn: t.text as keyof typeof FUNCTIONS, arg };
      }
      return { kind: 'name', name: t.text };
    }
    if (t.text === '(') {
      const inner = sum();
      if (!isOp(tokens[k++], ')')) fail(source, "missing ')'");
      return inner;
    }
    return fail(source, `unexpected '${t.text}'`);
  };
  if (tokens.length === 0) fail(source, 'a side of the comparison is empty');
  const expr = sum();
  if (k < tokens.length) fail(source, `unexpected '${(tokens[k] as { text?: string }).text ?? String((tokens[k] as { value: number }).value)}' after a complete expression`);
  return expr;
}

/** Every parameter name the expression reads. */
export function namesOf(e: Expr, out = new Set<string>()): Set<string> {
  if (e.kind === 'name') out.add(e.name);
  else if (e.kind === 'unary' || e.kind === 'call') namesOf(e.arg, out);
  else if (e.kind === 'binary') {
    namesOf(e.left, out);
    namesOf(e.right, out);
  }
  return out;
}

/** The expression per draw, given each name's draws (all of length S). */
export function evaluate(e: Expr, S: number, draws: (name: string) => Float64Array): Float64Array {
  switch (e.kind) {
    case 'number':
      return new Float64Array(S).fill(e.value);
    case 'name':
      return Float64Array.from(draws(e.name));
    case 'unary':
      return evaluate(e.arg, S, draws).map((v) => -v);
    case 'call':
      return evaluate(e.arg, S, draws).map(FUNCTIONS[e.fn]);
    case 'binary': {
      const a = evaluate(e.left, S, draws);
      const b = evaluate(e.right, S, draws);
      const f = { '+': (x: number, y: number) => x + y, '-': (x: number, y: number) => x - y, '*': (x: number, y: number) => x * y, '/': (x: number, y: number) => x / y, '^': pow }[e.op]; // core's pow: the same in every engine
      for (let s = 0; s < S; s++) a[s] = f(a[s], b[s]);
      return a;
    }
  }
}
