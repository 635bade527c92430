/** An SBC study as jobs: replication i of a preset or a spec, run by runSbc alone (seeded by i). */
import { DesignError, type Design } from '../simulate/design.js';
import type { FitSettings } from '../simulate/simfit.js';
import { SBC_MODELS, type SbcModel, type SbcSpec } from './models.js';
import { runSbc, type SbcReplication } from './run.js';
import { specSbcModel } from './spec-model.js';

export interface SbcStudy {
  kind: 'sbc';
  /** A built-in model (a key of SBC_MODELS: random_intercept, random_slope, logistic_growth, id_block_growth, sigma_dpar) or a spec with its design. */
  preset?: keyof typeof SBC_MODELS;
  spec?: SbcSpec;
  design?: Design;
  simulatePriors?: SbcSpec['priors'];
  parameters?: string[];
  reps: number;
  seed: number;
  L: number;
  fit: FitSettings;
}

/** A replication without its wall time, so that it is the same bytes wherever it ran. */
export type SbcJobResult = Omit<SbcReplication, 'seconds'>;

export function sbcStudyModel(study: SbcStudy): SbcModel {
  if (study.preset) {
    const make = SBC_MODELS[study.preset];
    if (!make) throw new DesignError(`unknown SBC preset "${study.preset}" (presets: ${Object.keys(SBC_MODELS).join(', ')})`);
    return make();
  }
  if (!study.spec || !study.design) throw new DesignError('an SBC study needs a preset, or a spec and a design');
  return specSbcModel(study.spec, study.design, {
    ...(study.parameters && { parameters: study.parameters }),
    ...(study.simulatePriors && { simulatePriors: study.simulatePriors }),
  });
}

export async function runSbcJob(study: SbcStudy, index: number): Promise<SbcJobResult> {
  const result = await runSbc(sbcStudyModel(study), {
    replications: [index],
    seed: study.seed,
    L: study.L,
    chains: study.fit.chains,
    warmup: study.fit.warmup,
    draws: study.fit.draws,
    parallel: 1,
    ...(study.fit.adaptDelta !== undefined && { adaptDelta: study.fit.adaptDelta }),
  });
  const { seconds: _s, ...rep } = result.replications[0];
  return rep;
}
