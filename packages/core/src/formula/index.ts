/** Formulas: lexer, parser, printer, the columns a formula uses, and design matrices. */
export type { Formula, GroupTerm, Response, Rhs, Term, Variable } from './ast.js';
export { groupName, termLabel, variableLabel } from './ast.js';
export { parseFormula, parseResponse, parseRhs, splitFormula } from './parser.js';
export { printFormula, printGroupTerm, printResponse, printRhs, printTerm, printVariable } from './printer.js';
export { quoteName, isBareName } from './names.js';
export { formulaColumns, mergeUsedColumns, responseColumns, rhsColumns } from './columns.js';
export type { Design, FixedDesign, GroupDesign, NewDataDesign, NewDataGroupDesign } from './design.js';
export { buildDesign, buildNewDataDesign, newDataColumns, prepareNewData } from './design.js';
