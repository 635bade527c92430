/** Formulas: lexer, parser, printer, the columns a formula uses, and design matrices. */
export type { Censoring, Formula, GroupTerm, Offset, Response, Rhs, Term, Truncation, Variable } from './ast.js';
export type { AutocorTerm } from './autocor.js';
export { parseAutocor, printAutocor } from './autocor.js';
export type { PolyCoefficients } from './poly.js';
export { groupName, termLabel, variableLabel } from './ast.js';
export { parseFormula, parseResponse, parseRhs, splitFormula } from './parser.js';
export { printFormula, printGroupTerm, printResponse, printRhs, printTerm, printVariable } from './printer.js';
export { quoteName, isBareName } from './names.js';
export { formulaColumns, mergeUsedColumns, responseColumns, rhsColumns } from './columns.js';
export type { Design, FixedDesign, GroupDesign, PolyRecord } from './design.js';
export { buildDesign } from './design.js';
export type { NewDataDesign, NewDataGroupDesign } from './design-newdata.js';
export { buildNewDataDesign, newDataColumns, prepareNewData } from './design-newdata.js';
