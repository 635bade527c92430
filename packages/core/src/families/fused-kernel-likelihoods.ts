/**
 * The kernel families' likelihoods with fused code for their default link (FusedLikelihoodCode): the
 * per-observation kernel (kernel-likelihood.ts) stays for pointwise values and as the three-pass path,
 * and the generated one-pass loop uses the code. Families without one here keep the kernel path.
 */
import type { FusedLikelihoodCode } from './types.js';
import type { ObservationKernel } from './observation-kernels.js';
import { KernelLikelihood } from './kernel-likelihood.js';
import { formatNumber } from '../codegen/format.js';
import { lgamma } from './special.js';
import { NegBinomialCounts } from './negbinomial.js';
import { LOG_GAMMA_IO, logGammaFill } from './log-gamma-fill.js';

/** The family's likelihood with fused code for its default link, or null where there is none. */
export function fusedKernelLikelihood(name: string, kernel: ObservationKernel, y: Float64Array): KernelLikelihood | null {
  switch (name) {
    case 'gamma':
      return new GammaLikelihood(kernel, y);
    case 'weibull':
      return new WeibullLikelihood(kernel, y);
    case 'exponential':
      return new ExponentialLikelihood(kernel, y);
    case 'beta':
      return new BetaLikelihood(kernel, y);
    case 'zero_inflated_poisson':
    case 'hurdle_poisson':
      return new ZeroPoissonLikelihood(kernel, y, name === 'hurdle_poisson');
    case 'zero_inflated_negbinomial':
    case 'hurdle_negbinomial':
      return new ZeroNegBinomialLikelihood(kernel, y, name === 'hurdle_negbinomial');
    case 'hurdle_lognormal':
      return new HurdleLognormalLikelihood(kernel, y);
    default:
      return null;
  }
}

/**
 * The gamma kernel likelihood with fused code for its log link: with r_i = y_i exp(-m_i),
 *   sum_i log p = N (alpha log alpha - lgamma(alpha)) - alpha sum m + (alpha - 1) sum log y - alpha sum r,
 *   d/dm_i = alpha (r_i - 1),  d/dalpha = N (log alpha + 1 - psi(alpha)) - sum m + sum log y - sum r;
 * lgamma and digamma of the shape come from prepare (once per new shape value).
 */
class GammaLikelihood extends KernelLikelihood {
  private readonly shapeTerms = Float64Array.of(NaN, NaN, NaN);
  readonly fused: FusedLikelihoodCode;

  constructor(kernel: ObservationKernel, y: Float64Array) {
    super(kernel, y, null);
    let sumLogY = 0;
    for (let i = 0; i < y.length; i++) sumLogY += Math.log(y[i]);
    const terms = this.shapeTerms;
    this.fused = {
      before: 'if (!(a0 > 0 && a0 < Infinity)) return;\nlet gsm = 0;\nlet gsr = 0;',
      perObservation: 'const gr = y * Math.exp(-m);\ngsm += m;\ngsr += gr;\nconst d = a0 * (gr - 1);',
      after: [
        `lp = N * (a0 * Math.log(a0) - V0[1]) - a0 * gsm + (a0 - 1) * ${formatNumber(sumLogY)} - a0 * gsr;`,
        `dAux[0] = N * (Math.log(a0) + 1 - V0[2]) - gsm + ${formatNumber(sumLogY)} - gsr;`,
      ].join('\n'),
      arrays: { V0: terms },
      prepare: (aux: Float64Array) => {
        const shape = aux[0];
        if (shape === terms[0] || !(shape > 0 && shape < Infinity)) return;
        terms[0] = shape;
        LOG_GAMMA_IO[0] = shape;
        logGammaFill.fill(LOG_GAMMA_IO, LOG_GAMMA_IO);
        terms[1] = LOG_GAMMA_IO[0];
        terms[2] = LOG_GAMMA_IO[1];
      },
    };
  }
}

/**
 * Weibull (log link; brms's scale lambda = mu / Gamma(1 + 1/k)) with fused code: with c = lgamma(1 + 1/k),
 * w_i = log y_i - m_i + c (log(y / lambda)) and z_i = exp(k w_i),
 *   log p_i = log k + k w_i - log y_i - z_i,  d/dm_i = k (z_i - 1),
 *   d/dk = N / k + sum (w_i - psi(1 + 1/k) / k) (1 - z_i);  c and psi(1 + 1/k) come from prepare.
 */
class WeibullLikelihood extends KernelLikelihood {
  private readonly shapeTerms = Float64Array.of(NaN, NaN, NaN);
  readonly fused: FusedLikelihoodCode;

  constructor(kernel: ObservationKernel, y: Float64Array) {
    super(kernel, y, null);
    const logY = y.map(Math.log);
    let sumLogY = 0;
    for (let i = 0; i < y.length; i++) sumLogY += logY[i];
    const terms = this.shapeTerms;
    this.fused = {
      before: 'if (!(a0 > 0 && a0 < Infinity)) return;\nconst wc = V0[1];\nconst wp = V0[2] / a0;\nlet wsl = 0;\nlet wsk = 0;',
      perObservation: 'const ww = V1[i] - m + wc;\nconst wz = Math.exp(a0 * ww);\nwsl += a0 * ww - wz;\nconst d = a0 * (wz - 1);\nwsk += (ww - wp) * (1 - wz);',
      after: `lp = N * Math.log(a0) - ${formatNumber(sumLogY)} + wsl;\ndAux[0] = N / a0 + wsk;`,
      arrays: { V0: terms, V1: logY },
      prepare: (aux: Float64Array) => {
        const shape = aux[0];
        if (shape === terms[0] || !(shape > 0 && shape < Infinity)) return;
        terms[0] = shape;
        LOG_GAMMA_IO[0] = 1 + 1 / shape;
        logGammaFill.fill(LOG_GAMMA_IO, LOG_GAMMA_IO);
        terms[1] = LOG_GAMMA_IO[0];
        terms[2] = LOG_GAMMA_IO[1];
      },
    };
  }
}

/** Exponential (log link) with fused code: log p_i = -m_i - y_i exp(-m_i), d/dm_i = y_i exp(-m_i) - 1. */
class ExponentialLikelihood extends KernelLikelihood {
  readonly fused: FusedLikelihoodCode = {
    before: 'let el = 0;',
    perObservation: 'const er = y * Math.exp(-m);\nel -= m + er;\nconst d = er - 1;',
    after: 'lp = el;',
  };

  constructor(kernel: ObservationKernel, y: Float64Array) {
    super(kernel, y, null);
  }
}

/**
 * Zero-inflated and hurdle Poisson (log link) with fused code; a0 = zi or hu. Zero-inflated: a zero has
 * log P(0) = logSumExp(log zi, log(1 - zi) - mu) (as the kernel, exact when either part is tiny), a count
 * y > 0 log(1 - zi) + y m - mu - lgamma(y + 1). Hurdle: a zero log hu, a count
 * log(1 - hu) + y m - mu - lgamma(y + 1) - log(1 - exp(-mu)), so d/dm = y - mu - mu exp(-mu) / (1 - exp(-mu)).
 */
class ZeroPoissonLikelihood extends KernelLikelihood {
  readonly fused: FusedLikelihoodCode;

  constructor(kernel: ObservationKernel, y: Float64Array, hurdle: boolean) {
    super(kernel, y, null);
    let sumLogFactorial = 0;
    for (let i = 0; i < y.length; i++) sumLogFactorial += lgamma(y[i] + 1);
    const constant = formatNumber(sumLogFactorial);
    this.fused = hurdle
      ? {
          before: 'if (!(a0 > 0 && a0 < 1)) return;\nlet hacc = 0;\nlet hpos = 0;',
          perObservation: [
            'let d = 0;',
            'if (y > 0) {',
            '  const hmu = Math.exp(m);',
            '  const hq = -Math.expm1(-hmu);',
            '  hacc += y * m - hmu - Math.log(hq);',
            '  hpos += 1;',
            '  d = y - hmu - (hmu * Math.exp(-hmu)) / hq;',
            '}',
          ].join('\n'),
          after: `lp = hacc + (N - hpos) * Math.log(a0) + hpos * Math.log1p(-a0) - ${constant};\ndAux[0] = (N - hpos) / a0 - hpos / (1 - a0);`,
        }
      : {
          before: 'if (!(a0 > 0 && a0 < 1)) return;\nconst zl = Math.log(a0);\nconst zl1 = Math.log1p(-a0);\nlet zacc = 0;\nlet zdz = 0;\nlet zpos = 0;',
          perObservation: [
            'const zmu = Math.exp(m);',
            'let d = 0;',
            'if (y === 0) {',
            // P(0) = zi + (1 - zi) e^-mu directly (both parts positive: no cancellation; it underflows only
            // if zi and e^-mu both do, where the log-sum-exp form is used instead)
            '  const ze = Math.exp(-zmu);',
            '  const zP = a0 + (1 - a0) * ze;',
            '  if (zP > 0) {',
            '    zacc += Math.log(zP);',
            '    d = (-(1 - a0) * ze * zmu) / zP;',
            '    zdz += (1 - ze) / zP;',
            '  } else {',
            '    const zb = zl1 - zmu;',
            '    const zmx = zl > zb ? zl : zb;',
            '    const zp = zmx + Math.log(Math.exp(zl - zmx) + Math.exp(zb - zmx));',
            '    zacc += zp;',
            '    d = -Math.exp(zb - zp) * zmu;',
            '    zdz += -Math.expm1(-zmu) * Math.exp(-zp);',
            '  }',
            '} else {',
            '  zacc += y * m - zmu;',
            '  zpos += 1;',
            '  d = y - zmu;',
            '}',
          ].join('\n'),
          after: `lp = zacc + zpos * zl1 - ${constant};\ndAux[0] = zdz - zpos / (1 - a0);`,
        };
  }
}

/**
 * Hurdle lognormal (mean on the log scale) with fused code; aux [sigma, hu]. A zero: log hu; y > 0:
 * log(1 - hu) + log N(log y | m, sigma) - log y, so d/dm = z / sigma with z = (log y - m) / sigma.
 */
class HurdleLognormalLikelihood extends KernelLikelihood {
  readonly fused: FusedLikelihoodCode;

  constructor(kernel: ObservationKernel, y: Float64Array) {
    super(kernel, y, null);
    const logY = y.map((v) => (v > 0 ? Math.log(v) : 0));
    let sumLogY = 0;
    for (let i = 0; i < y.length; i++) sumLogY += logY[i];
    this.fused = {
      before: 'if (!(a0 > 0 && a0 < Infinity && a1 > 0 && a1 < 1)) return;\nconst hsi = 1 / a0;\nlet hss = 0;\nlet hpos = 0;',
      perObservation: 'let d = 0;\nif (y > 0) {\n  const hz = (V0[i] - m) * hsi;\n  hss += hz * hz;\n  hpos += 1;\n  d = hz * hsi;\n}',
      after: [
        `lp = hpos * (Math.log1p(-a1) - ${formatNumber(0.5 * Math.log(2 * Math.PI))} - Math.log(a0)) - ${formatNumber(sumLogY)} - 0.5 * hss + (N - hpos) * Math.log(a1);`,
        'dAux[0] = (hss - hpos) * hsi;',
        'dAux[1] = (N - hpos) / a1 - hpos / (1 - a1);',
      ].join('\n'),
      arrays: { V0: logY },
    };
  }
}

/** The NB2 softplus terms of one observation (negbinomial.ts): t = m - log phi, p = mu / (mu + phi), q = 1 - p. */
const NB_TERMS = [
  'const nbt = m - nbl0;',
  'const nbe = Math.exp(-Math.abs(nbt));',
  'const nbl = Math.log1p(nbe);',
  'const nbp = nbt >= 0 ? 1 / (1 + nbe) : nbe / (1 + nbe);',
  'const nbq = nbt >= 0 ? nbe / (1 + nbe) : 1 / (1 + nbe);',
  'const nbsp = (nbt > 0 ? nbt : 0) + nbl;',
  'const nb0 = -a0 * nbsp;',
];

/**
 * Zero-inflated and hurdle negative binomial (log link) with fused code; aux [shape, zi or hu]. The
 * count terms lgamma(y + phi) - lgamma(phi) - lgamma(y + 1) and their phi-derivative come from the
 * count table (NegBinomialCounts, prepare); log NB(0) = -phi softplus(t). Zero-inflated: a zero has
 * logSumExp(log zi, log(1 - zi) + log NB(0)), a count log(1 - zi) + log NB(y). Hurdle: a zero log hu,
 * a count log(1 - hu) + log NB(y) - log(1 - NB(0)).
 */
class ZeroNegBinomialLikelihood extends KernelLikelihood {
  readonly fused: FusedLikelihoodCode;
  private readonly counts: NegBinomialCounts;
  private readonly countTerms = new Float64Array(2);

  constructor(kernel: ObservationKernel, y: Float64Array, hurdle: boolean) {
    super(kernel, y, null);
    this.counts = new NegBinomialCounts(y);
    const before = 'if (!(a0 > 0 && a0 < Infinity && a1 > 0 && a1 < 1)) return;\nconst nbl0 = Math.log(a0);\nconst nbi0 = 1 / a0;\nlet zacc = 0;\nlet dphi = 0;\nlet dz = 0;\nlet zpos = 0;';
    const positive = [
      '  zacc += nb0 - y * ((nbt < 0 ? -nbt : 0) + nbl);',
      '  zpos += 1;',
      '  d = y * nbq - a0 * nbp;',
      '  dphi += nbp - nbsp - y * nbq * nbi0;',
    ];
    this.fused = {
      before: hurdle ? before : `${before}\nconst zl = Math.log(a1);\nconst zl1 = Math.log1p(-a1);`,
      perObservation: [
        ...NB_TERMS,
        'let d = 0;',
        ...(hurdle
          ? [
              'if (y > 0) {',
              ...positive,
              '  const hw = Math.exp(nb0) / -Math.expm1(nb0);',
              '  zacc -= Math.log(-Math.expm1(nb0));',
              '  d -= hw * a0 * nbp;',
              '  dphi += hw * (nbp - nbsp);',
              '}',
            ]
          : [
              'if (y === 0) {',
              '  const zb = zl1 + nb0;',
              '  const zmx = zl > zb ? zl : zb;',
              '  const zp = zmx + Math.log(Math.exp(zl - zmx) + Math.exp(zb - zmx));',
              '  const zw = Math.exp(zb - zp);',
              '  zacc += zp;',
              '  d = -zw * a0 * nbp;',
              '  dphi += zw * (nbp - nbsp);',
              '  dz += -Math.expm1(nb0) * Math.exp(-zp);',
              '} else {',
              ...positive,
              '}',
            ]),
      ].join('\n'),
      after: hurdle
        ? 'lp = zacc + V0[0] + zpos * Math.log1p(-a1) + (N - zpos) * Math.log(a1);\ndAux[0] = dphi + V0[1];\ndAux[1] = (N - zpos) / a1 - zpos / (1 - a1);'
        : 'lp = zacc + zpos * zl1 + V0[0];\ndAux[0] = dphi + V0[1];\ndAux[1] = dz - zpos / (1 - a1);',
      arrays: { V0: this.countTerms },
      prepare: (aux: Float64Array) => this.counts.fillTerms(aux[0], this.countTerms),
    };
  }
}

/**
 * Beta (logit link; brms's mean mu and precision phi: a = mu phi, b = (1 - mu) phi) with fused code:
 *   log p_i = lgamma(phi) - lgamma(a) - lgamma(b) + (a - 1) log y + (b - 1) log(1 - y),
 *   d/dm_i = phi mu (1 - mu) (log y - log(1 - y) - psi(a) + psi(b)),
 *   d/dphi = sum psi(phi) - mu psi(a) - (1 - mu) psi(b) + mu log y + (1 - mu) log(1 - y);
 * lgamma and digamma per observation through logGammaFill (arrays in and out: no allocation).
 */
class BetaLikelihood extends KernelLikelihood {
  readonly fused: FusedLikelihoodCode;

  constructor(kernel: ObservationKernel, y: Float64Array) {
    super(kernel, y, null);
    const phiTerms = Float64Array.of(NaN, NaN, NaN);
    this.fused = {
      before: 'if (!(a0 > 0 && a0 < Infinity)) return;\nlet bacc = 0;\nlet bdphi = 0;',
      perObservation: [
        'const bmu = m >= 0 ? 1 / (1 + Math.exp(-m)) : Math.exp(m) / (1 + Math.exp(m));',
        'const bnu = m >= 0 ? Math.exp(-m) / (1 + Math.exp(-m)) : 1 / (1 + Math.exp(m));',
        'V3[0] = bmu * a0;',
        'LG.fill(V3, V4);',
        'const blga = V4[0];',
        'const bpsa = V4[1];',
        'V3[0] = bnu * a0;',
        'LG.fill(V3, V4);',
        'bacc += (bmu * a0 - 1) * V1[i] + (bnu * a0 - 1) * V2[i] - blga - V4[0];',
        'const d = a0 * bmu * bnu * (V1[i] - V2[i] - bpsa + V4[1]);',
        'bdphi += bmu * (V1[i] - bpsa) + bnu * (V2[i] - V4[1]);',
      ].join('\n'),
      after: 'lp = bacc + N * V0[1];\ndAux[0] = bdphi + N * V0[2];',
      arrays: { V0: phiTerms, V1: y.map(Math.log), V2: y.map((v) => Math.log1p(-v)), V3: new Float64Array(1), V4: new Float64Array(2) },
      functions: { LG: logGammaFill },
      prepare: (aux: Float64Array) => {
        const phi = aux[0];
        if (phi === phiTerms[0] || !(phi > 0 && phi < Infinity)) return;
        phiTerms[0] = phi;
        LOG_GAMMA_IO[0] = phi;
        logGammaFill.fill(LOG_GAMMA_IO, LOG_GAMMA_IO);
        phiTerms[1] = LOG_GAMMA_IO[0];
        phiTerms[2] = LOG_GAMMA_IO[1];
      },
    };
  }
}

