/**
 * Checks of a spec against itself and the data's column names that the parsers cannot make alone:
 * each catches a model that would otherwise be accepted and fit badly, or be refused with a message
 * that does not say what to change.
 */
import { SpecError } from '../errors.js';
import type { ExprNode } from '../expr/index.js';
import { parseExpression, variablesOf } from '../expr/index.js';
import type { Rhs, Term } from '../formula/index.js';
import { printGroupTerm, printTerm } from '../formula/index.js';
import { getFunction } from '../functions/index.js';

/**
 * The response used as a predictor (`y ~ 1 + y`, inside an interaction, I(...) or a group term) fits
 * it perfectly: sigma goes to 0 and the sampler diverges. Refused, naming the term.
 */
export function checkResponseNotPredictor(response: string, predictors: { nlpar: string | null; rhs: Rhs }[], expression: ExprNode | null): void {
  const fail = (where: string, path: string): never => {
    throw new SpecError(`the response '${response}' also appears on the right-hand side, ${where}; a column cannot predict itself`, path);
  };
  if (expression && variablesOf(expression).includes(response)) fail('in the nonlinear formula', 'spec.formula');
  for (const { nlpar, rhs } of predictors) {
    const path = nlpar ? `spec.nl.${nlpar}` : 'spec.formula';
    const inNl = nlpar ? ` of the formula of nonlinear parameter "${nlpar}"` : '';
    const term = rhs.terms.find((t) => termUses(t, response));
    if (term) fail(`in term '${printTerm(term)}'${inNl}`, path);
    const offset = (rhs.offsets ?? []).find((o) => variablesOf(o.expr).includes(response));
    if (offset) fail(`in term 'offset(${offset.text})'${inNl}`, path);
    const group = rhs.groups.find((g) => g.grouping.includes(response) || g.rhs.terms.some((t) => termUses(t, response)));
    if (group) fail(`in group term '${printGroupTerm(group)}'${inNl}`, path);
  }
}

function termUses(term: Term, column: string): boolean {
  return term.factors.some((v) => (v.kind === 'I' ? variablesOf(v.expr).includes(column) : v.name === column));
}

/** A nonlinear parameter named like a data column is ambiguous in the expression: which is meant? */
export function checkParametersNotColumns(nlNames: string[], hasColumn: (name: string) => boolean): void {
  for (const name of nlNames) {
    if (hasColumn(name)) throw new SpecError(`'${name}' is both a nonlinear parameter in nl and a data column; rename the parameter`, `spec.nl.${name}`);
  }
}

/**
 * For a formula without "nl" whose right side is not a linear formula: when it is an expression calling
 * a growth function (SSlogis(age, Asym, xmid, scal)), the error that says to give the parameters in
 * "nl" (the spec has no default for them); otherwise null, and the formula parser's error stands.
 * The parameters are the names in the call that are not data columns.
 */
export function nonlinearWithoutNl(rhsText: string, hasColumn: () => (name: string) => boolean): SpecError | null {
  let expression: ExprNode;
  try {
    expression = parseExpression(rhsText);
  } catch {
    return null;
  }
  const call = findLibraryCall(expression);
  if (!call) return null;
  const isColumn = hasColumn();
  const params = [...new Set(call.args.flatMap(variablesOf))].filter((name) => !isColumn(name));
  const fn = getFunction(call.name)!;
  if (params.length === 0) {
    return new SpecError(
      `${call.name}(...) is a nonlinear function: name its parameters (${fn.argNames.join(', ')}) in the call and give each a formula in "nl"`,
      'spec.nl',
    );
  }
  const example = params.map((p) => `"${p}": "1"`).join(', ');
  return new SpecError(
    `${call.name}(...) is a nonlinear function: give its parameters ${params.join(', ')} in "nl", e.g. "nl": {${example}} (a formula such as "1 + (1 | g)" lets one vary by group)`,
    'spec.nl',
  );
}

function findLibraryCall(node: ExprNode): Extract<ExprNode, { type: 'call' }> | null {
  switch (node.type) {
    case 'num':
    case 'var':
      return null;
    case 'neg':
      return findLibraryCall(node.arg);
    case 'binary':
      return findLibraryCall(node.left) ?? findLibraryCall(node.right);
    case 'call':
      if (getFunction(node.name)) return node;
      for (const arg of node.args) {
        const found = findLibraryCall(arg);
        if (found) return found;
      }
      return null;
  }
}
