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
