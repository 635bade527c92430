/**
 * Renders every plot with the fake data to SVG (and nothing else): for looking at the output by hand.
 *   pnpm exec tsx packages/strata/test/plots/render-examples.ts [outDir]   (default /tmp/strata-plots)
 */
import { join } from 'node:path';
import {
  densitySvg,
  ppcSvg,
  rankSvg,
  shrinkageSvg,
  spaghettiSvg,
  traceSvg,
  writeSvg,
} from '../../src/plots/index.js';
import { fakeDraws, fakeHierarchy, fakePpc } from './fixtures.js';

const out = process.argv[2] ?? '/tmp/strata-plots';
const draws = fakeDraws(500);
const h = fakeHierarchy();
const jobs: [string, Promise<string>][] = [
  ['trace', traceSvg(draws)],
  ['rank', rankSvg(draws)],
  ['density', densitySvg(draws)],
  ['density-by-chain', densitySvg(draws, { byChain: true })],
  ['spaghetti', spaghettiSvg(h.trajectories, { xTitle: 'days of sleep deprivation', yTitle: 'reaction time (ms)' })],
  [
    'spaghetti-overlay',
    spaghettiSvg(h.trajectories.slice(0, 6), { layout: 'overlay', xTitle: 'days', yTitle: 'reaction time (ms)' }),
  ],
  ['shrinkage', shrinkageSvg(h.shrinkage[0])],
  ['shrinkage-2', shrinkageSvg(h.shrinkage)],
  ['ppc', ppcSvg(fakePpc(), { xTitle: 'reaction time (ms)' })],
];
for (const [name, svg] of jobs) {
  const path = join(out, `${name}.svg`);
  await writeSvg(path, await svg);
  console.log(path);
}
