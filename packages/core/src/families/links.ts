/** Link functions g (mean -> linear predictor) and their inverses, by link name. */
import type { LinkName } from './types.js';
import { invLogit } from './special.js';

export function inverseLink(link: LinkName, eta: number): number {
  switch (link) {
    case 'identity':
      return eta;
    case 'log':
      return Math.exp(eta);
    case 'logit':
      return invLogit(eta);
  }
}

/** g(mu); -Infinity / Infinity at the edges of the mean's range (log 0, logit 0, logit 1). */
export function applyLink(link: LinkName, mu: number): number {
  switch (link) {
    case 'identity':
      return mu;
    case 'log':
      return Math.log(mu);
    case 'logit':
      return Math.log(mu) - Math.log1p(-mu);
  }
}
