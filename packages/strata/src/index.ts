/** @strata/strata: fit Bayesian hierarchical models and read the answers. */
export { fit, sampleModel } from './fit.js';
export type { FitOptions } from './fit.js';
export { FitOptionsError } from './fit-options.js';
export { ModelInitError } from './init-failure.js';
export { Fit } from './results/fit-result.js';
export type { FitData } from './results/fit-data.js';
export type { FitSummary, SamplerBlock, SummaryJSON, SummaryOptions } from './results/summary.js';
export type { EstimateRow, RanefRow, VarCorr } from './results/estimates.js';
export { quantile7, quantileOfSorted, mean, variance, sd, drawSummary, intervalSummary, type DrawSummary, type IntervalSummary } from './stats.js';
export { createLogDensity, modelSource } from './model-source.js';
export * from './plots/index.js';
export * from './io/index.js';
export { fitToCmdStanInput, writeFitCsv } from './io/fit-csv.js';
export * from './results/loo/index.js';
export * from './results/index.js';
export * from './sbc/index.js';
export * from './saved-fit/index.js';
export * from './fit-plots/index.js';
