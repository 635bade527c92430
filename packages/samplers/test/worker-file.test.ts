/** Which file a chain worker starts from: worker-entry.mjs (tsx) from source, the worker bundle from a bundle. */
import { describe, expect, it } from 'vitest';
import { RUNNING_FROM_BUNDLE, WORKER_BUNDLE_FILE, workerStart } from '../src/parallel/worker-file.js';

describe('worker file', () => {
  it('from source: the tsx entry next to the code, inheriting execArgv', () => {
    expect(RUNNING_FROM_BUNDLE).toBe(false); // vitest runs the .ts source
    expect(workerStart().file.href).toMatch(/\/packages\/samplers\/src\/parallel\/worker-entry\.mjs$/);
    expect(workerStart('file:///repo/packages/samplers/src/parallel/pool.ts')).toEqual({
      file: new URL('file:///repo/packages/samplers/src/parallel/worker-entry.mjs'),
      options: {},
    });
  });

  it('from a bundle: the worker bundle next to it, with no loader flags from the parent', () => {
    expect(workerStart('file:///repo/packages/strata/dist/cli.mjs')).toEqual({
      file: new URL(`file:///repo/packages/strata/dist/${WORKER_BUNDLE_FILE}`),
      options: { execArgv: [] },
    });
  });
});
