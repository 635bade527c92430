/** compile(): messages for specs that parse but do not make a model, and formula errors in context. */
import { describe, expect, it } from 'vitest';
import { compile, FormulaError } from '../../src/index.js';
import { thrown } from '../data/expect-error.js';

const data = { y: [1, 2, 3, 4], x: [1, 2, 3, 5], g: ['a', 'b', 'a', 'b'], t: [1, 2, 3, 4] };

describe('formula syntax errors cite the position once, in the whole formula', () => {
  const cases: [formula: string, position: number, nl?: Record<string, string>][] = [
    ['y ~ 1 + (x | g', 14], // expected text holds ')' (it broke a regex that stripped the position)
    ['y ~ 1 + foo(x)', 8],
    ['y ~ 1 + I(x', 11],
    ['y | se( ~ 1', 8],
    ['y ~ x + + (1 | g)', 8],
    ['y ~ a * (x', 10, { a: '1' }],
  ];
  it.each(cases)('%s', (formula, position, nl) => {
    const e = thrown(FormulaError, () => compile({ formula, ...(nl ? { nl } : {}) }, data));
    expect(e.position).toBe(position);
    expect(e.source).toBe(formula);
    expect(e.message.match(/at position \d+ \(expected/g)).toHaveLength(1);
    expect(e.message.split(' in "')).toHaveLength(2);
    expect(e.message.endsWith(`at position ${position} (expected ${e.expected}) in "${formula}"`)).toBe(true);
  });
});
