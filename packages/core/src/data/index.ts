/** Data layer: reading tables (CSV, rows, columns), typing columns, and validation with DataError. */
export type { Cell, Column, PreparedTable, PrepareOptions, RawTable, Table, UsedColumns } from './types.js';
export type { TableInput } from './raw.js';
export type { ColumnDescription } from './describe.js';
export { readCsv } from './csv.js';
export { toRawTable } from './raw.js';
export { prepareTable } from './prepare.js';
export { describeColumns, formatColumnDescriptions } from './describe.js';
