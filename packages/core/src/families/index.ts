export type {
  AuxParam,
  DistributionalLikelihood,
  Family,
  FusedLikelihoodCode,
  FamilyName,
  Likelihood,
  LinkName,
  RandomSource,
  ResponseData,
  ResponseExtras,
} from './types.js';
export { getFamily, familyNames, isFamilyName } from './registry.js';
export type { FamilyOptions } from './registry.js';
export { gaussian, gaussianKnownSe } from './gaussian.js';
export { student } from './student.js';
export { lognormal } from './lognormal.js';
export { bernoulli } from './bernoulli.js';
export { binomial } from './binomial.js';
export { poisson } from './poisson.js';
export { negbinomial } from './negbinomial.js';
export { inverseLink, applyLink } from './links.js';
export { sampleGamma, samplePoisson, sampleBinomial, sampleStudentT, sampleNegBinomial } from './random.js';
export * from './observation/index.js';
export type { ExtLinkName } from './links-ext.js';
export { familyInfo, familyDpar } from './catalog.js';
export type { DparInfo, FamilyInfo, ContractLink } from './catalog.js';
export {
  extLinkNames,
  invLinkIdentity,
  invLinkLog,
  invLinkLogit,
  invLinkProbit,
  invLinkCloglog,
  invLinkExt,
  applyLinkExt,
  logProbsLogit,
  logProbsProbit,
  logProbsCloglog,
} from './links-ext.js';
export { stdNormalLcdf, stdNormalLccdf, stdNormalCdf } from './cdf/normal.js';
export { logIncGamma } from './cdf/incgamma.js';
export { logIncBeta } from './cdf/incbeta.js';
export { log1mexp, logSumExp, logDiffLower, logDiffUpper } from './cdf/logdiff.js';
