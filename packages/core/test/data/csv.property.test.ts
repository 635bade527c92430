import { csvFormatRows } from 'd3-dsv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareTable, readCsv, toRawTable } from '../../src/data/index.js';
import { DataError, SpecError } from '../../src/errors.js';

const RUNS = 10_000;

/** Characters that matter to CSV: separators, quotes, line ends, missing markers, digits, signs. */
const csvChar = fc.constantFrom(...'a,b,"\n\r 1.5e-3NAN\t-+x,,\n'.split(''), 'NA', 'NaN', '""', '\uFEFF');
const csvLike = fc.array(csvChar, { maxLength: 60 }).map((parts) => parts.join(''));

/** Read and prepare with every column used; only DataError (or nothing) may come out. */
function readAndPrepare(text: string): void {
  const raw = readCsv(text);
  prepareTable(raw, { numeric: [], factor: [], any: raw.names }, { na: 'drop' });
}

function onlyDataErrors(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    // a DataError must name its row with a positive whole number when it names one
    if (e.row !== undefined) expect(Number.isInteger(e.row) && e.row >= 1).toBe(true);
  }
}

describe('readCsv on arbitrary input', () => {
  it('throws nothing but DataError on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => onlyDataErrors(() => readAndPrepare(s))), { numRuns: RUNS });
  });

  it('throws nothing but DataError on CSV-like strings', () => {
    fc.assert(fc.property(csvLike, (s) => onlyDataErrors(() => readAndPrepare(s))), { numRuns: RUNS });
  });

  it('throws nothing but DataError (or SpecError for options) on arbitrary JS values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(fc.dictionary(fc.string({ maxLength: 3 }), fc.anything(), { maxKeys: 3 }), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.anything(), { maxKeys: 3 })), (input) => {
        try {
          const raw = toRawTable(input as never);
          prepareTable(raw, { numeric: [], factor: [], any: raw.names }, { na: 'drop' });
        } catch (e) {
          if (!(e instanceof DataError) && !(e instanceof SpecError)) throw e;
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('readCsv round trip', () => {
  // Cells that survive as text: anything except blanks / NA / NaN, which read as missing.
  const cell = fc.string({ maxLength: 6 }).filter((s) => !['', 'NA', 'NaN'].includes(s.trim()));
  const name = fc.string({ minLength: 1, maxLength: 5 }).filter((s) => s.trim() === s && s !== '' && !s.startsWith('\uFEFF'));

  it('reads back what d3-dsv writes', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 1, maxLength: 4 }).chain((names) =>
          fc.tuple(fc.constant(names), fc.array(fc.array(cell, { minLength: names.length, maxLength: names.length }), { minLength: 1, maxLength: 5 })),
        ),
        ([names, rows]) => {
          const t = readCsv(csvFormatRows([names, ...rows]));
          expect(t.names).toEqual(names);
          expect(t.rows).toBe(rows.length);
          names.forEach((n, c) => expect(t.cells.get(n)).toEqual(rows.map((r) => r[c])));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

/** CSV writing as a spreadsheet does it: a cell is quoted when it must be (or when `always`), quotes doubled. */
function formatCell(cell: string, always: boolean): string {
  return always || /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

describe('readCsv round trip of tables written with quoting where needed', () => {
  const tricky = fc.constantFrom('a', 'B', '1', '.', ' ', ',', '"', '""', '\n', '\r\n', '\r', 'é', '\t');
  const text = (min: number) => fc.array(tricky, { minLength: min, maxLength: 6 }).map((p) => p.join(''));
  // Cells that read back as themselves: not blank, NA or NaN (those are missing values).
  const cell = text(0).filter((s) => !['', 'NA', 'NaN'].includes(s.trim()));
  const name = text(1).filter((s) => s.trim() === s && s !== '');
  const table = fc.uniqueArray(name, { minLength: 1, maxLength: 4 }).chain((names) =>
    fc.record({
      names: fc.constant(names),
      rows: fc.array(fc.array(fc.tuple(cell, fc.boolean()), { minLength: names.length, maxLength: names.length }), { minLength: 1, maxLength: 6 }),
      eol: fc.constantFrom('\n', '\r\n'),
      trailing: fc.boolean(),
    }),
  );

  it('reads back every cell, however it is quoted', () => {
    fc.assert(
      fc.property(table, ({ names, rows, eol, trailing }) => {
        const lines = [names.map((n) => formatCell(n, false)), ...rows.map((r) => r.map(([c, always]) => formatCell(c, always)))];
        const t = readCsv(lines.map((l) => l.join(',')).join(eol) + (trailing ? eol : ''));
        expect(t.names).toEqual(names);
        expect(t.rows).toBe(rows.length);
        names.forEach((n, c) => expect(t.cells.get(n)).toEqual(rows.map((r) => r[c][0])));
      }),
      { numRuns: 2_000 },
    );
  });

  it('names the row and column of a quote left open', () => {
    const plain = fc.stringMatching(/^[a-z0-9 .]{1,5}$/).filter((s) => !['NA', 'NaN'].includes(s.trim()) && s.trim() !== '');
    const grid = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,4}$/), { minLength: 1, maxLength: 4 }).chain((names) =>
      fc.record({
        names: fc.constant(names),
        rows: fc.array(fc.array(plain, { minLength: names.length, maxLength: names.length }), { minLength: 1, maxLength: 8 }),
        at: fc.tuple(fc.nat(), fc.nat()),
      }),
    );
    fc.assert(
      fc.property(grid, ({ names, rows, at }) => {
        const r = at[0] % rows.length;
        const c = at[1] % names.length;
        const lines = rows.map((row, i) => row.map((cellText, j) => (i === r && j === c ? `"${cellText}` : cellText)).join(','));
        try {
          readCsv([names.join(','), ...lines].join('\n') + '\n');
        } catch (e) {
          expect(e).toBeInstanceOf(DataError);
          expect((e as DataError).row).toBe(r + 1);
          expect((e as DataError).column).toBe(names[c]);
          expect((e as Error).message).toContain(`unclosed quote in row ${r + 1}, column '${names[c]}'`);
          return;
        }
        throw new Error('an unclosed quote was accepted');
      }),
      { numRuns: 1_000 },
    );
  });
});
