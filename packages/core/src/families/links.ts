/** Link functions g (mean -> linear predictor) and their inverses, by link name. */
import type { LinkName } from './types.js';
import { invLogit } from './special.js';
import { applyLinkExt, invLinkExt } from './links-ext.js';

const LINK = new Float64Array(2);

export function inverseLink(link: LinkName, eta: number): number {
  switch (link) {
    case 'identity':
      return eta;
    case 'log':
      return Math.exp(eta);
    case 'logit':
      return invLogit(eta);
    case 'probit':
    case 'cloglog':
      invLinkExt(link, eta, LINK);
      return LINK[0];
  }
}

/** g(mu); -Infinity / Infinity at the edges of the mean's range (log 0, logit 0, logit 1). One definition: links-ext.ts. */
export function applyLink(link: LinkName, mu: number): number {
  return applyLinkExt(link, mu);
}
