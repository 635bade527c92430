/** Public surface of the nonlinear expression language (see packages/core/docs/nonlinear.md). */
export type { BinaryOp, ExprNode } from './ast.js';
export { variablesOf } from './ast.js';
export { parseExpression, MAX_DEPTH } from './parser.js';
export { printExpression } from './printer.js';
export { evaluateExpression } from './evaluate.js';
export { BUILTINS, isBuiltinName } from './builtins.js';
export { resolveFunction, knownFunctionNames } from './resolve.js';
export type { ResolvedFunction } from './resolve.js';
export { differentiate, simplifyExpression } from './differentiate.js';
export { compileNonlinear, nonlinearFromJSON } from './nonlinear.js';
export type { NonlinearModel, NonlinearModelJSON } from './nonlinear.js';
