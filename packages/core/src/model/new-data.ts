/**
 * The model's linear predictors on new data (or the training data again), one posterior draw at a
 * time: per linear predictor (the model's, or each nonlinear parameter's) eta_i = X_i beta + sum over
 * group terms of Z_i r, then, for nonlinear models, the stage-1 expression on the new covariates.
 * The group-level effects r enter according to `groups`:
 *   'observed': each row's level's own effect r[level] (a level not in the training data is a DataError
 *               naming the grouping column, the level and the row);
 *   'mixed':    'observed' for seen levels, a fresh effect (as 'new') for unseen ones (brms's
 *               allow_new_levels with sample_new_levels = "gaussian");
 *   'new':      a fresh effect for every level of the new data, r = diag(tau) L z with z ~ N(0, I_q)
 *               drawn independently per level and per draw;
 *   'none':     zero (the population-level prediction X beta).
 * Everything is read through the layouts (constrained.ts for values, layout.ts for the Cholesky
 * factor's unconstrained coordinates), so the results layer never reconstructs the model's internals.
 */
import { dropIntercept } from './ordinal.js';
import { toRawTable, type RawTable, type Table, type TableInput } from '../data/index.js';
import { DataError } from '../errors.js';
import type { RandomSource } from '../families/index.js';
import { buildNewDataDesign, newDataColumns, prepareNewData, type NewDataDesign, type NewDataGroupDesign } from '../formula/index.js';
import { invLinkExt, type ExtLinkName } from '../families/links-ext.js';
import { choleskyCorrConstrain } from '../transforms/index.js';
import type { Layout } from './layout.js';
import type { ModelStructure } from './structure.js';

export type GroupEffects = 'observed' | 'mixed' | 'new' | 'none';

export interface NewDataOptions {
  groups: GroupEffects;
  /** Random source for fresh effects ('new', 'mixed'); required for those modes. */
  rng?: RandomSource | null;
  /**
   * Also read the family's per-row extra column from the new data (binomial trials, the se of
   * gaussian with se()), as posterior predictions need it.
   */
  withExtra?: boolean;
  /** Also read the response column from the new data (residuals on new data need it). */
  withResponse?: boolean;
}

export interface NewDataPredictor {
  /** Rows of the new data. */
  readonly n: number;
  /** Per-row trials (binomial) or se (gaussian with se()) when asked for and the family has one, else null. */
  readonly extra: Float64Array | null;
  /** The new data's response column when asked for (withResponse), else null. */
  readonly response: Float64Array | null;
  /**
   * Writes eta (link scale; the stage-1 mean for nonlinear models) of one draw into out (length n),
   * given the draw's constrained values (constrained.ts order) and its unconstrained vector.
   */
  run(constrained: Float64Array, unconstrained: Float64Array, out: Float64Array): void;
  /** True when some family parameter has a dpars formula, so it varies by row (then use familyParameters). */
  readonly rowVaryingParameters: boolean;
  /**
   * The family's parameters of row i, in family.aux order, for the draw of the last run(): scalars from
   * the draw's constrained values (the same vector run() got), dpars formulas' values through their
   * inverse link. Allocates nothing.
   */
  familyParameters(constrained: Float64Array, i: number, out: Float64Array): void;
  /** The link-scale linear predictor (length n) of the dpars formula for family.aux[auxIndex], from the last run(); null when it has none. */
  dparLinearPredictor(auxIndex: number): Float64Array | null;
}

function isRawTable(x: unknown): x is RawTable {
  return typeof x === 'object' && x !== null && (x as RawTable).cells instanceof Map;
}

function numericColumn(table: Table, name: string): Float64Array {
  const col = table.columns.get(name);
  if (!col || col.kind !== 'numeric') throw new DataError(`column '${name}' of the new data must be numeric`, { column: name });
  return col.values;
}

function checkSeenLevels(designs: NewDataDesign[]): void {
  for (const d of designs) {
    for (const g of d.groups) {
      const j = g.trainingLevel.findIndex((t) => t < 0);
      if (j === -1) continue;
      throw new DataError(
        `column '${g.group}' has level ${JSON.stringify(g.levels[j])} at row ${g.firstRow[j]}, which is not in the training data; ` +
          `use allowNewLevels: true to draw effects for the new levels only (seen levels keep theirs), groups: 'new' to draw fresh effects for every level, ` +
          `or groups: 'none' to predict without group-level effects`,
        { column: g.group, row: g.firstRow[j] },
      );
    }
  }
}

/** The new data's trials or se column, checked as the training data's is. */
function extraColumn(s: ModelStructure, table: Table, n: number): Float64Array | null {
  const trials = s.response.trials;
  if (typeof trials === 'number') return new Float64Array(n).fill(trials);
  const name = typeof trials === 'string' ? trials : (s.response.se ?? null);
  if (name === null) return null;
  const values = numericColumn(table, name);
  if (s.response.se) {
    const bad = values.findIndex((v) => !(v > 0));
    if (bad !== -1) throw new DataError(`column '${name}' (se) must be positive, but row ${bad + 1} holds ${values[bad]}`, { column: name, row: bad + 1 });
  } else {
    const bad = values.findIndex((v) => !(Number.isInteger(v) && v >= 0));
    if (bad !== -1) throw new DataError(`column '${name}' (trials) must hold whole numbers >= 0, but row ${bad + 1} holds ${values[bad]}`, { column: name, row: bad + 1 });
  }
  return values;
}

/** Prepares the new data once (designs with the training coding, covariates) and returns its predictor. */
export function newDataPredictor(s: ModelStructure, layout: Layout, newdata: TableInput | RawTable | undefined, options: NewDataOptions): NewDataPredictor {
  const mode = options.groups;
  const raw = newdata === undefined ? toRawTable(s.usedData) : isRawTable(newdata) ? newdata : toRawTable(newdata);
  const withGroups = mode !== 'none';
  const covariateNames = s.nonlinear ? s.nonlinear.model.covariates : [];
  const trials = s.response.trials;
  const extraName = options.withExtra ? (typeof trials === 'string' ? trials : (s.response.se ?? null)) : null;
  const columns = [...s.predictors.flatMap((p) => newDataColumns(p.rhs, withGroups)), ...covariateNames, ...(extraName ? [extraName] : []), ...(options.withResponse ? [s.response.column] : [])];
  const table = prepareNewData(raw, s.table, columns);
  const designs = s.predictors.map((p) => {
    if (s.family.name !== 'cumulative') return buildNewDataDesign(p.rhs, { design: p.design, table: s.table }, table, { groups: withGroups });
    // the ordinal design dropped its Intercept column (ordinal.ts): build as trained, then drop it again
    const trained = p.rhs.intercept ? { ...p.design, fixed: { ...p.design.fixed, names: ['Intercept', ...p.design.fixed.names] } } : p.design;
    const d = buildNewDataDesign(p.rhs, { design: trained, table: s.table }, table, { groups: withGroups });
    return { ...d, fixed: dropIntercept(d.fixed) };
  });
  if (mode === 'observed') checkSeenLevels(designs);
  const covariates = s.nonlinear ? covariateNames.map((c) => numericColumn(table, c)) : null;
  const extra = options.withExtra ? extraColumn(s, table, table.nrow) : null;
  if ((mode === 'new' || mode === 'mixed') && !options.rng) throw new Error('internal: fresh group-level effects need a random source');
  const response = options.withResponse ? numericColumn(table, s.response.column) : null;
  return new Predictor(s, layout, table.nrow, designs, covariates, extra, response, mode, options.rng ?? null);
}

class Predictor implements NewDataPredictor {
  private readonly phi: Float64Array[];
  private readonly dmu: Float64Array[];
  private readonly L: (Float64Array | null)[];
  private readonly jointL: Float64Array[];
  private readonly z: Float64Array;
  private readonly fresh: Float64Array[];
  /** Layout group t's new-data design (the how-manieth group term of its predictor). */
  private readonly groupDesigns: NewDataGroupDesign[];
  /** The dpars formulas: which family parameter, its link, its predictor. */
  private readonly dpars: { auxIndex: number; link: ExtLinkName; predictor: number }[];
  private readonly linkOut = new Float64Array(2);
  readonly rowVaryingParameters: boolean;

  constructor(
    private readonly s: ModelStructure,
    private readonly layout: Layout,
    readonly n: number,
    private readonly designs: NewDataDesign[],
    private readonly covariates: Float64Array[] | null,
    readonly extra: Float64Array | null,
    readonly response: Float64Array | null,
    private readonly mode: GroupEffects,
    private readonly rng: RandomSource | null,
  ) {
    this.phi = designs.map(() => new Float64Array(n));
    this.dmu = s.nonlinear ? s.nonlinear.model.params.map(() => new Float64Array(n)) : [];
    const blocks = layout.groups;
    this.L = blocks.map((b) => (b.corOffset >= 0 ? new Float64Array(b.q * b.q) : null));
    this.jointL = layout.joint.map((b) => new Float64Array(b.Q * b.Q));
    this.z = new Float64Array(Math.max(1, ...blocks.map((b) => b.q)));
    this.groupDesigns = mode === 'none' ? [] : blocks.map((b, t) => designs[b.predictor].groups[blocks.slice(0, t).filter((o) => o.predictor === b.predictor).length]);
    this.fresh = mode === 'new' || mode === 'mixed' ? blocks.map((b, t) => new Float64Array(this.groupDesigns[t].levels.length * b.q)) : [];
    this.dpars = s.predictors.flatMap((p, k) => (p.dpar ? [{ auxIndex: p.dpar.auxIndex, link: p.dpar.link, predictor: k }] : []));
    this.rowVaryingParameters = this.dpars.length > 0;
  }

  dparLinearPredictor(auxIndex: number): Float64Array | null {
    const d = this.dpars.find((x) => x.auxIndex === auxIndex);
    return d ? this.phi[d.predictor] : null;
  }

  familyParameters(constrained: Float64Array, i: number, out: Float64Array): void {
    const at = this.layout.constrained.familyAux;
    for (let a = 0; a < at.length; a++) if (at[a] >= 0) out[a] = constrained[at[a]];
    for (const d of this.dpars) {
      invLinkExt(d.link, this.phi[d.predictor][i], this.linkOut);
      out[d.auxIndex] = this.linkOut[0];
    }
  }

  run(row: Float64Array, theta: Float64Array, out: Float64Array): void {
    const { n, layout } = this;
    const index = layout.constrained;
    this.designs.forEach((d, k) => {
      const eta = this.phi[k];
      const { X, p } = d.fixed;
      const beta = index.beta[k];
      const offset = d.offset;
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < p; j++) acc += X[i * p + j] * row[beta[j]];
        // the new data's own offset(...) values, as brms's predict
        eta[i] = offset ? acc + offset[i] : acc;
      }
    });
    if (this.mode === 'new' || this.mode === 'mixed') layout.joint.forEach((_, u) => this.drawJoint(u, row, theta));
    if (this.mode !== 'none') layout.groups.forEach((_, t) => this.addGroupTerm(t, row, theta));
    const nl = this.s.nonlinear;
    if (nl) {
      const phi = nl.paramOrder.map((k) => this.phi[k]);
      nl.model.evaluate(this.covariates!, phi, n, out, this.dmu);
    } else {
      out.set(this.phi[0]);
    }
  }

  private addGroupTerm(t: number, row: Float64Array, theta: Float64Array): void {
    const block = this.layout.groups[t];
    const idx = this.layout.constrained.groups[t];
    const d = this.groupDesigns[t];
    const eta = this.phi[block.predictor];
    const q = block.q;
    const n = this.n;
    if (this.mode === 'observed') {
      for (let i = 0; i < n; i++) {
        const base = idx.r + d.trainingLevel[d.index[i]] * q;
        for (let k = 0; k < q; k++) eta[i] += d.Z[i * q + k] * row[base + k];
      }
      return;
    }
    const r = this.fresh[t];
    if (block.joint) {
      this.accumulate(t, r);
      return;
    }
    const L = this.L[t];
    if (L) choleskyCorrConstrain(theta, block.corOffset, q, L);
    const rng = this.rng!;
    const z = this.z;
    for (let j = 0; j < d.levels.length; j++) {
      const seen = this.mode === 'mixed' ? d.trainingLevel[j] : -1;
      if (seen >= 0) {
        for (let k = 0; k < q; k++) r[j * q + k] = row[idx.r + seen * q + k];
        continue;
      }
      for (let k = 0; k < q; k++) z[k] = rng.normal();
      for (let k = 0; k < q; k++) {
        let w = z[k];
        if (L) {
          w = 0;
          for (let l = 0; l <= k; l++) w += L[k * q + l] * z[l];
        }
        r[j * q + k] = row[idx.sd[k]] * w;
      }
    }
    this.accumulate(t, r);
  }

  /** Adds group term t's effects r (its new-data levels x q) into its predictor. */
  private accumulate(t: number, r: Float64Array): void {
    const d = this.groupDesigns[t];
    const eta = this.phi[this.layout.groups[t].predictor];
    const q = this.layout.groups[t].q;
    for (let i = 0; i < this.n; i++) {
      const base = d.index[i] * q;
      for (let k = 0; k < q; k++) eta[i] += d.Z[i * q + k] * r[base + k];
    }
  }

  /**
   * Fresh effects of shared block u (one Omega) for levels unseen in training (every level in 'new'
   * mode): b_j = diag(tau) L z_j over all its Q coefficients, each term's slice into its fresh r.
   */
  private drawJoint(u: number, row: Float64Array, theta: Float64Array): void {
    const block = this.layout.joint[u];
    const { Q } = block;
    const L = this.jointL[u];
    choleskyCorrConstrain(theta, block.corOffset, Q, L);
    const sd = block.terms.flatMap((t) => this.layout.constrained.groups[t].sd.map((c) => row[c]));
    const first = this.groupDesigns[block.terms[0]];
    const rng = this.rng!;
    const z = new Float64Array(Q);
    const b = new Float64Array(Q);
    for (let j = 0; j < first.levels.length; j++) {
      const seen = this.mode === 'mixed' ? first.trainingLevel[j] : -1;
      if (seen < 0) {
        for (let k = 0; k < Q; k++) z[k] = rng.normal();
        for (let k = 0; k < Q; k++) {
          let w = 0;
          for (let l = 0; l <= k; l++) w += L[k * Q + l] * z[l];
          b[k] = sd[k] * w;
        }
      }
      let start = 0;
      for (const t of block.terms) {
        const q = this.layout.groups[t].q;
        const at = this.layout.constrained.groups[t].r;
        for (let k = 0; k < q; k++) this.fresh[t][j * q + k] = seen >= 0 ? row[at + seen * q + k] : b[start + k];
        start += q;
      }
    }
  }
}
