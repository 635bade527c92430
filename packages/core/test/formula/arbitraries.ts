/** fast-check generators of canonical formula trees (what the parser produces) and of near-valid text. */
import fc from 'fast-check';
import { parseExpression, printExpression } from '../../src/expr/index.js';
import type { Formula, GroupTerm, Response, Rhs, Term, Variable } from '../../src/formula/index.js';

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
export const groupTerm: fc.Arbitrary<GroupTerm> = fc
  .record({ rhs: groupRhs, correlated: fc.boolean(), grouping: fc.uniqueArray(columnName, { minLength: 1, maxLength: 3 }) })
  .map((g) => ({ ...g }));

export const rhs: fc.Arbitrary<Rhs> = fc
  .record({ intercept: fc.boolean(), terms, groups: fc.uniqueArray(groupTerm, { maxLength: 3, selector: (g) => JSON.stringify(g) }) })
  .map((r) => ({ ...r }));

export const response: fc.Arbitrary<Response> = fc
  .record(
    {
      column: columnName,
      se: columnName,
      trials: fc.oneof(columnName, fc.nat({ max: 1_000_000 })),
    },
    { requiredKeys: ['column'] },
  )
  .map((r) => ({ ...r }) as Response);

export const formula: fc.Arbitrary<Formula> = fc.record({ response: fc.option(response, { nil: null }), rhs }).map((f) => ({ ...f }));

/** Text from formula tokens, so that many strings are valid or nearly so. */
const formulaToken = fc.constantFrom(
  'y', 'x', 'g', 'a', 'b', ' ', ' ', '~', '+', '-', '*', '/', ':', '^', '|', '||', '(', ')', '0', '1', '2',
  'I(', 'x^2', 'se(', 'trials(', '`', '`w n`', 'log(', ',', '.', '\\', '\n', '1.5', 'e3',
);
export const formulaLike = fc.array(formulaToken, { maxLength: 25 }).map((parts) => parts.join(''));
