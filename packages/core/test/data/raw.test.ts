import { describe, expect, it } from 'vitest';
import { toRawTable } from '../../src/data/index.js';
import { DataError } from '../../src/errors.js';
import { thrown } from './expect-error.js';

const dataError = (fn: () => unknown): DataError => thrown(DataError, fn);

describe('toRawTable', () => {
  it('reads CSV text', () => {
    expect(toRawTable('a\n1').cells.get('a')).toEqual(['1']);
  });

  it('reads an array of row objects, keeping numbers and mapping missing values to null', () => {
    const t = toRawTable([
      { y: 1, g: 'a', ok: true },
      { y: NaN, g: 'NA', ok: false },
      { y: 3, g: null, ok: true },
    ]);
    expect(t.names).toEqual(['y', 'g', 'ok']);
    expect(t.rows).toBe(3);
    expect(t.cells.get('y')).toEqual([1, null, 3]);
    expect(t.cells.get('g')).toEqual(['a', null, null]);
    expect(t.cells.get('ok')).toEqual(['TRUE', 'FALSE', 'TRUE']);
  });

  it('reads an object of columns, typed arrays included', () => {
    const t = toRawTable({ y: new Float64Array([1, 2]), g: ['a', undefined] as unknown[] });
    expect(t.rows).toBe(2);
    expect(t.cells.get('y')).toEqual([1, 2]);
    expect(t.cells.get('g')).toEqual(['a', null]);
  });

  it('rejects rows with fields missing or extra, naming column and row', () => {
    const missing = dataError(() => toRawTable([{ y: 1, x: 2 }, { y: 3 }]));
    expect([missing.column, missing.row]).toEqual(['x', 2]);
    const extra = dataError(() => toRawTable([{ y: 1 }, { y: 2 }, { y: 3, z: 4 }]));
    expect([extra.column, extra.row]).toEqual(['z', 3]);
  });

  it('rejects columns of different lengths, naming the column', () => {
    const e = dataError(() => toRawTable({ y: [1, 2, 3], x: [1, 2] }));
    expect(e.column).toBe('x');
    expect(e.message).toMatch(/has 2 values but column 'y' has 3/);
  });

  it('rejects empty data and cells that are neither numbers, text nor booleans', () => {
    expect(dataError(() => toRawTable([])).message).toMatch(/no rows/);
    expect(dataError(() => toRawTable({})).message).toMatch(/no columns/);
    expect(dataError(() => toRawTable({ y: [] })).message).toMatch(/no rows/);
    expect(dataError(() => toRawTable([{}])).message).toMatch(/no columns/);
    const nested = dataError(() => toRawTable([{ y: 1 }, { y: { v: 2 } }]));
    expect([nested.column, nested.row]).toEqual(['y', 2]);
    expect(dataError(() => toRawTable({ y: 'abc' } as never)).column).toBe('y');
    expect(dataError(() => toRawTable([1, 2] as never)).row).toBe(1);
    expect(dataError(() => toRawTable(42 as never)).message).toMatch(/must be CSV text/);
  });
});
