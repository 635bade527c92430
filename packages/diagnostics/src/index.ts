/**
 * @strata/diagnostics: convergence diagnostics, summaries and sampler checks for MCMC draws,
 * reproducing R's posterior package (see /work/shared/design/diagnostics.md).
 */
export type { Chain, Chains, DrawMatrix } from './draws.js';
export { rhat, rhatBasic } from './rhat.js';
export { essBulk, essTail, essBasic, essMean, essSd, essMedian, essQuantile } from './ess.js';
export { mcseMean, mcseSd, mcseMedian, mcseQuantile } from './mcse.js';
export { quantile, quantileOfSorted, median, mad } from './quantile.js';
export { VariableDraws } from './variable.js';
export { summarizeDraws, DEFAULT_MEASURES } from './summary.js';
export type { DrawsInput, DrawsSummary, NamedChains, SummarizeOptions, SummaryRow } from './summary.js';
export { samplerDiagnostics, ebfmi, countDivergences, countTreedepthSaturation } from './sampler.js';
export type { DrawCount, SamplerDiagnostics, SamplerDiagnosticsOptions, SamplerStats } from './sampler.js';
export { diagnosticWarnings, STAN_THRESHOLDS } from './checks.js';
export type { DiagnosticWarning, Thresholds, WarningInput, WarningKind } from './checks.js';
export {
  formatSummary,
  formatSamplerDiagnostics,
  formatWarnings,
  formatNumber,
  summaryToJSON,
  samplerDiagnosticsToJSON,
  diagnosticsToJSON,
} from './format.js';
export type { DiagnosticsJSON, SamplerDiagnosticsJSON, SummaryJSON, TableOptions } from './format.js';
export { normalQuantile } from './normal-quantile.js';
export { betaQuantile } from './beta-quantile.js';
export { autocovariance } from './autocovariance.js';
export { Fft } from './fft.js';
