/**
 * Prior text <-> prior objects. Grammar (whitespace anywhere between tokens):
 *   prior  := name '(' [number (',' number)*] ')'
 *   number := [+-]? (digits ['.' digits?] | '.' digits) ([eE] [+-]? digits)?
 * Every failure is a PriorError that quotes the text and says what is wrong.
 */
import { PriorError } from '../errors.js';
import type { LkjPrior, Prior, PriorFamily } from './types.js';
import {
  BetaPrior,
  CauchyPrior,
  ExponentialPrior,
  GammaPrior,
  LognormalPrior,
  NormalPrior,
  StudentTPrior,
  UniformPrior,
  formatNumber,
} from './distributions.js';

/** Argument names per distribution, in order; positivity rules are in POSITIVE. */
const SIGNATURES: Record<PriorFamily, readonly string[]> = {
  normal: ['mu', 'sigma'],
  student_t: ['nu', 'mu', 'sigma'],
  cauchy: ['mu', 'sigma'],
  exponential: ['rate'],
  gamma: ['shape', 'rate'],
  lognormal: ['mu', 'sigma'],
  uniform: ['lower', 'upper'],
  beta: ['a', 'b'],
  lkj: ['eta'],
};
const POSITIVE = new Set(['sigma', 'nu', 'rate', 'shape', 'eta', 'a', 'b']);

export const priorFamilies: readonly PriorFamily[] = Object.keys(SIGNATURES) as PriorFamily[];

function isPriorFamily(name: string): name is PriorFamily {
  return Object.prototype.hasOwnProperty.call(SIGNATURES, name);
}

function quote(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}...` : text);
}

/** Builds a prior from a family and arguments, checking the argument count and ranges. */
export function makePrior(family: string, args: number[], text = `${family}(${args.map(formatNumber).join(', ')})`): Prior {
  const where = `in prior ${quote(text)}`;
  if (!isPriorFamily(family)) {
    const hint = priorFamilies.find((f) => f === family.toLowerCase());
    throw new PriorError(
      `unknown distribution "${family}" ${where}${hint ? ` (did you mean ${hint}?)` : ''}; valid: ${priorFamilies.join(', ')}`,
    );
  }
  const names = SIGNATURES[family];
  if (args.length !== names.length) {
    throw new PriorError(
      `${family} takes ${names.length} argument${names.length === 1 ? '' : 's'} (${names.join(', ')}), got ${args.length} ${where}`,
    );
  }
  args.forEach((v, k) => {
    if (!Number.isFinite(v)) throw new PriorError(`${family}: ${names[k]} = ${v} is not a finite number ${where}`);
    if (POSITIVE.has(names[k]) && !(v > 0)) throw new PriorError(`${family}: ${names[k]} must be > 0, got ${v} ${where}`);
  });
  switch (family) {
    case 'normal':
      return new NormalPrior(args[0], args[1]);
    case 'student_t':
      return new StudentTPrior(args[0], args[1], args[2]);
    case 'cauchy':
      return new CauchyPrior(args[0], args[1]);
    case 'exponential':
      return new ExponentialPrior(args[0]);
    case 'gamma':
      return new GammaPrior(args[0], args[1]);
    case 'lognormal':
      return new LognormalPrior(args[0], args[1]);
    case 'uniform':
      if (!(args[0] < args[1])) {
        throw new PriorError(`uniform: lower (${args[0]}) must be below upper (${args[1]}) ${where}`);
      }
      // Its density is 1 / (upper - lower) and its transform scales by the width: both need it finite.
      if (!Number.isFinite(args[1] - args[0])) {
        throw new PriorError(`uniform: the width upper - lower overflows a double ${where}; use a narrower range, or an unbounded prior such as normal(0, 1e6)`);
      }
      return new UniformPrior(args[0], args[1]);
    case 'beta':
      return new BetaPrior(args[0], args[1]);
    case 'lkj': {
      const lkj: LkjPrior = { family: 'lkj', eta: args[0], args: [args[0]], text: `lkj(${formatNumber(args[0])})` };
      return lkj;
    }
  }
}

const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const SPACE = /\s*/y;

/** Parses a prior such as "normal(0, 2.5)", "student_t(3, -1e2, 10)" or "lkj(2)". */
export function parsePrior(text: string): Prior {
  if (typeof text !== 'string') throw new PriorError(`a prior must be text such as "normal(0, 1)", got ${typeof text}`);
  let pos = 0;
  const skipSpace = (): void => {
    SPACE.lastIndex = pos;
    SPACE.exec(text);
    pos = SPACE.lastIndex;
  };
  const expected = (what: string): never => {
    const found = pos < text.length ? `"${text[pos]}"` : 'the end';
    throw new PriorError(`expected ${what} at position ${pos} but found ${found} in prior ${quote(text)}`);
  };
  skipSpace();
  if (pos === text.length) {
    throw new PriorError(`empty prior ${quote(text)}: flat priors are not supported, give a distribution such as normal(0, 10)`);
  }
  NAME.lastIndex = pos;
  const name = NAME.exec(text);
  if (!name) expected('a distribution name');
  const family = (name as RegExpExecArray)[0];
  pos = NAME.lastIndex;
  skipSpace();
  if (text[pos] !== '(') expected('"("');
  pos++;
  skipSpace();
  const args: number[] = [];
  if (text[pos] !== ')') {
    for (;;) {
      NUMBER.lastIndex = pos;
      const num = NUMBER.exec(text);
      if (!num) expected('a number');
      args.push(Number((num as RegExpExecArray)[0]));
      pos = NUMBER.lastIndex;
      skipSpace();
      if (text[pos] === ',') {
        pos++;
        skipSpace();
        continue;
      }
      if (text[pos] === ')') break;
      expected('"," or ")"');
    }
  }
  pos++; // ')'
  skipSpace();
  if (pos !== text.length) expected('the end of the prior');
  return makePrior(family, args, text);
}

/** Canonical text of a prior: parsePrior(printPrior(p)) deep-equals p. */
export function printPrior(prior: Prior): string {
  return `${prior.family}(${prior.args.map(formatNumber).join(', ')})`;
}
