/**
 * The column planner of a linear predictor: how the generated loops read each design column. A
 * column of ones (the intercept) is never loaded, and a Z column equal to an X column (Days in
 * `Days + (1 + Days | Subject)`) is loaded once, as that X column.
 */
import type { ColumnPlan, ColumnSource, PredictorTerm } from '../codegen/predictor.js';

function column(M: Float64Array, n: number, width: number, k: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = M[i * width + k];
  return out;
}

function isOnes(c: Float64Array): boolean {
  for (let i = 0; i < c.length; i++) if (c[i] !== 1) return false;
  return true;
}

function equal(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function planColumns(n: number, p: number, X: Float64Array, terms: PredictorTerm[], offset?: Float64Array): ColumnPlan {
  const xColumns = Array.from({ length: p }, (_, k) => column(X, n, p, k));
  const fixed: ColumnSource[] = xColumns.map((c, k) => (isOnes(c) ? { kind: 'one' } : { kind: 'x', col: k }));
  const zColumns: (Float64Array | null)[][] = [];
  const termPlans = terms.map((t) => {
    const own: (Float64Array | null)[] = [];
    const plan = Array.from({ length: t.q }, (_, k): ColumnSource | { kind: 'z' } => {
      const z = column(t.Z, n, t.q, k);
      own.push(null);
      if (isOnes(z)) return { kind: 'one' };
      const same = xColumns.findIndex((c, j) => fixed[j].kind === 'x' && equal(c, z));
      if (same >= 0) return { kind: 'x', col: same };
      own[k] = z;
      return { kind: 'z' };
    });
    zColumns.push(own);
    return plan;
  });
  const offsets = terms.map((t) => Int32Array.from(t.index, (g) => g * t.q));
  return { xColumns, zColumns, offsets, fixed, terms: termPlans, ...(offset ? { offset } : {}) };
}
