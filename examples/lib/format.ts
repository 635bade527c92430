/** Plain-text formatting for the examples' output: numbers, intervals, aligned tables, headings. */

/** A number rounded to `digits` significant digits (no exponent notation; integers keep all their digits). */
export function num(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return x.toFixed(Math.min(decimals, 10));
}

/** `mean [lower, upper]`, each with `digits` significant digits. */
export function interval(mean: number, lower: number, upper: number, digits = 3): string {
  return `${num(mean, digits)} [${num(lower, digits)}, ${num(upper, digits)}]`;
}

/** A Fit estimate row (fixef, varCorr, estimates, coef, ...) as `mean [q5, q95]`. */
export function estimateText(e: { mean: number; q5: number; q95: number }, digits = 3): string {
  return interval(e.mean, e.q5, e.q95, digits);
}

/** Percent with one decimal. */
export function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/**
 * An aligned text table. `align` gives 'l' or 'r' per column; by default the first column is
 * left-aligned and the others right-aligned.
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[], align?: string): string {
  const all = [header, ...rows];
  const widths = header.map((_, j) => Math.max(...all.map((r) => (r[j] ?? '').length)));
  const left = (j: number) => (align ? align[j] === 'l' : j === 0);
  const line = (r: readonly string[]) =>
    r.map((cell, j) => (left(j) ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** A heading line underlined with '='. */
export function heading(text: string): string {
  return `\n${text}\n${'='.repeat(text.length)}`;
}

/** A sub-heading line underlined with '-'. */
export function subheading(text: string): string {
  return `\n${text}\n${'-'.repeat(text.length)}`;
}

/** Wraps prose at `width` columns. */
export function wrap(text: string, width = 100): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    out.push(line);
  }
  return out.join('\n');
}
