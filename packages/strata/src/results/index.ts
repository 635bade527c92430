/**
 * Answers about a fit as functions of its data (each also a method of Fit): summary, estimates, ICC,
 * shrinkage, predictions, LOO, R^2; and within/between centring of data.
 */
export { createFitData, variableDraws, pooledDraws, unconstrainedDraw, constrainedDraw } from './fit-data.js';
export { summary, assembleSummary, fitSamplerBlock, fitRunFacts, samplerBlock, type RunFacts, type SummaryInput } from './summary.js';
export { estimates, fixef, ranef, varCorr } from './estimates.js';
export { icc, type IccResult, type IccRow } from './icc.js';
export { shrinkage, type ShrinkageResult, type ShrinkageEstimate } from './shrinkage.js';
export { posteriorEpred, posteriorLinpred, posteriorPredict, type GroupMode, type DrawOptions, type DpredOptions, type PosteriorDraws, type PosteriorPrediction } from './posterior-draws.js';
export {
  fitted,
  predict,
  residuals,
  posteriorResiduals,
  summariseDrawColumns,
  type FittedOptions,
  type SummaryDrawOptions,
  type ResidualOptions,
  type PredictionRow,
  type PredictionSummary,
} from './prediction-summary.js';
export { coef, type CoefRow } from './coef.js';
export { parseRanefName, type RanefName } from './parameter-names.js';
export { fitLoo, fitBayesR2, logLikMatrix, relativeEff, looCompareFits, type NamedFit } from './fit-loo.js';
export { withinBetween } from './within-between.js';
export { hypothesis, type HypothesisOptions, type HypothesisRow } from './hypothesis.js';
export { parseExpression, evaluate as evaluateExpression, type Expr } from './hypothesis-expression.js';
export { conditionalEffects, conditionalEffectPoints, predictorColumns, type EffectPoint, type ConditionalEffects, type ConditionalEffectsOptions, type ConditionalEffectRow, type EffectDrawRow, type CellValue } from './conditional-effects.js';
export { marginalEffect, posteriorMarginalEpred, type MarginalEffect, type MarginalEffectOptions, type MarginalOptions, type EffectScale } from './marginal-effects.js';
