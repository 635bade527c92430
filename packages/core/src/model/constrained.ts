/**
 * The constrained vector: what compile().constrain() returns and what every results module reads.
 * Its order (brms's) is written here once, names and positions together: b_* of every predictor,
 * sd_* of every group term, cor_* of the correlated terms, the family's auxiliary parameters, then
 * r_* term by term, level-major (levels x q, as the density stores r).
 */
import { correlationFromCholesky } from '../transforms/index.js';
import { corName, ranefName } from './names.js';

/** What the order needs of layout.ts's blocks (structural, so this module does not import the layout). */
interface Named {
  name: string;
}
interface GroupTermShape {
  nlpar: string | null;
  q: number;
  sd: Named[];
  corOffset: number;
  design: { group: string; coefNames: string[]; levels: string[] };
}

/** Where one group term's quantities sit in the constrained vector. */
export interface ConstrainedGroup {
  /** Index of each coefficient's sd. */
  sd: number[];
  /** Index of cor[0,1] (then cor[0,2], ..., cor[1,2], ...: upper triangle row by row), or -1 without correlations. */
  cor: number;
  /** Index of r[level 0, coef 0]; the block is levels x q, level-major. */
  r: number;
}

export interface ConstrainedLayout {
  /** Names, in order (brms names). */
  names: string[];
  /** Per fixed block (one per linear predictor, structure order): index of each coefficient. */
  beta: number[][];
  /**
   * Index of each scalar auxiliary parameter (sigma, nu, shape), in family.aux order without those a
   * dpars formula models (layout.aux order).
   */
  aux: number[];
  /**
   * Per family.aux entry (all of them, family order): its index here, or -1 when a dpars formula models
   * it (it then varies by observation: NewDataPredictor.familyParameters).
   */
  familyAux: number[];
  /** Per group term, layout.groups order. */
  groups: ConstrainedGroup[];
  /** Per shared block (layout.joint order): index of its cor[0,1], the upper triangle row by row over its Q coefficients. */
  joint: { cor: number; Q: number }[];
}

/** The constrained quantities of one draw, as the density computes them. */
export interface ConstrainedParts {
  betas: Float64Array[];
  aux: Float64Array;
  groups: { tau: Float64Array; L: Float64Array | null; r: Float64Array }[];
  /** The shared blocks' Cholesky factors (Q x Q), layout.joint order. */
  joint: Float64Array[];
}

/** What the order needs of a shared block: its terms (indices into the group terms), in coefficient order. */
interface JointShape {
  terms: number[];
  Q: number;
  group: string;
}

export function buildConstrainedLayout(
  fixed: { params: Named[] }[],
  aux: Named[],
  groups: GroupTermShape[],
  joint: JointShape[] = [],
  modelledAux: readonly boolean[] = aux.map(() => false),
): ConstrainedLayout {
  const names: string[] = [];
  const push = (name: string): number => names.push(name) - 1;
  const beta = fixed.map((f) => f.params.map((p) => push(p.name)));
  const sd = groups.map((g) => g.sd.map((p) => push(p.name)));
  const cor = groups.map((g) => {
    if (g.corOffset < 0) return -1;
    const coefs = g.design.coefNames;
    const first = names.length;
    for (let a = 0; a < g.q; a++) for (let b = a + 1; b < g.q; b++) push(corName(g.design.group, g.nlpar, coefs[a], coefs[b]));
    return first;
  });
  const jointCor = joint.map((b) => {
    const labels = b.terms.flatMap((t) => groups[t].design.coefNames.map((coef) => (groups[t].nlpar ? `${groups[t].nlpar}_${coef}` : coef)));
    const first = names.length;
    for (let a = 0; a < b.Q; a++) for (let c = a + 1; c < b.Q; c++) push(corName(b.group, null, labels[a], labels[c]));
    return { cor: first, Q: b.Q };
  });
  const auxAt = aux.map((p) => push(p.name));
  const r = groups.map((g) => {
    const first = names.length;
    for (const level of g.design.levels) for (const coef of g.design.coefNames) push(ranefName(g.design.group, g.nlpar, level, coef));
    return first;
  });
  let scalar = 0;
  const familyAux = modelledAux.map((modelled) => (modelled ? -1 : auxAt[scalar++]));
  return { names, beta, aux: auxAt, familyAux, groups: groups.map((_, t) => ({ sd: sd[t], cor: cor[t], r: r[t] })), joint: jointCor };
}

/**
 * Writes one draw's constrained values at the layout's positions. `corScratch[t]` is a q x q buffer
 * for each correlated term (null otherwise), `jointScratch[u]` a Q x Q one for each shared block.
 */
export function writeConstrained(layout: ConstrainedLayout, parts: ConstrainedParts, corScratch: (Float64Array | null)[], out: Float64Array, jointScratch: Float64Array[] = []): void {
  parts.betas.forEach((b, k) => {
    const at = layout.beta[k];
    for (let j = 0; j < b.length; j++) out[at[j]] = b[j];
  });
  for (let a = 0; a < layout.aux.length; a++) out[layout.aux[a]] = parts.aux[a];
  parts.groups.forEach((g, t) => {
    const idx = layout.groups[t];
    const q = g.tau.length;
    for (let k = 0; k < q; k++) out[idx.sd[k]] = g.tau[k];
    const omega = corScratch[t];
    if (idx.cor >= 0 && omega && g.L) {
      correlationFromCholesky(g.L, q, omega);
      let c = idx.cor;
      for (let a = 0; a < q; a++) for (let b = a + 1; b < q; b++) out[c++] = omega[a * q + b];
    }
    out.set(g.r, idx.r);
  });
  parts.joint.forEach((L, u) => {
    const { cor, Q } = layout.joint[u];
    const omega = jointScratch[u];
    correlationFromCholesky(L, Q, omega);
    let c = cor;
    for (let a = 0; a < Q; a++) for (let b = a + 1; b < Q; b++) out[c++] = omega[a * Q + b];
  });
}
