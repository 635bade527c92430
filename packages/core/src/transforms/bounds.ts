/**
 * Scalar transforms from the unconstrained real line to a parameter's range (nuts.md, Transforms):
 *   identity:        x = y,                          log J = 0
 *   lower bound a:   x = a + exp(y),                 log J = y
 *   upper bound b:   x = b - exp(y),                 log J = y
 *   interval (a, b): x = a + (b - a) inv_logit(y),   log J = log(b - a) - |y| - 2 log1p(exp(-|y|))
 * `gradient(y, dfdx)` is the chain rule for the sampler: d/dy [f(x(y)) + log J(y)] given df/dx.
 * `unconstrain` is the inverse map, for user-supplied initial values.
 */
import { SpecError } from '../errors.js';

export type BoundKind = 'identity' | 'lower' | 'upper' | 'interval';

/**
 * The transform as JavaScript for generated parameter code: the same operations as the methods, in
 * the same order (so the numbers are identical). `y` names the unconstrained value; constants come
 * from `constant(v)`, which binds v and returns code reading it; `prelude` declares temporaries
 * (names starting with `t`) the other parts use.
 */
export interface TransformCode {
  prelude: string[];
  constrain: string;
  logJacobian: string;
  /**
   * Temporaries for `gradient`, which may read `x` (the constrained value, already computed by the
   * forward pass): with a bound at 0, exp(y) is x itself, exactly, so the backward pass need not
   * recompute it.
   */
  gradientPrelude(x: string): string[];
  /** `dfdx` must be one operand (parenthesised if it is a sum). */
  gradient(dfdx: string): string;
}

export interface ScalarTransform {
  readonly kind: BoundKind;
  readonly lower: number;
  readonly upper: number;
  code(y: string, constant: (value: number) => string): TransformCode;
  constrain(y: number): number;
  logJacobian(y: number): number;
  /** d/dy [f(constrain(y)) + logJacobian(y)] given dfdx = df/dx at x = constrain(y). */
  gradient(y: number, dfdx: number): number;
  /** Inverse map. SpecError (naming `name`) when x is not strictly inside (lower, upper). */
  unconstrain(x: number, name?: string): number;
}

function outside(x: number, lower: number, upper: number, name: string | undefined): never {
  throw new SpecError(
    `initial value ${x} for ${name ?? 'the parameter'} is not strictly inside its range (${lower}, ${upper})`,
    'inits',
  );
}

class IdentityTransform implements ScalarTransform {
  readonly kind = 'identity';
  readonly lower = -Infinity;
  readonly upper = Infinity;
  code(y: string): TransformCode {
    return { prelude: [], constrain: y, logJacobian: '0', gradientPrelude: () => [], gradient: (dfdx) => dfdx };
  }
  constrain(y: number): number {
    return y;
  }
  logJacobian(_y: number): number {
    return 0;
  }
  gradient(_y: number, dfdx: number): number {
    return dfdx;
  }
  unconstrain(x: number, name?: string): number {
    if (!Number.isFinite(x)) outside(x, this.lower, this.upper, name);
    return x;
  }
}

class LowerBoundTransform implements ScalarTransform {
  readonly kind = 'lower';
  readonly upper = Infinity;
  constructor(readonly lower: number) {}
  code(y: string, constant: (value: number) => string): TransformCode {
    const exp = `const tE = Math.exp(${y});`;
    return {
      prelude: [exp],
      constrain: `${constant(this.lower)} + tE`,
      logJacobian: y,
      // 0 + e === e exactly
      gradientPrelude: (x) => (this.lower === 0 ? [`const tE = ${x};`] : [exp]),
      gradient: (dfdx) => `${dfdx} * tE + 1`,
    };
  }
  constrain(y: number): number {
    return this.lower + Math.exp(y);
  }
  logJacobian(y: number): number {
    return y;
  }
  gradient(y: number, dfdx: number): number {
    return dfdx * Math.exp(y) + 1;
  }
  unconstrain(x: number, name?: string): number {
    if (!(x > this.lower && x < Infinity)) outside(x, this.lower, this.upper, name);
    return Math.log(x - this.lower);
  }
}

class UpperBoundTransform implements ScalarTransform {
  readonly kind = 'upper';
  readonly lower = -Infinity;
  constructor(readonly upper: number) {}
  code(y: string, constant: (value: number) => string): TransformCode {
    const exp = `const tE = Math.exp(${y});`;
    return {
      prelude: [exp],
      constrain: `${constant(this.upper)} - tE`,
      logJacobian: y,
      // 0 - e === -e exactly
      gradientPrelude: (x) => (this.upper === 0 ? [`const tE = -${x};`] : [exp]),
      gradient: (dfdx) => `-(${dfdx}) * tE + 1`,
    };
  }
  constrain(y: number): number {
    return this.upper - Math.exp(y);
  }
  logJacobian(y: number): number {
    return y;
  }
  gradient(y: number, dfdx: number): number {
    return -dfdx * Math.exp(y) + 1;
  }
  unconstrain(x: number, name?: string): number {
    if (!(x < this.upper && x > -Infinity)) outside(x, this.lower, this.upper, name);
    return Math.log(this.upper - x);
  }
}

class IntervalTransform implements ScalarTransform {
  readonly kind = 'interval';
  private readonly width: number;
  private readonly logWidth: number;
  constructor(
    readonly lower: number,
    readonly upper: number,
  ) {
    this.width = upper - lower;
    this.logWidth = Math.log(this.width);
  }
  code(y: string, constant: (value: number) => string): TransformCode {
    const prelude = [
      `const tA = Math.abs(${y});`,
      'const tE = Math.exp(-tA);',
      `const tS = ${y} >= 0 ? 1 / (1 + tE) : tE / (1 + tE);`,
      `const tC = ${y} >= 0 ? tE / (1 + tE) : 1 / (1 + tE);`,
    ];
    return {
      prelude,
      gradientPrelude: () => prelude,
      constrain: `${constant(this.lower)} + ${constant(this.width)} * tS`,
      logJacobian: `${constant(this.logWidth)} - tA - 2 * Math.log1p(tE)`,
      gradient: (dfdx) => `${dfdx} * ${constant(this.width)} * tS * tC + (tC - tS)`,
    };
  }
  constrain(y: number): number {
    const e = Math.exp(-Math.abs(y));
    const s = y >= 0 ? 1 / (1 + e) : e / (1 + e);
    return this.lower + this.width * s;
  }
  logJacobian(y: number): number {
    const a = Math.abs(y);
    return this.logWidth - a - 2 * Math.log1p(Math.exp(-a));
  }
  gradient(y: number, dfdx: number): number {
    const e = Math.exp(-Math.abs(y));
    const s = y >= 0 ? 1 / (1 + e) : e / (1 + e);
    const sc = y >= 0 ? e / (1 + e) : 1 / (1 + e); // 1 - s without cancellation
    return dfdx * this.width * s * sc + (sc - s);
  }
  unconstrain(x: number, name?: string): number {
    if (!(x > this.lower && x < this.upper)) outside(x, this.lower, this.upper, name);
    // logit((x - a) / (b - a)) written as log(x - a) - log(b - x) to keep precision near both ends
    return Math.log(x - this.lower) - Math.log(this.upper - x);
  }
}

/** The transform for a parameter with range (lower, upper); infinite bounds mean "unbounded". */
export function boundTransform(lower = -Infinity, upper = Infinity): ScalarTransform {
  if (Number.isNaN(lower) || Number.isNaN(upper) || !(lower < upper) || lower === Infinity || upper === -Infinity) {
    throw new SpecError(`invalid parameter bounds (${lower}, ${upper}): need lower < upper`);
  }
  const hasLower = lower > -Infinity;
  const hasUpper = upper < Infinity;
  if (hasLower && hasUpper) return new IntervalTransform(lower, upper);
  if (hasLower) return new LowerBoundTransform(lower);
  if (hasUpper) return new UpperBoundTransform(upper);
  return new IdentityTransform();
}

export const identityTransform: ScalarTransform = new IdentityTransform();
