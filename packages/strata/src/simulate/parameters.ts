/**
 * Parameters of one simulated data set, as the unconstrained vector theta of a compiled model, so
 * that the model's own linearPredictor and constrain give the data's mean and the true values by
 * their brms names. Scalars come from their priors (truncated to the parameter's range, as the
 * density truncates them) or from a given truth; correlation matrices from their LKJ prior or from
 * the truth's cor_ values (a block shared through an ID after the others); standardised group effects z are always drawn N(0, 1), so that
 * r = diag(sd) L z as the model defines them.
 */
import { choleskyCorrUnconstrain, choleskyFromCorrelation, type CompiledModel, type ScalarParam } from '@strata/core';
import { drawLkjCholesky, drawPrior, type SbcRandom } from '../sbc/random.js';
import { DesignError } from './design.js';

/** Where parameters come from: their priors, or fixed values by constrained name (b_x, sd_g__Intercept, cor_g__Intercept__x, sigma). */
export type ParameterSource = 'prior' | Record<string, number>;

/** Every parameter that is not a group-level effect, as fixed truth must give them. */
export function populationNames(model: CompiledModel): string[] {
  return model.constrainedNames.filter((n) => !n.startsWith('r_'));
}

/** Fails before any work when a fixed truth lacks a parameter, names an unknown one, or prior draws would use a data-scaled default prior. */
export function checkSource(model: CompiledModel, from: ParameterSource): void {
  if (from === 'prior') {
    const defaults = model.priors.filter((p) => !p.source.startsWith('user'));
    if (defaults.length > 0) {
      const p = defaults[0];
      throw new DesignError(
        `simulating from the prior needs a prior for every parameter: ${p.slot.parameter} would get the default ${p.prior.text}, which is scaled to the data; give it in the spec's priors`,
      );
    }
    return;
  }
  const names = populationNames(model);
  const missing = names.filter((n) => typeof from[n] !== 'number' || !Number.isFinite(from[n]));
  if (missing.length > 0) throw new DesignError(`the truth has no value (a finite number) for ${missing.join(', ')}`);
  const known = new Set(names);
  const unknown = Object.keys(from).filter((n) => !known.has(n));
  if (unknown.length > 0) throw new DesignError(`the truth names ${unknown[0]}, which is not a parameter of the model (parameters: ${names.join(', ')})`);
}

function setScalar(theta: Float64Array, p: ScalarParam, from: ParameterSource, rng: SbcRandom): void {
  const t = p.transform;
  const x = from === 'prior' ? drawPrior(p.prior, rng, { lower: t.lower, upper: t.upper }) : from[p.name];
  theta[p.offset] = t.unconstrain(x, p.name);
}

/** theta for one data set; draws in a fixed order (fixed effects, auxiliaries, then per group term sds, correlations, z). */
export function drawTheta(model: CompiledModel, from: ParameterSource, rng: SbcRandom): Float64Array {
  const { layout } = model;
  const theta = new Float64Array(layout.dimension);
  for (const f of layout.fixed) for (const p of f.params) setScalar(theta, p, from, rng);
  for (const p of layout.aux) setScalar(theta, p, from, rng);
  for (const g of layout.groups) {
    for (const p of g.sd) setScalar(theta, p, from, rng);
    if (g.joint) continue; // its shared block below holds the correlations and z
    if (g.corOffset >= 0) {
      const q = g.q;
      let L: Float64Array;
      if (from === 'prior') L = drawLkjCholesky(g.corPrior!.eta, q, rng);
      else {
        const omega = new Float64Array(q * q);
        const coefs = g.design.coefNames;
        const prefix = `cor_${g.design.group}__${g.nlpar ? `${g.nlpar}_` : ''}`;
        for (let a = 0; a < q; a++) {
          omega[a * q + a] = 1;
          for (let b = a + 1; b < q; b++) omega[a * q + b] = omega[b * q + a] = from[`${prefix}${coefs[a]}__${g.nlpar ? `${g.nlpar}_` : ''}${coefs[b]}`];
        }
        L = new Float64Array(q * q);
        choleskyFromCorrelation(omega, q, L, `the truth's correlations of ${g.design.group}`);
      }
      choleskyCorrUnconstrain(L, q, theta, g.corOffset);
    }
    const z = g.levels * g.q;
    if (!g.centred) for (let k = 0; k < z; k++) theta[g.zOffset + k] = rng.normal();
    else {
      // centred terms hold r itself (uncorrelated): r = sd * z
      for (let l = 0; l < g.levels; l++) {
        for (let c = 0; c < g.q; c++) theta[g.zOffset + l * g.q + c] = g.sd[c].transform.constrain(theta[g.sd[c].offset]) * rng.normal();
      }
    }
  }
  // blocks shared through an ID (one Omega): correlations over all their coefficients, then z
  layout.joint.forEach((b, u) => {
    const q = b.Q;
    let L: Float64Array;
    if (from === 'prior') L = drawLkjCholesky(b.corPrior.eta, q, rng);
    else {
      const omega = new Float64Array(q * q);
      let c = layout.constrained.joint[u].cor;
      for (let a = 0; a < q; a++) {
        omega[a * q + a] = 1;
        for (let k = a + 1; k < q; k++) omega[a * q + k] = omega[k * q + a] = from[model.constrainedNames[c++]];
      }
      L = new Float64Array(q * q);
      choleskyFromCorrelation(omega, q, L, `the truth's correlations of ${b.group} (ID ${b.id})`);
    }
    choleskyCorrUnconstrain(L, q, theta, b.corOffset);
    for (let k = 0; k < b.levels * q; k++) theta[b.zOffset + k] = rng.normal();
  });
  return theta;
}
