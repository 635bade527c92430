import { describe, expect, it } from 'vitest';
import { describeColumns, formatColumnDescriptions, prepareTable, readCsv, toRawTable } from '../../src/data/index.js';
import type { Column, UsedColumns } from '../../src/data/index.js';
import { DataError, SpecError } from '../../src/errors.js';
import { thrown } from './expect-error.js';

const used = (u: Partial<UsedColumns>): UsedColumns => ({ numeric: [], factor: [], any: [], ...u });
const dataError = (fn: () => unknown): DataError => thrown(DataError, fn);

function numeric(col: Column | undefined): number[] {
  if (col?.kind !== 'numeric') throw new Error(`expected a numeric column, got ${col?.kind}`);
  return [...col.values];
}
function factor(col: Column | undefined): { levels: string[]; codes: number[] } {
  if (col?.kind !== 'factor') throw new Error(`expected a factor column, got ${col?.kind}`);
  return { levels: col.levels, codes: [...col.codes] };
}

const CSV = 'y,x,g,f\n1.5,10,308,b\n2,20,309,a\n3,30,308,b\n';

describe('prepareTable', () => {
  it('infers numeric and factor columns; factor levels in order of appearance', () => {
    const { table, dropped } = prepareTable(readCsv(CSV), used({ numeric: ['y'], any: ['x', 'f'] }));
    expect(dropped).toBe(0);
    expect(table.nrow).toBe(3);
    expect(numeric(table.columns.get('y'))).toEqual([1.5, 2, 3]);
    expect(numeric(table.columns.get('x'))).toEqual([10, 20, 30]);
    expect(factor(table.columns.get('f'))).toEqual({ levels: ['b', 'a'], codes: [0, 1, 0] });
  });

  it('keeps only the used columns, in the order of the data', () => {
    const { table } = prepareTable(readCsv(CSV), used({ any: ['f', 'y'] }));
    expect([...table.columns.keys()]).toEqual(['y', 'f']);
  });

  it('makes grouping columns factors even when they look numeric, keeping the text labels', () => {
    const { table } = prepareTable(readCsv(CSV), used({ factor: ['g'] }));
    expect(factor(table.columns.get('g'))).toEqual({ levels: ['308', '309'], codes: [0, 1, 0] });
    // numbers given as JS numbers become the same labels
    const fromRows = prepareTable(toRawTable([{ g: 308 }, { g: 309.5 }]), used({ factor: ['g'] })).table;
    expect(factor(fromRows.columns.get('g')).levels).toEqual(['308', '309.5']);
  });

  it('types a column used both as predictor and grouping factor by its content', () => {
    const { table } = prepareTable(readCsv(CSV), used({ factor: ['x'], any: ['x'] }));
    expect(table.columns.get('x')?.kind).toBe('numeric');
  });

  it('honours declared factors', () => {
    const { table } = prepareTable(readCsv(CSV), used({ any: ['x'] }), { factors: ['x'] });
    expect(factor(table.columns.get('x')).levels).toEqual(['10', '20', '30']);
  });

  it('rejects a declared factor used as a number, and an unknown declared factor', () => {
    const e = dataError(() => prepareTable(readCsv(CSV), used({ numeric: ['x'] }), { factors: ['x'] }));
    expect(e.column).toBe('x');
    expect(e.message).toMatch(/declared a factor but the model uses it as a number/);
    expect(dataError(() => prepareTable(readCsv(CSV), used({ any: ['x'] }), { factors: ['nope'] })).column).toBe('nope');
  });

  it('names a missing column and lists the available ones', () => {
    const e = dataError(() => prepareTable(readCsv(CSV), used({ any: ['Days'] })));
    expect(e.column).toBe('Days');
    expect(e.message).toBe("column 'Days' is not in the data (available: y, x, g, f)");
  });

  it('rejects text in a column that must be numeric, naming column and row', () => {
    const e = dataError(() => prepareTable(readCsv('y,x\n1,2\n2,3\nabc,4\n'), used({ numeric: ['y'], any: ['x'] })));
    expect([e.column, e.row]).toEqual(['y', 3]);
    expect(e.message).toMatch(/column 'y' must be numeric but row 3 holds "abc"/);
    const hex = dataError(() => prepareTable(readCsv('y\n1\n0x10\n'), used({ numeric: ['y'] })));
    expect([hex.column, hex.row]).toEqual(['y', 2]);
    const inf = dataError(() => prepareTable(readCsv('y\n1\nInf\n'), used({ numeric: ['y'] })));
    expect([inf.column, inf.row]).toEqual(['y', 2]);
  });

  it('rejects infinite JS numbers wherever they are used', () => {
    const e = dataError(() => prepareTable(toRawTable({ x: [1, Infinity] }), used({ any: ['x'] })));
    expect([e.column, e.row]).toEqual(['x', 2]);
  });

  it('rejects missing values in used columns by default, naming column and row', () => {
    for (const cell of ['', 'NA', 'NaN']) {
      const e = dataError(() => prepareTable(readCsv(`y,x,z\n1,2,\n2,${cell},\n`), used({ numeric: ['y'], any: ['x'] })));
      expect([e.column, e.row]).toEqual(['x', 2]);
      expect(e.message).toMatch(/missing value .* at row 2.*na: "drop"/);
    }
  });

  it('ignores missing values in unused columns', () => {
    const { table } = prepareTable(readCsv('y,z\n1,\n2,NA\n'), used({ numeric: ['y'] }));
    expect(table.nrow).toBe(2);
  });

  it('drops rows with missing values when asked, reporting count and rows, recomputing levels', () => {
    const raw = readCsv('y,f,z\n1,a,\nNA,b,\n3,c,\n4,,\n5,b,\n');
    const { table, dropped, droppedRows } = prepareTable(raw, used({ numeric: ['y'], any: ['f'] }), { na: 'drop' });
    expect(dropped).toBe(2);
    expect(droppedRows).toEqual([2, 4]);
    expect(table.nrow).toBe(3);
    expect(numeric(table.columns.get('y'))).toEqual([1, 3, 5]);
    expect(factor(table.columns.get('f'))).toEqual({ levels: ['a', 'c', 'b'], codes: [0, 1, 2] });
    expect([...table.sourceRows!]).toEqual([1, 3, 5]);
  });

  it('names the source row of bad text after dropping rows', () => {
    const e = dataError(() => prepareTable(readCsv('y\nNA\n1\nx\n'), used({ numeric: ['y'] }), { na: 'drop' }));
    expect([e.column, e.row]).toEqual(['y', 3]);
  });

  it('fails when dropping leaves no rows, and on an unknown na option', () => {
    expect(dataError(() => prepareTable(readCsv('y\nNA\n\n'), used({ numeric: ['y'] }), { na: 'drop' })).message).toMatch(/no rows remain/);
    expect(() => prepareTable(readCsv(CSV), used({}), { na: 'omit' as never })).toThrow(SpecError);
  });
});

describe('describeColumns', () => {
  it('reports how each column was treated', () => {
    const { table } = prepareTable(readCsv(CSV), used({ numeric: ['y'], factor: ['g'], any: ['f'] }));
    const d = describeColumns(table);
    expect(d).toEqual([
      { column: 'y', kind: 'numeric', min: 1.5, max: 3 },
      { column: 'g', kind: 'factor', levels: ['308', '309'] },
      { column: 'f', kind: 'factor', levels: ['b', 'a'] },
    ]);
    expect(formatColumnDescriptions(d)).toBe('y: numeric (1.5 to 3)\ng: factor, 2 levels (308, 309)\nf: factor, 2 levels (b, a)');
  });
});
