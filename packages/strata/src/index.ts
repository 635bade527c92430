/** @strata/strata: fit Bayesian hierarchical models and read the answers. */
export { fit, sampleModel } from './fit.js';
export type { FitOptions } from './fit.js';
export { FitOptionsError } from './fit-options.js';
export { ModelInitError } from './init-failure.js';
export { Fit, quantile7 } from './results/fit-result.js';
export type { EstimateRow, FitSummary, SamplerBlock, SummaryOptions } from './results/fit-result.js';
export { createLogDensity, modelSource } from './model-source.js';
export * from './plots/index.js';
export * from './io/index.js';
export { fitToCmdStanInput, writeFitCsv } from './io/fit-csv.js';
export * from './results/loo/index.js';
export * from './results/index.js';
export * from './sbc/index.js';
