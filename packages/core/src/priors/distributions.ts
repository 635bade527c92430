/**
 * The scalar prior distributions. Each is a small class whose constructor precomputes the constant
 * part of its log density, so lpdf / grad are a few flops. Arguments are validated by makePrior
 * (in parse.ts) before construction, so constructors trust them.
 */
import type { PriorCodePart, PriorDist, ScalarPriorFamily, Support } from './types.js';
import { incompleteBeta, incompleteGamma as incompleteGammaTails, lgamma, normalTails, studentTails } from './special.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const LOG_PI = Math.log(Math.PI);

/** Formats a number so that Number(formatNumber(x)) === x, -0 included. */
export function formatNumber(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

abstract class ScalarPrior implements PriorDist {
  abstract readonly family: ScalarPriorFamily;
  readonly args: number[];
  readonly text: string;
  abstract readonly support: Support;
  constructor(family: ScalarPriorFamily, args: number[]) {
    this.args = args.slice();
    this.text = `${family}(${args.map(formatNumber).join(', ')})`;
  }
  abstract lpdf(x: number): number;
  abstract grad(x: number): number;
  abstract code(x: string, constant: (value: number) => string): { lpdf: PriorCodePart; grad: PriorCodePart };
  abstract cdf(x: number): number;
  abstract ccdf(x: number): number;
}

export class NormalPrior extends ScalarPrior {
  readonly family = 'normal';
  readonly support: Support = { lower: -Infinity, upper: Infinity };
  private readonly mu: number;
  private readonly sigma: number;
  private readonly logConst: number;
  constructor(mu: number, sigma: number) {
    super('normal', [mu, sigma]);
    this.mu = mu;
    this.sigma = sigma;
    this.logConst = -HALF_LOG_2PI - Math.log(sigma);
  }
  code(x: string, c: (value: number) => string) {
    const z = `const pZ = (${x} - ${c(this.mu)}) / ${c(this.sigma)};`;
    return {
      lpdf: { prelude: [z], value: `${c(this.logConst)} - 0.5 * pZ * pZ` },
      grad: { prelude: [], value: `-(${x} - ${c(this.mu)}) / (${c(this.sigma)} * ${c(this.sigma)})` },
    };
  }
  lpdf(x: number): number {
    const z = (x - this.mu) / this.sigma;
    return this.logConst - 0.5 * z * z;
  }
  grad(x: number): number {
    return -(x - this.mu) / (this.sigma * this.sigma);
  }
  cdf(x: number): number {
    return normalTails((x - this.mu) / this.sigma).lower;
  }
  ccdf(x: number): number {
    return normalTails((x - this.mu) / this.sigma).upper;
  }
}

export class StudentTPrior extends ScalarPrior {
  readonly family = 'student_t';
  readonly support: Support = { lower: -Infinity, upper: Infinity };
  private readonly nu: number;
  private readonly mu: number;
  private readonly sigma: number;
  private readonly logConst: number;
  constructor(nu: number, mu: number, sigma: number) {
    super('student_t', [nu, mu, sigma]);
    this.nu = nu;
    this.mu = mu;
    this.sigma = sigma;
    this.logConst = lgamma(0.5 * (nu + 1)) - lgamma(0.5 * nu) - 0.5 * (Math.log(nu) + LOG_PI) - Math.log(sigma);
  }
  code(x: string, c: (value: number) => string) {
    const z = `const pZ = (${x} - ${c(this.mu)}) / ${c(this.sigma)};`;
    return {
      lpdf: { prelude: [z], value: `${c(this.logConst)} - 0.5 * (${c(this.nu)} + 1) * Math.log1p((pZ * pZ) / ${c(this.nu)})` },
      grad: { prelude: [z], value: `(-(${c(this.nu)} + 1) * pZ) / (${c(this.sigma)} * (${c(this.nu)} + pZ * pZ))` },
    };
  }
  lpdf(x: number): number {
    const z = (x - this.mu) / this.sigma;
    return this.logConst - 0.5 * (this.nu + 1) * Math.log1p((z * z) / this.nu);
  }
  grad(x: number): number {
    const z = (x - this.mu) / this.sigma;
    return (-(this.nu + 1) * z) / (this.sigma * (this.nu + z * z));
  }
  cdf(x: number): number {
    return studentTails((x - this.mu) / this.sigma, this.nu).lower;
  }
  ccdf(x: number): number {
    return studentTails((x - this.mu) / this.sigma, this.nu).upper;
  }
}

export class CauchyPrior extends ScalarPrior {
  readonly family = 'cauchy';
  readonly support: Support = { lower: -Infinity, upper: Infinity };
  private readonly mu: number;
  private readonly sigma: number;
  private readonly logConst: number;
  constructor(mu: number, sigma: number) {
    super('cauchy', [mu, sigma]);
    this.mu = mu;
    this.sigma = sigma;
    this.logConst = -LOG_PI - Math.log(sigma);
  }
  code(x: string, c: (value: number) => string) {
    const z = `const pZ = (${x} - ${c(this.mu)}) / ${c(this.sigma)};`;
    return {
      lpdf: { prelude: [z], value: `${c(this.logConst)} - Math.log1p(pZ * pZ)` },
      grad: { prelude: [z], value: `(-2 * pZ) / (${c(this.sigma)} * (1 + pZ * pZ))` },
    };
  }
  lpdf(x: number): number {
    const z = (x - this.mu) / this.sigma;
    return this.logConst - Math.log1p(z * z);
  }
  grad(x: number): number {
    const z = (x - this.mu) / this.sigma;
    return (-2 * z) / (this.sigma * (1 + z * z));
  }
  // atan(1/z) form for the far tail keeps relative accuracy where 0.5 - atan(z)/pi would cancel.
  cdf(x: number): number {
    const z = (x - this.mu) / this.sigma;
    return z < 0 ? Math.atan(-1 / z) / Math.PI : 0.5 + Math.atan(z) / Math.PI;
  }
  ccdf(x: number): number {
    const z = (x - this.mu) / this.sigma;
    return z > 0 ? Math.atan(1 / z) / Math.PI : 0.5 - Math.atan(z) / Math.PI;
  }
}

export class ExponentialPrior extends ScalarPrior {
  readonly family = 'exponential';
  readonly support: Support = { lower: 0, upper: Infinity };
  private readonly rate: number;
  private readonly logRate: number;
  constructor(rate: number) {
    super('exponential', [rate]);
    this.rate = rate;
    this.logRate = Math.log(rate);
  }
  code(x: string, c: (value: number) => string) {
    return {
      lpdf: { prelude: [], value: `(${x} >= 0 ? ${c(this.logRate)} - ${c(this.rate)} * ${x} : -Infinity)` },
      grad: { prelude: [], value: `(${x} >= 0 ? -${c(this.rate)} : 0)` },
    };
  }
  lpdf(x: number): number {
    return x >= 0 ? this.logRate - this.rate * x : -Infinity;
  }
  grad(x: number): number {
    return x >= 0 ? -this.rate : 0;
  }
  cdf(x: number): number {
    return x > 0 ? -Math.expm1(-this.rate * x) : 0;
  }
  ccdf(x: number): number {
    return x > 0 ? Math.exp(-this.rate * x) : 1;
  }
}

export class GammaPrior extends ScalarPrior {
  readonly family = 'gamma';
  readonly support: Support = { lower: 0, upper: Infinity };
  private readonly shape: number;
  private readonly rate: number;
  private readonly logConst: number;
  constructor(shape: number, rate: number) {
    super('gamma', [shape, rate]);
    this.shape = shape;
    this.rate = rate;
    this.logConst = shape * Math.log(rate) - lgamma(shape);
  }
  code(x: string, c: (value: number) => string) {
    const atZero = this.shape === 1 ? c(this.logConst) : this.shape < 1 ? 'Infinity' : '-Infinity';
    return {
      lpdf: {
        prelude: [],
        value: `(${x} < 0 ? -Infinity : ${x} === 0 ? ${atZero} : ${c(this.logConst)} + (${c(this.shape)} - 1) * Math.log(${x}) - ${c(this.rate)} * ${x})`,
      },
      grad: { prelude: [], value: `(${x} > 0 ? (${c(this.shape)} - 1) / ${x} - ${c(this.rate)} : 0)` },
    };
  }
  lpdf(x: number): number {
    if (x < 0) return -Infinity;
    if (x === 0) return this.shape === 1 ? this.logConst : this.shape < 1 ? Infinity : -Infinity;
    return this.logConst + (this.shape - 1) * Math.log(x) - this.rate * x;
  }
  grad(x: number): number {
    return x > 0 ? (this.shape - 1) / x - this.rate : 0;
  }
  cdf(x: number): number {
    return incompleteGammaTails(this.shape, this.rate * x).lower;
  }
  ccdf(x: number): number {
    return incompleteGammaTails(this.shape, this.rate * x).upper;
  }
}

export class LognormalPrior extends ScalarPrior {
  readonly family = 'lognormal';
  readonly support: Support = { lower: 0, upper: Infinity };
  private readonly mu: number;
  private readonly sigma: number;
  private readonly logConst: number;
  constructor(mu: number, sigma: number) {
    super('lognormal', [mu, sigma]);
    this.mu = mu;
    this.sigma = sigma;
    this.logConst = -HALF_LOG_2PI - Math.log(sigma);
  }
  code(x: string, c: (value: number) => string) {
    return {
      lpdf: {
        prelude: [`const pL = Math.log(${x});`, `const pZ = (pL - ${c(this.mu)}) / ${c(this.sigma)};`],
        value: `(${x} > 0 ? ${c(this.logConst)} - pL - 0.5 * pZ * pZ : -Infinity)`,
      },
      grad: { prelude: [], value: `(${x} > 0 ? -(1 + (Math.log(${x}) - ${c(this.mu)}) / (${c(this.sigma)} * ${c(this.sigma)})) / ${x} : 0)` },
    };
  }
  lpdf(x: number): number {
    if (!(x > 0)) return -Infinity;
    const lx = Math.log(x);
    const z = (lx - this.mu) / this.sigma;
    return this.logConst - lx - 0.5 * z * z;
  }
  grad(x: number): number {
    if (!(x > 0)) return 0;
    return -(1 + (Math.log(x) - this.mu) / (this.sigma * this.sigma)) / x;
  }
  cdf(x: number): number {
    return x > 0 ? normalTails((Math.log(x) - this.mu) / this.sigma).lower : 0;
  }
  ccdf(x: number): number {
    return x > 0 ? normalTails((Math.log(x) - this.mu) / this.sigma).upper : 1;
  }
}

export class UniformPrior extends ScalarPrior {
  readonly family = 'uniform';
  readonly support: Support;
  private readonly logDensity: number;
  constructor(lower: number, upper: number) {
    super('uniform', [lower, upper]);
    this.support = { lower, upper };
    this.logDensity = -Math.log(upper - lower);
  }
  code(x: string, c: (value: number) => string) {
    return {
      lpdf: { prelude: [], value: `(${x} >= ${c(this.support.lower)} && ${x} <= ${c(this.support.upper)} ? ${c(this.logDensity)} : -Infinity)` },
      grad: { prelude: [], value: '0' },
    };
  }
  lpdf(x: number): number {
    return x >= this.support.lower && x <= this.support.upper ? this.logDensity : -Infinity;
  }
  grad(_x: number): number {
    return 0;
  }
  cdf(x: number): number {
    const { lower, upper } = this.support;
    return x <= lower ? 0 : x >= upper ? 1 : (x - lower) / (upper - lower);
  }
  ccdf(x: number): number {
    const { lower, upper } = this.support;
    return x <= lower ? 1 : x >= upper ? 0 : (upper - x) / (upper - lower);
  }
}

/** beta(a, b) on [0, 1]: density x^(a-1) (1-x)^(b-1) / B(a, b). */
export class BetaPrior extends ScalarPrior {
  readonly family = 'beta';
  readonly support: Support = { lower: 0, upper: 1 };
  private readonly a: number;
  private readonly b: number;
  private readonly logConst: number;
  constructor(a: number, b: number) {
    super('beta', [a, b]);
    this.a = a;
    this.b = b;
    this.logConst = lgamma(a + b) - lgamma(a) - lgamma(b);
  }
  code(x: string, c: (value: number) => string) {
    const at = (e: number) => (e === 1 ? c(this.logConst) : e < 1 ? 'Infinity' : '-Infinity');
    return {
      lpdf: {
        prelude: [],
        value: `(${x} < 0 || ${x} > 1 ? -Infinity : ${x} === 0 ? ${at(this.a)} : ${x} === 1 ? ${at(this.b)} : ${c(this.logConst)} + (${c(this.a)} - 1) * Math.log(${x}) + (${c(this.b)} - 1) * Math.log1p(-${x}))`,
      },
      grad: { prelude: [], value: `(${x} > 0 && ${x} < 1 ? (${c(this.a)} - 1) / ${x} - (${c(this.b)} - 1) / (1 - ${x}) : 0)` },
    };
  }
  lpdf(x: number): number {
    if (x < 0 || x > 1) return -Infinity;
    if (x === 0) return this.a === 1 ? this.logConst : this.a < 1 ? Infinity : -Infinity;
    if (x === 1) return this.b === 1 ? this.logConst : this.b < 1 ? Infinity : -Infinity;
    return this.logConst + (this.a - 1) * Math.log(x) + (this.b - 1) * Math.log1p(-x);
  }
  grad(x: number): number {
    return x > 0 && x < 1 ? (this.a - 1) / x - (this.b - 1) / (1 - x) : 0;
  }
  cdf(x: number): number {
    return incompleteBeta(this.a, this.b, x, 1 - x).lower;
  }
  ccdf(x: number): number {
    return incompleteBeta(this.a, this.b, x, 1 - x).upper;
  }
}
