/**
 * Types of the data layer: a raw table as read (untyped cells) and a prepared table whose columns are
 * either numeric vectors or factors (integer codes into levels in order of appearance).
 */

/** One cell as read. `null` is a missing value (empty cell, NA, NaN). */
export type Cell = number | string | null;

/** An untyped table as read from CSV or JS values; every column has `rows` cells. */
export interface RawTable {
  names: string[];
  rows: number;
  cells: Map<string, Cell[]>;
}

export type Column =
  | { kind: 'numeric'; name: string; values: Float64Array }
  | { kind: 'factor'; name: string; levels: string[]; codes: Int32Array };

export interface Table {
  nrow: number;
  columns: Map<string, Column>;
  /**
   * 1-based row numbers of the source data for each table row (they differ from 1..nrow once rows with
   * missing values were dropped), so later checks can still name the row the user sees.
   */
  sourceRows?: Int32Array;
}

export interface PrepareOptions {
  /** Columns to treat as factors even if every value looks like a number. */
  factors?: string[];
  /** 'error' (default): a missing value in a used column is a DataError; 'drop': drop such rows. */
  na?: 'error' | 'drop';
  /**
   * Level order of factor columns (the first is the reference level), e.g. { Sex: ['Female', 'Male'] }.
   * Without it a factor's levels are in order of first appearance.
   */
  levels?: Record<string, readonly string[]>;
}

/**
 * Columns a model uses, by how they are used: `numeric` must hold numbers (response, se(), trials(),
 * variables inside I()); `factor` are grouping factors (always factors); `any` are fixed/group-level
 * predictors whose type is inferred from the data.
 */
export interface UsedColumns {
  numeric: string[];
  factor: string[];
  any: string[];
}

export interface PreparedTable {
  table: Table;
  /** Number of rows dropped because of missing values (only with na: 'drop'). */
  dropped: number;
  /** 1-based source row numbers of the dropped rows. */
  droppedRows: number[];
}
