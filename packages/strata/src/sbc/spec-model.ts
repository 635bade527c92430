/**
 * SBC for any model spec: an SbcModel whose simulate() draws parameters from the spec's priors and
 * data over the study's design (simulate/), so runSbc checks the user's own model as it checks the
 * three built-in ones (which remain available as presets). `simulatePriors` replaces the priors the
 * parameters are drawn from (the fit keeps the spec's): a deliberately wrong prior, which SBC must
 * detect.
 */
import type { Design } from '../simulate/design.js';
import { DesignError, generateDesign, isGenerator, designColumns } from '../simulate/design.js';
import { checkSource, populationNames } from '../simulate/parameters.js';
import { compileOverDesign, simulateOne } from '../simulate/simulate.js';
import type { SbcModel, SbcSpec } from './models.js';
import { sbcRandom } from './random.js';

export interface SpecSbcOptions {
  /** Parameters whose ranks are tested (default: every parameter but the group-level effects). */
  parameters?: string[];
  /** Priors to draw the true values from instead of the spec's. */
  simulatePriors?: SbcSpec['priors'];
  name?: string;
}

export function specSbcModel(spec: SbcSpec, design: Design, options: SpecSbcOptions = {}): SbcModel {
  const simSpec = options.simulatePriors ? { ...spec, priors: options.simulatePriors } : spec;
  // Checked once over a design drawn from stream 0, before any replication runs.
  const probe = compileOverDesign(simSpec, isGenerator(design) ? generateDesign(design, sbcRandom(0, 0)) : designColumns(design));
  checkSource(probe, 'prior');
  const all = populationNames(probe);
  const parameters = options.parameters ?? all;
  const unknown = parameters.find((p) => !all.includes(p));
  if (unknown) throw new DesignError(`SBC parameter ${unknown} is not a parameter of the model (parameters: ${all.join(', ')})`);
  return {
    name: options.name ?? 'spec',
    description: spec.formula,
    spec,
    parameters,
    // Only used to shift draws deliberately (runSbc's `shift`); a spec model has no fixed scale.
    priorScale: Object.fromEntries(parameters.map((p) => [p, 1])),
    simulate(rng) {
      const { truth, data } = simulateOne(simSpec, design, 'prior', rng);
      return { truth, data: data as Record<string, number[] | string[]> };
    },
  };
}
