/** Five-point finite differences of slot 0 of an observation function in one parameter. */

export type Kind = 'real' | 'pos' | 'prob';

/** A step that keeps the parameter inside its domain, scaled to its value. */
export function stepFor(x: number, kind: Kind): number {
  if (kind === 'prob') return 1e-4 * Math.min(x, 1 - x);
  if (kind === 'pos') return 1e-4 * x;
  return 1e-4; // a location: absolute, since its spread (sigma) is not tied to its size
}

/** (-f(x+2h) + 8 f(x+h) - 8 f(x-h) + f(x-2h)) / 12h: truncation error O(h^4). */
export function fivePoint(f: (x: number) => number, x: number, h: number): number {
  return (-f(x + 2 * h) + 8 * f(x + h) - 8 * f(x - h) + f(x - 2 * h)) / (12 * h);
}

/**
 * |analytic - numeric| within rel |analytic| plus the finite difference's own noise: a value
 * accurate to `valueRel` (relative, from cancelling terms such as shape log shape - lgamma(shape))
 * differenced over a step h.
 */
export function derivativeAgrees(
  analytic: number,
  numeric: number,
  value: number,
  h: number,
  rel = 1e-6,
  valueRel = 1e-13,
): boolean {
  const noise = (valueRel * (1 + Math.abs(value))) / h;
  return Math.abs(analytic - numeric) <= rel * Math.abs(analytic) + noise;
}
