/**
 * A check of CSV quoting before d3-dsv parses the text. d3-dsv is lenient: a quote that never closes
 * makes one cell of the rest of the file, and whatever follows a closing quote is swallowed as if it
 * were a comma. Both silently lose rows, so we find them first and name where the quote opened.
 * The scan tokenises exactly as d3-dsv does (a quote opens a cell only as the cell's first character;
 * "" inside a quoted cell is a quote; \n, \r\n and a lone \r end a record), so record numbers agree.
 */

const QUOTE = 34;
const COMMA = 44;
const NEWLINE = 10;
const RETURN = 13;

export interface QuoteProblem {
  /** 'unclosed': the quoted cell reaches the end of the text, or runs over line breaks to a quote
   *  followed by something other than a comma or line end; 'text-after': on one line, a closing quote
   *  followed by more text ("ab"c). */
  kind: 'unclosed' | 'text-after';
  /** 0-based record where the quote opens (0 = header, so it is also the 1-based data row). */
  record: number;
  /** 0-based field within that record. */
  field: number;
  /** 1-based line of the text where the quote opens. */
  line: number;
  /** For a bad close: the 1-based line of the closing quote and the character after it. */
  closeLine?: number;
  after?: string;
}

/** The first quoting problem in `text`, or null when every quoted cell closes properly. */
export function findQuoteProblem(text: string): QuoteProblem | null {
  // Most files quote nothing: one native search instead of a scan.
  if (text.indexOf('"') < 0) return null;
  const n = text.length;
  let i = 0;
  let record = 0;
  let field = 0;
  let line = 1;
  while (i < n) {
    // i is at the start of a cell.
    if (text.charCodeAt(i) === QUOTE) {
      const openLine = line;
      let j = i + 1;
      for (;;) {
        if (j >= n) return { kind: 'unclosed', record, field, line: openLine };
        const c = text.charCodeAt(j);
        if (c === QUOTE) {
          if (text.charCodeAt(j + 1) !== QUOTE) break;
          j += 2;
          continue;
        }
        if (c === NEWLINE || (c === RETURN && text.charCodeAt(j + 1) !== NEWLINE)) line++;
        j++;
      }
      i = j + 1; // just past the closing quote
      if (i >= n) return null;
      const c = text.charCodeAt(i);
      if (c !== COMMA && c !== NEWLINE && c !== RETURN) {
        const kind = line > openLine ? 'unclosed' : 'text-after';
        return { kind, record, field, line: openLine, closeLine: line, after: text[i] };
      }
    } else {
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === NEWLINE || c === RETURN) break;
        i++;
      }
      if (i >= n) return null;
    }
    // i is at a comma or a line end.
    const c = text.charCodeAt(i++);
    if (c === COMMA) {
      field++;
    } else {
      if (c === RETURN && text.charCodeAt(i) === NEWLINE) i++;
      record++;
      field = 0;
      line++;
    }
  }
  return null;
}
