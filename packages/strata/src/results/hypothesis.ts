/**
 * brms hypothesis(): "left < right", "left > right" or "left = right" on any of a fit's parameters,
 * evaluated per draw as h = left - right. As brms (hypothesis.R, evidence_ratio) computes it:
 *   Estimate, Est.Error: mean and sd of h;
 *   interval: the 90% interval (alpha, 1 - alpha) with the open end at -Inf ('<') or Inf ('>') for a
 *     one-sided hypothesis, the 95% interval (alpha/2, 1 - alpha/2) for '='; alpha = 0.05;
 *   evidence ratio: for '<' #(h < 0) / #(h >= 0), for '>' #(h > 0) / #(h <= 0) (Inf when every draw
 *     agrees); posterior probability ER / (1 + ER) (1 when ER is Inf), i.e. the share of draws that agree;
 *   for '=': brms's Savage-Dickey ratio needs prior draws (sample_prior), which a fit does not keep,
 *     so the evidence ratio and posterior probability are null (brms: NA without prior draws);
 *   star: the interval excludes 0.
 * A name not in the fit is tried with brms's "b_" prefix (hypothesis(fit, "Days > 0") as in brms);
 * an unknown name is a SpecError naming it and the closest parameter name.
 */
import { SpecError } from '@strata/core';
import { closestName } from '../fit-options.js';
import { mean, quantileOfSorted, sd, sortedCopy } from '../stats.js';
import { columnOf, pooledDraws, type FitData } from './fit-data.js';
import { evaluate, namesOf, parseExpression, type Expr } from './hypothesis-expression.js';
import { checkResultOptions } from './result-options.js';

export interface HypothesisOptions {
  /** Default 0.05: 90% intervals for one-sided, 95% for two-sided hypotheses (as brms). */
  alpha?: number;
}

export interface HypothesisRow {
  /** As brms writes it: "(left)-(right) < 0" (the "-(right)" left out when right is 0). */
  hypothesis: string;
  sign: '<' | '>' | '=';
  estimate: number;
  estError: number;
  lower: number;
  upper: number;
  evidenceRatio: number | null;
  postProb: number | null;
  /** True when the interval excludes 0 (brms's '*'). */
  star: boolean;
  /** h per draw (pooled, chain-major). */
  draws: Float64Array;
}

function splitComparison(text: string): { left: string; sign: '<' | '>' | '='; right: string } {
  let depth = 0;
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (depth === 0 && (c === '<' || c === '>' || c === '=')) at.push(i);
  }
  if (at.length !== 1) {
    throw new SpecError(`hypothesis "${text}" must be of the form 'left < right', 'left > right' or 'left = right' (one comparison)`, 'hypothesis');
  }
  return { left: text.slice(0, at[0]).trim(), sign: text[at[0]] as '<' | '>' | '=', right: text.slice(at[0] + 1).trim() };
}

/** The fit's name for a name in a hypothesis: as written, else with brms's class prefix b_. */
function resolveName(fit: FitData, name: string, text: string): string {
  if (columnOf(fit, name) !== undefined) return name;
  if (columnOf(fit, `b_${name}`) !== undefined) return `b_${name}`;
  const hint = closestName(name, fit.names) ?? closestName(`b_${name}`, fit.names);
  throw new SpecError(
    `hypothesis "${text}": unknown parameter "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; parameters are the fit's names such as ${fit.names.slice(0, 4).join(', ')}`,
    'hypothesis',
  );
}

function evaluateOne(fit: FitData, text: string, alpha: number): HypothesisRow {
  if (typeof text !== 'string') throw new SpecError(`a hypothesis must be a string such as "b_Days > 0", got ${typeof text}`, 'hypothesis');
  const { left, sign, right } = splitComparison(text);
  const l = parseExpression(left, text);
  const r = parseExpression(right, text);
  const zero = r.kind === 'number' && r.value === 0;
  const expr: Expr = zero ? l : { kind: 'binary', op: '-', left: l, right: r };
  const names = new Map([...namesOf(expr)].map((n) => [n, resolveName(fit, n, text)]));
  const S = fit.totalDraws;
  const h = evaluate(expr, S, (n) => pooledDraws(fit, names.get(n)!));
  const sorted = sortedCopy(h);
  const [pLow, pHigh] = sign === '=' ? [alpha / 2, 1 - alpha / 2] : [alpha, 1 - alpha];
  const lower = sign === '<' ? -Infinity : quantileOfSorted(sorted, pLow);
  const upper = sign === '>' ? Infinity : quantileOfSorted(sorted, pHigh);
  let evidenceRatio: number | null = null;
  if (sign !== '=') {
    let agree = 0;
    for (let s = 0; s < S; s++) if (sign === '<' ? h[s] < 0 : h[s] > 0) agree++;
    evidenceRatio = agree / (S - agree);
  }
  const postProb = evidenceRatio === null ? null : evidenceRatio === Infinity ? 1 : evidenceRatio / (1 + evidenceRatio);
  const est = mean(h);
  return {
    hypothesis: `(${left.replace(/\s+/g, '')})${zero ? '' : `-(${right.replace(/\s+/g, '')})`} ${sign} 0`,
    sign,
    estimate: est,
    estError: sd(h, est),
    lower,
    upper,
    evidenceRatio,
    postProb,
    star: !(upper >= 0 && lower <= 0),
    draws: h,
  };
}

export function hypothesis(fit: FitData, hypotheses: string, options?: HypothesisOptions): HypothesisRow;
export function hypothesis(fit: FitData, hypotheses: readonly string[], options?: HypothesisOptions): HypothesisRow[];
export function hypothesis(fit: FitData, hypotheses: string | readonly string[], options: HypothesisOptions = {}): HypothesisRow | HypothesisRow[] {
  checkResultOptions('hypothesis', options, { alpha: 'number' });
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 0.5)) throw new SpecError(`alpha must lie in (0, 0.5), got ${alpha}`, 'options.alpha');
  return typeof hypotheses === 'string' ? evaluateOne(fit, hypotheses, alpha) : hypotheses.map((h) => evaluateOne(fit, h, alpha));
}
