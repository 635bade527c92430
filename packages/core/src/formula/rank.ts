/**
 * Rank checks for the fixed-effect matrix: a column that is all zeros, repeats an earlier column or is a
 * linear combination of earlier ones has no identified coefficient, so it is refused with a SpecError
 * naming the column and its term rather than left to produce a degenerate posterior.
 */
import { SpecError } from '../errors.js';

/** Residual norm below this fraction of a column's own norm means "in the span of earlier columns". */
const RELATIVE_TOLERANCE = 1e-9;

/** `columns` are column vectors; `names` and `terms` label them for the message. */
export function checkFullRank(columns: Float64Array[], names: string[], terms: string[]): void {
  const basis: Float64Array[] = [];
  columns.forEach((col, j) => {
    const where = `fixed effect '${names[j]}' (term '${terms[j]}')`;
    const norm = norm2(col);
    if (norm === 0) {
      throw new SpecError(`${where} is zero in every row (for an interaction: that combination of factor levels never occurs); drop the term`, 'formula');
    }
    const twin = columns.slice(0, j).findIndex((earlier) => equal(earlier, col));
    if (twin !== -1) throw new SpecError(`${where} is identical to '${names[twin]}' (term '${terms[twin]}'); drop one of them`, 'formula');
    const residual = orthogonalise(col, basis);
    const rest = norm2(residual);
    if (rest <= RELATIVE_TOLERANCE * norm) {
      const rows = col.length < columns.length ? ` (there are ${columns.length} columns but only ${col.length} rows)` : '';
      throw new SpecError(`${where} is a linear combination of the columns before it${rows}, so its coefficient is not identified`, 'formula');
    }
    basis.push(residual.map((v) => v / rest));
  });
}

/** Modified Gram-Schmidt, done twice for accuracy ("twice is enough"). */
function orthogonalise(col: Float64Array, basis: Float64Array[]): Float64Array {
  const r = Float64Array.from(col);
  for (let pass = 0; pass < 2; pass++) {
    for (const q of basis) {
      let dot = 0;
      for (let i = 0; i < r.length; i++) dot += q[i] * r[i];
      for (let i = 0; i < r.length; i++) r[i] -= dot * q[i];
    }
  }
  return r;
}

function equal(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Euclidean norm, scaled by the largest entry so that huge or tiny values neither overflow nor underflow. */
function norm2(v: Float64Array): number {
  let scale = 0;
  for (const x of v) scale = Math.max(scale, Math.abs(x));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let sum = 0;
  for (const x of v) {
    const r = x / scale;
    sum += r * r;
  }
  return scale * Math.sqrt(sum);
}
