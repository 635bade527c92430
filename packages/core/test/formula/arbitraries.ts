/** fast-check generators of canonical formula trees (what the parser produces) and of near-valid text. */
import fc from 'fast-check';
import { parseExpression, printExpression } from '../../src/expr/index.js';
import type { Formula, GroupTerm, Response, Rhs, Term, Variable } from '../../src/formula/index.js';
import type { AutocorTerm } from '../../src/formula/autocor.js';

/** Column names: ordinary ones, R-style edge cases, and arbitrary text that needs backquotes. */
export const columnName = fc.oneof(
  fc.constantFrom('x', 'y', 'a', 'b', 'Days', 'log_radon', 'x.2', '.x', '_z', 'I', 'se', 'trials', '.'),
  fc.string({ minLength: 1, maxLength: 5 }),
);

const expressionSource = fc.constantFrom('x^2', 'log(x)', 'x * z', 'a + b / 2', '-x', '`w n`^3', 'exp(-(age - 1) / 2)', '(a + b)^2');

export const variable: fc.Arbitrary<Variable> = fc.oneof(
  { weight: 4, arbitrary: columnName.map((name): Variable => ({ kind: 'column', name })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ name: columnName, degree: fc.integer({ min: 1, max: 10 }), raw: fc.boolean() })
      .map(({ name, degree, raw }): Variable => ({ kind: 'poly', name, degree, raw })),
  },
  {
    weight: 1,
    arbitrary: expressionSource.map((source): Variable => {
      const expr = parseExpression(source);
      return { kind: 'I', text: printExpression(expr), expr };
    }),
  },
);

const variableKey = (v: Variable): string => (v.kind === 'column' ? `c:${v.name}` : v.kind === 'I' ? `I:${v.text}` : `p:${v.raw}:${v.degree}:${v.name}`);
const termKey = (t: Term): string => JSON.stringify(t.factors.map(variableKey).sort());

export const term: fc.Arbitrary<Term> = fc.uniqueArray(variable, { minLength: 1, maxLength: 3, selector: variableKey }).map((factors) => ({ factors }));

/** Unique terms in canonical order (by degree, stable), as the parser leaves them. */
const terms = fc
  .uniqueArray(term, { maxLength: 5, selector: termKey })
  .map((ts) => [...ts].sort((x, y) => x.factors.length - y.factors.length));

const groupRhs: fc.Arbitrary<Rhs> = fc
  .record({ intercept: fc.boolean(), terms })
  .map(({ intercept, terms }) => ({ intercept: intercept || terms.length === 0, terms, groups: [] }));

// fc.record builds objects without a prototype; spreading makes them the plain objects the parser makes.
// An ID (a name, or a number as brms allows) implies a correlated term: (terms | id | g).
export const groupTerm: fc.Arbitrary<GroupTerm> = fc
  .record({
    rhs: groupRhs,
    correlated: fc.boolean(),
    grouping: fc.uniqueArray(columnName, { minLength: 1, maxLength: 3 }),
    id: fc.option(fc.oneof(columnName, fc.nat({ max: 99 }).map(String)), { nil: undefined }),
  })
  .map(({ id, correlated, ...g }) => (id === undefined ? { ...g, correlated } : { ...g, correlated: true, id }));

const offset = expressionSource.map((source) => {
  const expr = parseExpression(source);
  return { text: printExpression(expr), expr };
});

export const rhs: fc.Arbitrary<Rhs> = fc
  .record({
    intercept: fc.boolean(),
    terms,
    offsets: fc.uniqueArray(offset, { maxLength: 2, selector: (o) => o.text }),
    groups: fc.uniqueArray(groupTerm, { maxLength: 3, selector: (g) => JSON.stringify(g) }),
  })
  .map(({ offsets, ...r }) => (offsets.length > 0 ? { ...r, offsets } : { ...r }));

const bound = fc.oneof(columnName, fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((v) => !Object.is(v, -0)));

export const response: fc.Arbitrary<Response> = fc
  .record(
    {
      column: columnName,
      se: columnName,
      trials: fc.oneof(columnName, fc.nat({ max: 1_000_000 })),
      cens: fc.record({ column: columnName, y2: columnName }, { requiredKeys: ['column'] }).map((c) => ({ ...c })),
      trunc: fc
        .record({ lb: bound, ub: bound }, { requiredKeys: [] })
        .filter((t) => (t.lb !== undefined || t.ub !== undefined) && !(typeof t.lb === 'number' && typeof t.ub === 'number' && !(t.lb < t.ub)))
        .map((t) => ({ ...t })),
      weights: columnName,
    },
    { requiredKeys: ['column'] },
  )
  .map((r) => ({ ...r }) as Response);

export const autocor: fc.Arbitrary<AutocorTerm> = fc
  .record({ kind: fc.constantFrom('ar' as const, 'car1' as const), time: fc.option(columnName, { nil: null }), gr: fc.option(columnName, { nil: null }) })
  .map(({ kind, time, gr }) => ({ kind, time: kind === 'car1' && time === null ? 't' : time, gr, p: 1 as const }));

export const formula: fc.Arbitrary<Formula> = fc.record({ response: fc.option(response, { nil: null }), rhs }).map((f) => ({ ...f }));

/** Text from formula tokens, so that many strings are valid or nearly so. */
const formulaToken = fc.constantFrom(
  'y', 'x', 'g', 'a', 'b', ' ', ' ', '~', '+', '-', '*', '/', ':', '^', '|', '||', '(', ')', '0', '1', '2',
  'I(', 'x^2', 'se(', 'trials(', '`', '`w n`', 'log(', ',', '.', '\\', '\n', '1.5', 'e3',
  'poly(', 'raw = TRUE', 'offset(', 'cens(', 'trunc(', 'lb = ', 'weights(', '=', '| p |',
);
export const formulaLike = fc.array(formulaToken, { maxLength: 25 }).map((parts) => parts.join(''));
