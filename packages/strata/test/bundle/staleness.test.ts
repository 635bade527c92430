/** When the launcher rebuilds: a missing output, or any input newer than the oldest output. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLES, bundleFiles, bundleInputs, REPO_ROOT } from '../../build/bundle.mjs';
import { newestMtime, staleReason } from '../../build/staleness.mjs';
import { WORKER_BUNDLE_FILE } from '@strata/samplers';

let dir: string;
const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);
const file = (path: string, seconds: number) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, 'x');
  at(path, seconds);
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'strata-stale-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('staleReason', () => {
  it('names a missing output, then an input newer than the oldest output, else null', () => {
    const src = join(dir, 'src');
    file(join(src, 'a/b.ts'), 1000);
    at(join(src, 'a'), 1000);
    at(src, 1000);
    const outputs = [join(dir, 'out/cli.mjs'), join(dir, 'out/worker.mjs')];
    expect(staleReason(outputs, [src])).toBe(`${outputs[0]} is missing`);
    file(outputs[0], 2000);
    file(outputs[1], 2000);
    expect(staleReason(outputs, [src])).toBeNull();
    file(join(src, 'a/b.ts'), 3000); // edited after the build
    expect(staleReason(outputs, [src])).toBe(`${join(src, 'a/b.ts')} changed since the last build`);
    at(outputs[0], 4000);
    expect(staleReason(outputs, [src])).toMatch(/b\.ts changed/); // the older output decides
    at(outputs[1], 4000);
    expect(staleReason(outputs, [src])).toBeNull();
  });

  it('a deleted file makes its directory newer; node_modules, dot-files and missing inputs do not count', () => {
    const src = join(dir, 'src');
    file(join(src, 'keep.ts'), 1000);
    file(join(src, 'gone.ts'), 1000);
    file(join(src, 'node_modules/dep/index.js'), 5000);
    file(join(src, '.main.ts.swp'), 5000);
    at(join(src, 'node_modules'), 1000);
    at(src, 1000);
    const out = join(dir, 'cli.mjs');
    file(out, 2000);
    expect(staleReason([out], [src, join(dir, 'no-such-dir')])).toBeNull();
    rmSync(join(src, 'gone.ts'));
    expect(newestMtime([src]).path).toBe(src);
    expect(staleReason([out], [src])).toBe(`${src} changed since the last build`);
  });
});

describe('the bundles', () => {
  it('are built from every package, the lockfile and the build code, and hold the worker file the samplers start', () => {
    const inputs = bundleInputs();
    for (const name of ['core', 'samplers', 'diagnostics', 'strata']) expect(inputs).toContain(join(REPO_ROOT, 'packages', name, 'src'));
    expect(inputs).toContain(join(REPO_ROOT, 'pnpm-lock.yaml'));
    expect(inputs).toContain(join(REPO_ROOT, 'packages/strata/build'));
    expect(Object.keys(BUNDLES)).toContain(WORKER_BUNDLE_FILE);
    expect(bundleFiles('/x')).toEqual(Object.keys(BUNDLES).map((f) => join('/x', f)));
  });

  it('checking for staleness costs a few milliseconds', () => {
    staleReason(bundleFiles(), bundleInputs()); // warm the file-system cache
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) staleReason(bundleFiles(), bundleInputs());
    expect((performance.now() - t0) / 5).toBeLessThan(50); // ~3 ms here; generous for a loaded machine
  });
});
