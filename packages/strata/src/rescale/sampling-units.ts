/**
 * Sampling in prior units when the data are far from scale 1. NUTS starts from uniform(-2, 2) on the
 * unconstrained scale and adapts a metric from there; with y in units of 1e-6, x in 1e6 or y offset
 * by 1e9 the posterior is thousands of prior scales away and the chains never meet (R-hat 1.3-3).
 * The default priors are scaled to the data (as brms's), so each scalar parameter's prior says where
 * it is: theta = centre + scale * phi, and the sampler runs on phi. This is an affine
 * reparameterisation (the posterior is the same; its constant Jacobian is left out of lp__, so lp__
 * stays the model's), and the draws are mapped back before anyone sees them.
 *
 * Only applied when some scale is extreme, so every other model samples exactly as before.
 */
import { computeDataScale, predictorScale, unconstrainedPriorScale, type CompiledModel, type ScalarParam } from '@strata/core';

/** Prior scales (unconstrained) outside [SMALL, LARGE], or centres beyond LARGE, count as extreme. */
const SMALL = 1e-3;
const LARGE = 1e4;

export interface ExtremeParameter {
  /** brms name (b_Intercept, b_Days, sigma). */
  parameter: string;
  /** Prior centre and scale on the parameter's own scale (for a log-scale parameter, of x itself). */
  centre: number;
  scale: number;
}

export interface SamplingUnits {
  /** theta = centre + scale * phi, per unconstrained coordinate (0 and 1 where left alone). */
  centre: Float64Array;
  scale: Float64Array;
  /** What made it necessary, for the warning. */
  extreme: ExtremeParameter[];
}

/** Every scalar parameter (fixed effects, the family's auxiliary parameters, group sds). */
export function scalarParams(model: CompiledModel): ScalarParam[] {
  const { fixed, aux, groups } = model.layout;
  return [...fixed.flatMap((b) => b.params), ...aux, ...groups.flatMap((g) => g.sd)];
}

function isExtreme(kind: string, centre: number, scale: number): boolean {
  // On the log scale (lower bounds), the typical size itself is exp(centre).
  if (kind === 'lower') return Math.exp(centre) < SMALL || Math.exp(centre) > LARGE;
  return scale < SMALL || scale > LARGE || (Math.abs(centre) > LARGE && Math.abs(centre) > 100 * scale);
}

/** The units to sample in, or null when no prior scale is extreme (sample the model as it is). */
export function samplingUnits(model: CompiledModel): SamplingUnits | null {
  const d = model.dimension;
  const centre = new Float64Array(d);
  const scale = new Float64Array(d).fill(1);
  const extreme: ExtremeParameter[] = [];
  for (const param of scalarParams(model)) {
    const prior = param.prior as unknown as { family: string; args: readonly number[] };
    const s = unconstrainedPriorScale(prior, param.transform);
    if (s === null) continue;
    centre[param.offset] = s.centre;
    scale[param.offset] = s.scale;
    if (isExtreme(param.transform.kind, s.centre, s.scale)) {
      const log = param.transform.kind === 'lower';
      extreme.push({ parameter: param.name, centre: log ? Math.exp(s.centre) : s.centre, scale: log ? Math.exp(s.centre) : s.scale });
    }
  }
  return extreme.length > 0 ? { centre, scale, extreme } : null;
}

/** phi -> theta, in place or into `out`. */
export function toModelScale(units: SamplingUnits, phi: Float64Array, out: Float64Array = phi): Float64Array {
  const { centre, scale } = units;
  for (let i = 0; i < phi.length; i++) out[i] = centre[i] + scale[i] * phi[i];
  return out;
}

const fmt = (x: number) => Number(x.toPrecision(3)).toString();

/** Data columns whose own location or scale is extreme: the response (on its link scale) and numeric predictors. */
function extremeColumns(model: CompiledModel): string[] {
  const out: string[] = [];
  const { yLocation, yScale } = computeDataScale(model.family.name, model.structure.y);
  if (yScale < SMALL || yScale > LARGE || (Math.abs(yLocation) > LARGE && Math.abs(yLocation) > 100 * yScale)) {
    out.push(`${model.structure.response.column} (location ${fmt(yLocation)}, scale ${fmt(yScale)})`);
  }
  const main = model.structure.predictors.find((p) => p.nlpar === null);
  if (main) {
    const { X, p, names } = main.design.fixed;
    names.forEach((coef, k) => {
      if (coef === 'Intercept') return;
      const col = new Float64Array(model.nobs);
      for (let i = 0; i < model.nobs; i++) col[i] = X[i * p + k];
      const sd = predictorScale(col);
      if (sd < SMALL || sd > LARGE) out.push(`${coef} (sd ${fmt(sd)})`);
    });
  }
  return out;
}

/** The one-line warning: which columns (else which priors), how far off, and what Strata did about it. */
export function extremeScaleWarning(model: CompiledModel, units: SamplingUnits): string {
  const columns = extremeColumns(model);
  const what =
    columns.length > 0
      ? `the data column${columns.length === 1 ? '' : 's'} ${columns.join(', ')} ${columns.length === 1 ? 'is' : 'are'} far from scale 1`
      : `the priors of ${units.extreme.map((e) => `${e.parameter} (centre ${fmt(e.centre)}, scale ${fmt(e.scale)})`).join(', ')} are far from scale 1`;
  const params = units.extreme.map((e) => e.parameter).join(', ');
  return (
    `${what}; Strata samples ${params} in prior units (an exact reparameterisation; the draws are on the data's scale). ` +
    'Centring or rescaling the columns makes the numbers easier to read.'
  );
}

/** theta -> phi in place, the inverse of toModelScale (a user's init into a rescaled run's units). */
export function toSamplingScale(units: SamplingUnits, theta: Float64Array): Float64Array {
  const { centre, scale } = units;
  for (let i = 0; i < theta.length; i++) theta[i] = (theta[i] - centre[i]) / scale[i];
  return theta;
}
