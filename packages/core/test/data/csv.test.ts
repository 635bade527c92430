import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/data/index.js';
import { DataError } from '../../src/errors.js';
import { thrown } from './expect-error.js';

const dataError = (fn: () => unknown): DataError => thrown(DataError, fn);

describe('readCsv', () => {
  it('reads header and cells as text, in column order', () => {
    const t = readCsv('y,x,g\n1.5,2,a\n3,4,b\n');
    expect(t.names).toEqual(['y', 'x', 'g']);
    expect(t.rows).toBe(2);
    expect(t.cells.get('y')).toEqual(['1.5', '3']);
    expect(t.cells.get('g')).toEqual(['a', 'b']);
  });

  it('turns empty, NA and NaN cells into null (missing)', () => {
    const t = readCsv('a,b\n,NA\nNaN, 1 \n');
    expect(t.cells.get('a')).toEqual([null, null]);
    expect(t.cells.get('b')).toEqual([null, ' 1 ']);
  });

  it('handles CRLF line ends, a byte-order mark, quoted fields and trailing blank lines', () => {
    const t = readCsv('\uFEFFname,"note"\r\n"Smith, J","said ""hi"""\r\n\r\n\r\n');
    expect(t.names).toEqual(['name', 'note']);
    expect(t.rows).toBe(1);
    expect(t.cells.get('name')).toEqual(['Smith, J']);
    expect(t.cells.get('note')).toEqual(['said "hi"']);
  });

  it('trims header names', () => {
    expect(readCsv('a, b\n1,2').names).toEqual(['a', 'b']);
  });

  it('rejects an empty file and a blank first line', () => {
    expect(dataError(() => readCsv('')).message).toMatch(/empty: there is no header row/);
    expect(dataError(() => readCsv('\n\n')).message).toMatch(/no header row/);
    expect(dataError(() => readCsv(' ,  \n1,2')).message).toMatch(/no header row/);
  });

  it('rejects a header without data rows', () => {
    const e = dataError(() => readCsv('y,x\n'));
    expect(e.message).toMatch(/header \(y, x\) but no data rows/);
    expect(e.row).toBeUndefined();
  });

  it('rejects a short row, naming the first missing column and the 1-based data row', () => {
    const e = dataError(() => readCsv('y,x,g\n1,2,a\n3,4\n'));
    expect(e.row).toBe(2);
    expect(e.column).toBe('g');
    expect(e.message).toMatch(/row 2 of the CSV data has 2 fields but the header has 3/);
  });

  it('rejects a long row, naming its row', () => {
    const e = dataError(() => readCsv('y,x\n1,2\n3,4\n5,6,7\n'));
    expect(e.row).toBe(3);
    expect(e.column).toBe('x');
    expect(e.message).toMatch(/has 3 fields/);
  });

  it('rejects a blank line inside the data of a multi-column file', () => {
    const e = dataError(() => readCsv('y,x\n1,2\n\n3,4\n'));
    expect(e.row).toBe(2);
    expect(e.message).toMatch(/row 2 of the CSV data is blank/);
  });

  it('reads a blank line in a one-column file as a missing value', () => {
    expect(readCsv('y\n1\n\n3\n').cells.get('y')).toEqual(['1', null, '3']);
  });

  it('rejects duplicate and empty column names, naming the column', () => {
    const dup = dataError(() => readCsv('y,x,y\n1,2,3'));
    expect(dup.column).toBe('y');
    expect(dup.message).toMatch(/duplicate column name 'y'.*field 3/);
    expect(dataError(() => readCsv('y,,x\n1,2,3')).message).toMatch(/header field 2 .* is empty/);
  });
});

describe('readCsv quoting', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `${i}.5,${i},G${i % 5}`).join('\n');

  it('rejects a quote that never closes, naming the row and column where it opens', () => {
    // d3-dsv alone reads `"G4` as one cell holding the rest of the file: 45 of 50 rows vanish.
    const lines = rows(50).split('\n');
    lines[4] = '2.7,0.9,"G4';
    const e = dataError(() => readCsv(`y,x,g\n${lines.join('\n')}\n`));
    expect(e.row).toBe(5);
    expect(e.column).toBe('g');
    expect(e.message).toMatch(/^unclosed quote in row 5, column 'g' \(line 6 of the file\)/);
  });

  it('rejects an unclosed quote that a later quote seems to close, naming where it opens', () => {
    const e = dataError(() => readCsv('y,g\n1,"G4\n2,"G0"\n3,G1\n'));
    expect(e.row).toBe(1);
    expect(e.column).toBe('g');
    expect(e.message).toMatch(/unclosed quote in row 1, column 'g'.*runs on to line 3, where a quote is followed by "G"/);
  });

  it('rejects text after a closing quote on the same line', () => {
    const e = dataError(() => readCsv('y,g\n1,a\n2,"b"c\n'));
    expect(e.row).toBe(2);
    expect(e.message).toMatch(/row 2, column 'g' .*text after the closing quote.*write a quote as ""/);
  });

  it('rejects an unclosed quote in the header without naming a data row', () => {
    const e = dataError(() => readCsv('y,"g\n1,2\n'));
    expect(e.row).toBeUndefined();
    expect(e.message).toMatch(/unclosed quote in the CSV header, field 2/);
  });

  it('counts rows by records, not lines, after a legitimate multi-line quoted cell', () => {
    const e = dataError(() => readCsv('note,g\n"two\nlines",a\nx,"b\n'));
    expect(e.row).toBe(2);
    expect(e.message).toMatch(/row 2, column 'g' \(line 4 of the file\)/);
  });

  it('still reads quoted commas, doubled quotes, newlines and CRLF inside properly closed quotes', () => {
    const t = readCsv('a,b\r\n"x, y","say ""hi""\r\nbye"\r\n"",2\r\n');
    expect(t.rows).toBe(2);
    expect(t.cells.get('a')).toEqual(['x, y', null]);
    expect(t.cells.get('b')).toEqual(['say "hi"\r\nbye', '2']);
  });

  it('keeps a quote inside an unquoted cell as text (as d3-dsv and R do)', () => {
    expect(readCsv('h\n5\'10"\n').cells.get('h')).toEqual(['5\'10"']);
  });
});
