/**
 * Posterior predictions for new data (or the training data): draws of the linear predictor and of
 * E[y | theta, x], and replicated data. See docs/results.md for the exact semantics of `groups`.
 *
 * For each posterior draw s and new row i, per linear predictor (the model's, or each nonlinear
 * parameter's): eta_i = X_i beta_s + sum over group terms of Z_i r, where r is
 *   'observed': the draw's effect r_s[level] of the row's level (a level not in the training data is a
 *               DataError naming the grouping column, the level and the row; with allowNewLevels it
 *               gets a fresh effect as under 'new', as brms's allow_new_levels with
 *               sample_new_levels = "gaussian");
 *   'new':      a fresh effect for every level of the new data, r = diag(tau_s) L_s z with z ~ N(0, I_q)
 *               drawn independently per level and per draw (seen or not in training: all are new);
 *   'none':     zero (the population-level prediction X beta).
 * Nonlinear models pass the per-row parameters through the compiled stage-1 expression
 * (NonlinearModel.evaluate) on the new covariates.
 */
import {
  buildNewDataDesign,
  choleskyCorrConstrain,
  DataError,
  newDataColumns,
  prepareNewData,
  SpecError,
  toRawTable,
  type NewDataDesign,
  type RandomSource,
  type RawTable,
  type Table,
  type TableInput,
} from '@strata/core';
import { drawSummary } from '../stats.js';
import { constrainedDraw, unconstrainedDraw, type FitData } from './fit-data.js';
import { paramIndex, resultsRandom, selectDraws, type ParamIndex } from './draws-access.js';
import { checkResultOptions } from './result-options.js';

export type GroupMode = 'observed' | 'new' | 'none';
/** What the engine does: GroupMode, plus 'mixed' = 'observed' with allowNewLevels (seen levels their own effect, unseen ones a fresh one). */
type EffectMode = GroupMode | 'mixed';

export interface PredictOptions {
  /** How group-level effects enter (default 'observed'). */
  groups?: GroupMode;
  /** Add per-row summaries of `mu` (mean, sd, median, 90% interval). */
  summary?: boolean;
  /** Use this many evenly spaced posterior draws (default: all). */
  draws?: number;
  /** Also return the link-scale linear predictor `eta`. */
  eta?: boolean;
  /**
   * With groups 'observed': a level not in the training data gets a fresh effect drawn as under 'new'
   * instead of being an error, while seen levels keep their own (brms's allow_new_levels = TRUE).
   */
  allowNewLevels?: boolean;
  /** Seed for the new-level effects of groups: 'new' or allowNewLevels (default: the fit's seed). */
  seed?: number;
}

export interface PredictionSummaryRow {
  /** 1-based row of the new data. */
  row: number;
  mean: number;
  sd: number;
  median: number;
  q5: number;
  q95: number;
}

export interface Prediction {
  /** Number of draws (rows of `mu`) and of new observations (columns). */
  S: number;
  N: number;
  /** Pooled (chain-major) index of the posterior draw behind each row. */
  drawIndex: Int32Array;
  /**
   * S x N, row-major: E[y | theta_s, x_i] per trial on the response scale: the inverse link of eta for
   * gaussian, student, poisson, negbinomial, bernoulli, binomial (the success probability), and
   * exp(eta + sigma^2 / 2) for lognormal.
   */
  mu: Float64Array;
  /** S x N link-scale linear predictor (the stage-1 mean for nonlinear models), when asked for. */
  eta?: Float64Array;
  summary?: PredictionSummaryRow[];
}

export interface PosteriorPredictOptions {
  /** Seed of the random numbers (default: the fit's seed). */
  seed?: number;
  /** How group-level effects enter, as in predict() (default 'observed'); also for the training data. */
  groups?: GroupMode;
  /** As in predict(): with groups 'observed', unseen levels get fresh effects instead of an error. */
  allowNewLevels?: boolean;
  /** Use this many evenly spaced posterior draws (default: all). */
  draws?: number;
}

export interface PosteriorPrediction {
  S: number;
  N: number;
  drawIndex: Int32Array;
  /** S x N replicated data, row-major: y_rep[s, i] ~ p(y | theta_s, x_i). */
  yrep: Float64Array;
}

/** The new data prepared once: designs per linear predictor and the nonlinear covariates. */
interface NewData {
  n: number;
  raw: RawTable;
  table: Table;
  designs: NewDataDesign[];
  covariates: Float64Array[] | null;
}

function checkGroups(groups: unknown, allowNewLevels = false): EffectMode {
  if (groups !== 'observed' && groups !== 'new' && groups !== 'none') {
    throw new SpecError(`groups must be "observed", "new" or "none", got ${JSON.stringify(groups)}`, 'options.groups');
  }
  if (!allowNewLevels) return groups;
  if (groups !== 'observed') {
    throw new SpecError(`allowNewLevels applies to groups: 'observed' only (with '${groups}' no level uses its training effect)`, 'options.allowNewLevels');
  }
  return 'mixed';
}

function isRawTable(x: unknown): x is RawTable {
  return typeof x === 'object' && x !== null && (x as RawTable).cells instanceof Map;
}

function prepare(fit: FitData, newdata: TableInput | RawTable | undefined, groups: EffectMode, extraColumns: string[] = []): NewData {
  const s = fit.model.structure;
  const raw = newdata === undefined ? toRawTable(s.usedData) : isRawTable(newdata) ? newdata : toRawTable(newdata);
  const withGroups = groups !== 'none';
  const covariateNames = s.nonlinear ? s.nonlinear.model.covariates : [];
  const columns = [...s.predictors.flatMap((p) => newDataColumns(p.rhs, withGroups)), ...covariateNames, ...extraColumns];
  const table = prepareNewData(raw, s.table, columns);
  const designs = s.predictors.map((p) => buildNewDataDesign(p.rhs, { design: p.design, table: s.table }, table, { groups: withGroups }));
  if (groups === 'observed') {
    for (const d of designs) {
      for (const g of d.groups) {
        const j = g.trainingLevel.findIndex((t) => t < 0);
        if (j !== -1) {
          throw new DataError(
            `column '${g.group}' has level ${JSON.stringify(g.levels[j])} at row ${g.firstRow[j]}, which is not in the training data; ` +
              `use allowNewLevels: true to draw effects for the new levels only (seen levels keep theirs), groups: 'new' to draw fresh effects for every level, ` +
                `or groups: 'none' to predict without group-level effects`,
            { column: g.group, row: g.firstRow[j] },
          );
        }
      }
    }
  }
  const covariates = s.nonlinear ? covariateNames.map((c) => numericColumn(table, c)) : null;
  return { n: table.nrow, raw, table, designs, covariates };
}

function numericColumn(table: Table, name: string): Float64Array {
  const col = table.columns.get(name);
  if (!col || col.kind !== 'numeric') throw new DataError(`column '${name}' of the new data must be numeric`, { column: name });
  return col.values;
}

/** Computes eta (link scale) for one draw of the new data; scratch buffers are reused across draws. */
class EtaEngine {
  private readonly phi: Float64Array[];
  private readonly dmu: Float64Array[];
  private readonly L: (Float64Array | null)[];
  private readonly zs: Float64Array;
  private readonly newEffects: Float64Array[];

  constructor(
    private readonly fit: FitData,
    private readonly data: NewData,
    private readonly idx: ParamIndex,
    private readonly groups: EffectMode,
    private readonly rng: RandomSource | null,
  ) {
    const n = data.n;
    this.phi = data.designs.map(() => new Float64Array(n));
    const nl = fit.model.structure.nonlinear;
    this.dmu = nl ? nl.model.params.map(() => new Float64Array(n)) : [];
    this.L = idx.groups.map((g) => (g.block.corOffset >= 0 ? new Float64Array(g.block.q * g.block.q) : null));
    this.zs = new Float64Array(Math.max(1, ...idx.groups.map((g) => g.block.q)));
    this.newEffects = groups === 'new' || groups === 'mixed' ? idx.groups.map((g, t) => new Float64Array(this.groupDesign(t).levels.length * g.block.q)) : [];
  }

  /** Layout group t is the how-manieth group term of its predictor: its new-data design. */
  private groupDesign(t: number) {
    const block = this.idx.groups[t].block;
    const before = this.idx.groups.slice(0, t).filter((g) => g.block.predictor === block.predictor).length;
    return this.data.designs[block.predictor].groups[before];
  }

  /** Writes eta for pooled draw s into out (length n). */
  run(s: number, out: Float64Array): void {
    const { fit, data, idx } = this;
    const n = data.n;
    const row = constrainedDraw(fit, s);
    data.designs.forEach((d, k) => {
      const eta = this.phi[k];
      const { X, p } = d.fixed;
      const beta = idx.beta[k];
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < p; j++) acc += X[i * p + j] * row[beta[j]];
        eta[i] = acc;
      }
    });
    if (this.groups !== 'none') {
      idx.groups.forEach((g, t) => {
        const d = this.groupDesign(t);
        const eta = this.phi[g.block.predictor];
        const q = g.block.q;
        if (this.groups === 'observed') {
          for (let i = 0; i < n; i++) {
            const base = g.r + d.trainingLevel[d.index[i]] * q;
            for (let k = 0; k < q; k++) eta[i] += d.Z[i * q + k] * row[base + k];
          }
          return;
        }
        const r = this.newEffects[t];
        const L = this.L[t];
        if (L) choleskyCorrConstrain(unconstrainedDraw(fit, s), g.block.corOffset, q, L);
        const rng = this.rng!;
        const z = this.zs;
        for (let j = 0; j < d.levels.length; j++) {
          const seen = this.groups === 'mixed' ? d.trainingLevel[j] : -1;
          if (seen >= 0) {
            for (let k = 0; k < q; k++) r[j * q + k] = row[g.r + seen * q + k];
            continue;
          }
          for (let k = 0; k < q; k++) z[k] = rng.normal();
          for (let k = 0; k < q; k++) {
            let w = z[k];
            if (L) {
              w = 0;
              for (let l = 0; l <= k; l++) w += L[k * q + l] * z[l];
            }
            r[j * q + k] = row[g.sd[k]] * w;
          }
        }
        for (let i = 0; i < n; i++) {
          const base = d.index[i] * q;
          for (let k = 0; k < q; k++) eta[i] += d.Z[i * q + k] * r[base + k];
        }
      });
    }
    const nl = fit.model.structure.nonlinear;
    if (nl) {
      const phi = nl.paramOrder.map((k) => this.phi[k]);
      nl.model.evaluate(data.covariates!, phi, n, out, this.dmu);
    } else {
      out.set(this.phi[0]);
    }
  }
}

/** Posterior draws of E[y | theta, x] (and eta) for new data; without newdata, for the training data. */
export function predict(fit: FitData, newdata?: TableInput | RawTable, options: PredictOptions = {}): Prediction {
  checkResultOptions('predict', options, { groups: 'any', summary: 'boolean', draws: 'any', eta: 'boolean', allowNewLevels: 'boolean', seed: 'any' });
  const groups = checkGroups(options.groups ?? 'observed', options.allowNewLevels);
  const drawIndex = selectDraws(fit, options.draws);
  const data = prepare(fit, newdata, groups);
  const idx = paramIndex(fit.model);
  const rng = groups === 'new' || groups === 'mixed' ? resultsRandom(options.seed ?? fit.seed, 1) : null;
  const engine = new EtaEngine(fit, data, idx, groups, rng);
  const S = drawIndex.length;
  const N = data.n;
  const mu = new Float64Array(S * N);
  const eta = options.eta ? new Float64Array(S * N) : null;
  const buf = new Float64Array(N);
  const family = fit.model.family;
  const aux = new Float64Array(idx.aux.length);
  for (let d = 0; d < S; d++) {
    const s = drawIndex[d];
    engine.run(s, buf);
    const row = constrainedDraw(fit, s);
    idx.aux.forEach((k, a) => (aux[a] = row[k]));
    for (let i = 0; i < N; i++) mu[d * N + i] = family.mean(buf[i], aux, 1);
    if (eta) eta.set(buf, d * N);
  }
  const out: Prediction = { S, N, drawIndex, mu };
  if (eta) out.eta = eta;
  if (options.summary) out.summary = summariseColumns(mu, S, N);
  return out;
}

/**
 * Replicated data y_rep ~ p(y | theta_s, x) per draw (family.simulate). Without newdata: the training
 * data with each observation's own group effects. With newdata: its linear predictor as predict()
 * builds it (`groups`), and its trials column (binomial) or se column (gaussian with se()).
 */
export function posteriorPredict(fit: FitData, newdata?: TableInput | RawTable, options: PosteriorPredictOptions = {}): PosteriorPrediction {
  checkResultOptions('posteriorPredict', options, { seed: 'any', groups: 'any', allowNewLevels: 'boolean', draws: 'any' });
  const s0 = fit.model.structure;
  const drawIndex = selectDraws(fit, options.draws);
  const rng = resultsRandom(options.seed ?? fit.seed, 2);
  const idx = paramIndex(fit.model);
  const family = fit.model.family;
  const S = drawIndex.length;
  let N: number;
  let etaOf: (s: number, out: Float64Array) => void;
  let extra: Float64Array | null;
  const groups = checkGroups(options.groups ?? 'observed', options.allowNewLevels);
  // The training rows with their own effects take the model's fast path; other `groups` build eta as predict() does.
  if (newdata === undefined && (groups === 'observed' || groups === 'mixed')) {
    N = s0.n;
    etaOf = (s, out) => fit.model.linearPredictor(unconstrainedDraw(fit, s), out);
    extra = s0.trials ?? s0.se;
  } else {
    const trials = s0.response.trials;
    const extraColumn = typeof trials === 'string' ? trials : (s0.response.se ?? null);
    const data = prepare(fit, newdata, groups, extraColumn ? [extraColumn] : []);
    N = data.n;
    const engine = new EtaEngine(fit, data, idx, groups, groups === 'new' || groups === 'mixed' ? rng : null);
    etaOf = (s, out) => engine.run(s, out);
    extra = extraColumn ? numericColumn(data.table, extraColumn) : typeof trials === 'number' ? new Float64Array(N).fill(trials) : null;
    if (extra && s0.response.se) {
      const bad = extra.findIndex((v) => !(v > 0));
      if (bad !== -1) throw new DataError(`column '${extraColumn}' (se) must be positive, but row ${bad + 1} holds ${extra[bad]}`, { column: extraColumn!, row: bad + 1 });
    }
    if (extra && typeof trials === 'string') {
      const bad = extra.findIndex((v) => !(Number.isInteger(v) && v >= 0));
      if (bad !== -1) throw new DataError(`column '${trials}' (trials) must hold whole numbers >= 0, but row ${bad + 1} holds ${extra[bad]}`, { column: trials, row: bad + 1 });
    }
  }
  const yrep = new Float64Array(S * N);
  const eta = new Float64Array(N);
  const aux = new Float64Array(idx.aux.length);
  for (let d = 0; d < S; d++) {
    const s = drawIndex[d];
    etaOf(s, eta);
    const row = constrainedDraw(fit, s);
    idx.aux.forEach((k, a) => (aux[a] = row[k]));
    family.simulate(eta, aux, extra, rng, yrep.subarray(d * N, (d + 1) * N));
  }
  return { S, N, drawIndex, yrep };
}

function summariseColumns(x: Float64Array, S: number, N: number): PredictionSummaryRow[] {
  const col = new Float64Array(S);
  return Array.from({ length: N }, (_, i) => {
    for (let s = 0; s < S; s++) col[s] = x[s * N + i];
    const { mean, sd, median, q5, q95 } = drawSummary(col);
    return { row: i + 1, mean, sd, median, q5, q95 };
  });
}
