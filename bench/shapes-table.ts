/**
 * The issue-16 breadth table: Strata's runs from a `bench/run.ts` results file against the Stan
 * anchors in bench/anchors/<model>.json as they are now (re-timed anchors need no new Strata runs).
 *
 *   node --import tsx bench/shapes-table.ts [bench/results-shapes.json]
 *
 * Per model: ns per gradient inside the sampler (and the density alone), ESS/s over warmup +
 * sampling with ESS = min(min bulk, min tail) over the model's reported parameters, and divergences;
 * Stan's seconds scaled by (the run's C floor) / (the anchor's C floor), the median over its three
 * runs; "x" columns are Stan / Strata for times and Strata / Stan for ESS/s (> 1: Strata better).
 */
import { readFileSync } from 'node:fs';
import { modelSource } from './sources.js';

interface Run { gradient_evaluations: number; warmup_s: number; sampling_s: number; min_ess_bulk: number; min_ess_tail: number; divergent: number; density_ns_per_grad?: number }
interface ModelResult { model: string; runs: Run[]; c_floor_per_run_ns: number[] }
interface AnchorRun { warmup_s: number; sampling_s: number; leapfrog_total: number; min_ess_bulk: number; min_ess_tail: number; divergent: number }
interface Anchor { c_floor_ns: number; runs: AnchorRun[] }

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x: number, digits = 3) => (Math.abs(x) >= 10 ** digits ? x.toFixed(0) : x.toPrecision(digits));

const file = process.argv[2] ?? 'bench/results-shapes.json';
const results = JSON.parse(readFileSync(file, 'utf8')) as { models: ModelResult[] };
const lines = [
  '| model | ns/grad (density) | Stan ns/grad | x | ESS/s total | Stan ESS/s | x | divergent (Stan) |',
  '|---|---:|---:|---:|---:|---:|---:|---|',
];
for (const m of results.models) {
  const anchor = modelSource(m.model).anchor as Anchor;
  const per = m.runs.map((r, i) => {
    const scale = m.c_floor_per_run_ns[i] / anchor.c_floor_ns;
    const stanNs = median(anchor.runs.map((a) => ((a.warmup_s + a.sampling_s) * scale * 1e9) / a.leapfrog_total));
    const stanEss = median(anchor.runs.map((a) => Math.min(a.min_ess_bulk, a.min_ess_tail) / ((a.warmup_s + a.sampling_s) * scale)));
    const ns = ((r.warmup_s + r.sampling_s) * 1e9) / r.gradient_evaluations;
    const ess = Math.min(r.min_ess_bulk, r.min_ess_tail) / (r.warmup_s + r.sampling_s);
    return { ns, density: r.density_ns_per_grad ?? Number.NaN, stanNs, ess, stanEss, divergent: r.divergent };
  });
  const ns = median(per.map((p) => p.ns));
  const stanNs = median(per.map((p) => p.stanNs));
  const ess = median(per.map((p) => p.ess));
  const stanEss = median(per.map((p) => p.stanEss));
  const stanDiv = median(anchor.runs.map((a) => a.divergent));
  lines.push(
    `| ${m.model} | ${fmt(ns, 4)} (${fmt(median(per.map((p) => p.density)), 4)}) | ${fmt(stanNs, 4)} | ${fmt(stanNs / ns)}x | ${fmt(ess, 4)} | ${fmt(stanEss, 4)} | ${fmt(ess / stanEss)}x | ${per.map((p) => p.divergent).join(', ')} (${stanDiv}) |`,
  );
}
console.log(lines.join('\n'));
