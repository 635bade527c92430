/**
 * The power curve: power per decision against the number of groups, one line per decision (and per
 * per-group size when there are several), with +-2 Monte Carlo SE bars and the usual 80% line.
 */
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../plots/render.js';
import { COLORS, SCHEMA, THEME } from '../plots/theme.js';
import type { PowerResult } from './study.js';

export function powerCurveSpec(result: PowerResult, options: { title?: string } = {}): TopLevelSpec {
  const extra = Object.keys(result.cells[0]?.label ?? {}).filter((k) => k !== 'groups');
  const rows = result.cells.flatMap((c) =>
    result.decisions.map((d) => {
      const p = c.power[d];
      const series = [d, ...extra.map((k) => `${k} ${c.label[k]}`)].join(', ');
      return { groups: c.label.groups, power: p.power, lower: Math.max(0, p.power - 2 * p.mcse), upper: Math.min(1, p.power + 2 * p.mcse), series };
    }),
  );
  const x = { field: 'groups', type: 'quantitative' as const, title: 'number of groups', scale: { zero: false } };
  const color = { field: 'series', type: 'nominal' as const, title: null };
  return {
    $schema: SCHEMA,
    title: { text: options.title ?? 'Power by number of groups', subtitle: `${result.reps} replications per point; bars: +-2 Monte Carlo SE` },
    width: 420,
    height: 240,
    layer: [
      { data: { values: [{ y: 0.8 }] }, mark: { type: 'rule', strokeDash: [5, 3], color: COLORS.reference }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      { data: { values: rows }, mark: { type: 'rule' }, encoding: { x, y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' }, color } },
      {
        data: { values: rows },
        mark: { type: 'line', point: true },
        encoding: { x, y: { field: 'power', type: 'quantitative', title: 'power', scale: { domain: [0, 1] } }, color },
      },
    ],
    config: THEME,
  };
}

export function powerCurveSvg(result: PowerResult, options: { title?: string } = {}): Promise<string> {
  return renderSvg(powerCurveSpec(result, options));
}
