/**
 * A NUTS transition allocates little: its result objects and the rare slow path of the momentum
 * draw, not a boxed double per leapfrog step or per momentum coordinate. On a 42-d target the
 * sampler allocated ~1270 bytes per transition before session 3 removed the boxing, ~450 after;
 * the bound sits between. Measured in its own process (fixtures/transition-allocation.ts) with
 * V8's sampling heap profiler, collected objects included.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/transition-allocation.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('NUTS transition allocation', () => {
  it('stays under 800 bytes per transition on a 42-d target', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', fixture, '42'], { cwd: root, encoding: 'utf8' });
    const { bytesPerTransition } = JSON.parse(out.trim().split('\n').pop()!) as { bytesPerTransition: number[] };
    expect(bytesPerTransition).toHaveLength(3);
    expect(Math.min(...bytesPerTransition)).toBeLessThan(800);
  });
});
