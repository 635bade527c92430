/** Reading CSV text into a RawTable (parsing itself is d3-dsv's; this file adds the shape checks). */
import { csvParseRows } from 'd3-dsv';
import { DataError } from '../errors.js';
import { isMissingText } from './cells.js';
import { findQuoteProblem, type QuoteProblem } from './quotes.js';
import type { Cell, RawTable } from './types.js';

/**
 * Parse CSV text with a header row. Cells stay text, except missing values (empty, NA, NaN) which
 * become null. Throws DataError on an empty file, a header without data rows, an empty or duplicate
 * column name, rows whose field count differs from the header's (naming the 1-based data row), and a
 * quote that does not close properly (naming the row and column where it opens).
 */
export function readCsv(text: string): RawTable {
  const source = stripByteOrderMark(text);
  const problem = findQuoteProblem(source);
  if (problem) throw quoteError(problem, source);
  const records = csvParseRows(source);
  // Trailing blank lines are an artefact of how files end, not data.
  while (records.length > 0 && isBlankRecord(records[records.length - 1])) records.pop();
  if (records.length === 0) throw new DataError('the CSV data is empty: there is no header row');
  const names = checkHeader(records[0]);
  if (records.length === 1) {
    throw new DataError(`the CSV data has a header (${names.join(', ')}) but no data rows`);
  }
  const rows = records.length - 1;
  const columns: Cell[][] = names.map(() => new Array<Cell>(rows));
  for (let r = 0; r < rows; r++) {
    const record = records[r + 1];
    if (record.length !== names.length) throw raggedRow(record, r + 1, names);
    for (let c = 0; c < names.length; c++) {
      const field = record[c];
      columns[c][r] = isMissingText(field) ? null : field;
    }
  }
  return { names, rows, cells: new Map(names.map((name, c) => [name, columns[c]])) };
}

function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isBlankRecord(record: string[]): boolean {
  return record.length === 1 && record[0].trim() === '';
}

/** Names are trimmed ("a, b" is a common way to write a header); blank or repeated names are errors. */
function checkHeader(fields: string[]): string[] {
  const header = fields.map((name) => name.trim());
  if (header.every((name) => name === '')) {
    throw new DataError('the CSV data has no header row (the first line is blank)');
  }
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === '') {
      throw new DataError(`header field ${i + 1} of the CSV data is empty: every column needs a name`);
    }
    if (seen.has(name)) {
      throw new DataError(`duplicate column name '${name}' in the CSV header (field ${i + 1})`, { column: name });
    }
    seen.add(name);
  });
  return header;
}

function raggedRow(record: string[], row: number, names: string[]): DataError {
  const fields = record.length === 1 && record[0] === '' ? 'is blank' : `has ${record.length} field${record.length === 1 ? '' : 's'}`;
  // Name the first column the row fails to fill (or, for an over-long row, the last one it has).
  const column = names[Math.min(record.length, names.length - 1)];
  return new DataError(`row ${row} of the CSV data ${fields} but the header has ${names.length} (${names.join(', ')})`, {
    column,
    row,
  });
}

/** The DataError for a quoting problem, naming the row and column (from the header) where the quote opens. */
function quoteError(p: QuoteProblem, text: string): DataError {
  // Records before the problem parse the same either way, so the header can be read from the text.
  const header = p.record > 0 ? csvParseRows(text)[0].map((name) => name.trim()) : [];
  const column = p.field < header.length && header[p.field] !== '' ? header[p.field] : undefined;
  const cell = column !== undefined ? `column '${column}'` : `field ${p.field + 1}`;
  const where = p.record === 0 ? `the CSV header, field ${p.field + 1}` : `row ${p.record}, ${cell}`;
  const at = `${where} (line ${p.line} of the file)`;
  const loc = { ...(column !== undefined ? { column } : {}), ...(p.record > 0 ? { row: p.record } : {}) };
  if (p.kind === 'text-after') {
    return new DataError(`${at}: text after the closing quote of a quoted cell (${JSON.stringify(p.after)}); inside a quoted cell write a quote as ""`, loc);
  }
  const rest =
    p.closeLine === undefined
      ? 'the quoted cell that opens there has no closing quote, so it would take in the rest of the file'
      : `the quoted cell that opens there runs on to line ${p.closeLine}, where a quote is followed by ${JSON.stringify(p.after)} instead of a comma or line end`;
  return new DataError(`unclosed quote in ${at}: ${rest}`, loc);
}
