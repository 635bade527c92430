/**
 * Where a prior puts a parameter on the sampler's (unconstrained) scale: a centre and a spread. The
 * default priors are scaled to the data (defaults.ts), so on data far from scale 1 (y in units of
 * 1e-6, x in 1e6, y offset by 1e9) these say where the posterior is, when inits on uniform(-2, 2)
 * are thousands of prior scales away. A sampler may start and adapt in these units (an affine
 * reparameterisation: the posterior is the same).
 */
import type { BoundKind } from '../transforms/index.js';

export interface UnconstrainedScale {
  centre: number;
  scale: number;
}

/** Location and scale of a prior on the real line; null for families without them. */
function locationScale(family: string, args: readonly number[]): UnconstrainedScale | null {
  switch (family) {
    case 'normal':
    case 'cauchy':
      return { centre: args[0], scale: args[1] };
    case 'student_t':
      return { centre: args[1], scale: args[2] };
    default:
      return null;
  }
}

/** A typical size of x - lower for a prior on a lower-bounded parameter; null if none. */
function typicalExcess(family: string, args: readonly number[], lower: number): number | null {
  const loc = locationScale(family, args);
  if (loc) return Math.max(Math.abs(loc.centre - lower), loc.scale); // half-normal, half-t, ...
  switch (family) {
    case 'exponential':
      return 1 / args[0];
    case 'gamma':
      return args[0] / args[1];
    case 'lognormal':
      return Math.exp(args[0]);
    default:
      return null;
  }
}

/**
 * The prior's centre and scale on the unconstrained scale of a parameter with this transform:
 * identity -> the prior's location and scale; lower bound (log(x - lower)) -> log of a typical
 * x - lower, scale 1; anything else (upper or interval bounds, lkj) -> null (leave it as it is).
 */
export function unconstrainedPriorScale(
  prior: { family: string; args: readonly number[] },
  transform: { kind: BoundKind; lower: number },
): UnconstrainedScale | null {
  if (transform.kind === 'identity') {
    const loc = locationScale(prior.family, prior.args);
    return loc && Number.isFinite(loc.centre) && loc.scale > 0 && Number.isFinite(loc.scale) ? loc : null;
  }
  if (transform.kind === 'lower') {
    const m = typicalExcess(prior.family, prior.args, transform.lower);
    return m !== null && m > 0 && Number.isFinite(m) ? { centre: Math.log(m), scale: 1 } : null;
  }
  return null;
}
