/**
 * The contract's families as data (../shared/design/model-spec.md, "Families and links"): each
 * family's brms name, default and allowed links, distributional parameters with their links, which
 * response extras it takes, and whether Strata fits it yet. Spec validation reads this table; the
 * likelihoods themselves live in the family modules (registry.ts).
 */
import { SpecError } from '../errors.js';

/** Every link the contract names (a family allows a subset). */
export type ContractLink = 'identity' | 'log' | 'logit' | 'probit' | 'cloglog';

/** A family's distributional parameter (brms dpar) and the link its formula is on. */
export interface DparInfo {
  name: 'sigma' | 'nu' | 'shape' | 'phi' | 'zi' | 'hu';
  link: 'log' | 'logit';
}

export interface FamilyInfo {
  name: string;
  /** The default link of the mean (brms's). */
  link: ContractLink;
  /** Links `"link"` may choose; the first is the default. */
  links: readonly ContractLink[];
  /** Distributional parameters other than the mean, in brms's order. */
  dpars: readonly DparInfo[];
  /** Kind of response, for the data checks (families/response-checks.ts). */
  response: 'real' | 'positive' | 'unit' | 'binary' | 'count' | 'trials' | 'ordinal';
  /** cens() and trunc() are allowed (continuous and count families, as brms). */
  censoring: boolean;
  /** The residuals are additive and gaussian/student: autocor and error "combined" need them. */
  residuals: boolean;
  /** Fitted by Strata today with its default link. */
  implemented: boolean;
}

const sigma: DparInfo = { name: 'sigma', link: 'log' };
const nu: DparInfo = { name: 'nu', link: 'log' };
const shape: DparInfo = { name: 'shape', link: 'log' };
const phi: DparInfo = { name: 'phi', link: 'log' };
const zi: DparInfo = { name: 'zi', link: 'logit' };
const hu: DparInfo = { name: 'hu', link: 'logit' };

function family(name: string, links: ContractLink[], dpars: DparInfo[], response: FamilyInfo['response'], flags: { censoring?: boolean; residuals?: boolean; implemented?: boolean } = {}): FamilyInfo {
  return { name, link: links[0], links, dpars, response, censoring: flags.censoring ?? false, residuals: flags.residuals ?? false, implemented: flags.implemented ?? false };
}

const CATALOG: readonly FamilyInfo[] = [
  family('gaussian', ['identity'], [sigma], 'real', { censoring: true, residuals: true, implemented: true }),
  family('student', ['identity'], [sigma, nu], 'real', { censoring: true, residuals: true, implemented: true }),
  family('lognormal', ['identity'], [sigma], 'positive', { censoring: true, implemented: true }),
  family('bernoulli', ['logit', 'probit', 'cloglog'], [], 'binary', { implemented: true }),
  family('binomial', ['logit', 'probit', 'cloglog'], [], 'trials', { implemented: true }),
  family('poisson', ['log', 'identity'], [], 'count', { censoring: true, implemented: true }),
  family('negbinomial', ['log', 'identity'], [shape], 'count', { censoring: true, implemented: true }),
  family('gamma', ['log'], [shape], 'positive', { censoring: true, implemented: true }),
  family('beta', ['logit'], [phi], 'unit', { implemented: true }),
  family('weibull', ['log'], [shape], 'positive', { censoring: true, implemented: true }),
  family('exponential', ['log'], [], 'positive', { censoring: true, implemented: true }),
  family('zero_inflated_poisson', ['log'], [zi], 'count', { implemented: true }),
  family('zero_inflated_negbinomial', ['log'], [shape, zi], 'count', { implemented: true }),
  family('hurdle_poisson', ['log'], [hu], 'count', { implemented: true }),
  family('hurdle_negbinomial', ['log'], [shape, hu], 'count', { implemented: true }),
  family('hurdle_lognormal', ['identity'], [sigma, hu], 'positive', { implemented: true }),
  family('cumulative', ['logit'], [], 'ordinal', { implemented: true }),
];

const BY_NAME = new Map(CATALOG.map((f) => [f.name, f] as const));

export const contractFamilyNames: readonly string[] = CATALOG.map((f) => f.name);

/** Every family of the contract, implemented or not, in the order of docs/model-spec.md. */
export function familyCatalog(): readonly FamilyInfo[] {
  return CATALOG;
}

/** The family called `name`; SpecError listing the valid names for an unknown one. */
export function familyInfo(name: unknown): FamilyInfo {
  const info = typeof name === 'string' ? BY_NAME.get(name) : undefined;
  if (!info) throw new SpecError(`unknown family "${String(name)}"; valid families: ${contractFamilyNames.join(', ')}`, 'spec.family');
  return info;
}

/** The link `"link"` asks for (the default when absent); SpecError listing the family's links. */
export function familyLink(info: FamilyInfo, link: unknown): ContractLink {
  if (link === undefined) return info.link;
  if (typeof link !== 'string' || !(info.links as readonly string[]).includes(link)) {
    throw new SpecError(`the ${info.name} family has no link ${JSON.stringify(link)}; its links: ${info.links.join(', ')}`, 'spec.link');
  }
  return link as ContractLink;
}

/** The distributional parameter `name` of the family; SpecError listing the family's dpars. */
export function familyDpar(info: FamilyInfo, name: string): DparInfo {
  const dpar = info.dpars.find((d) => d.name === name);
  if (!dpar) {
    const list = info.dpars.length > 0 ? `its distributional parameters: ${info.dpars.map((d) => d.name).join(', ')}` : 'it has no distributional parameters besides the mean';
    throw new SpecError(`"${name}" is not a parameter of the ${info.name} family; ${list}`, `spec.dpars.${name}`);
  }
  return dpar;
}
