/** No import circle in any package's src (type-only imports included), and no src file over 400 lines. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, importSpecifiers, workspaceImportGraph, type ImportGraph } from './import-graph.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('the import-cycle detector', () => {
  it('reads every form of import and export-from', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "import c, { d } from '@strata/core';",
      "export { e } from './e.js';",
      "export * from './f/index.js';",
      "export type { G } from './g.js';",
      "import './side-effect.js';",
      'const h = await import(\'./h.js\');',
      'import {\n  i,\n  type J,\n} from "./multi-line.js";',
      "const notAnImport = 'from ./x.js';",
      "// import { x } from './commented.js';",
      "/* import { y } from './block.js'; */",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual(['./a.js', '../b.js', '@strata/core', './e.js', './f/index.js', './g.js', './side-effect.js', './h.js', './multi-line.js']);
  });

  it('finds a circle of three, a module importing itself, and nothing in a tree', () => {
    const graph: ImportGraph = new Map([
      ['a', ['b']],
      ['b', ['c', 'd']],
      ['c', ['a']],
      ['d', []],
      ['e', ['e']],
      ['f', ['d']],
    ]);
    expect(importCycles(graph).sort((x, y) => x.path[0].localeCompare(y.path[0]))).toEqual([
      { modules: ['a', 'b', 'c'], path: ['a', 'b', 'c', 'a'] },
      { modules: ['e'], path: ['e', 'e'] },
    ]);
    expect(importCycles(new Map([['x', ['y']], ['y', ['z']], ['z', []]]))).toEqual([]);
  });
});

describe('the workspace', () => {
  const graph = workspaceImportGraph(root);

  it('reads the sources of every package', () => {
    for (const pkg of ['core', 'samplers', 'diagnostics', 'strata']) {
      expect([...graph.keys()].some((f) => f.startsWith(join('packages', pkg, 'src')))).toBe(true);
    }
    // The results modules import the data type, not the Fit class (which imports them).
    expect(graph.get(join('packages/strata/src/results/fit-result.ts'))).toContain(join('packages/strata/src/results/icc.ts'));
  });

  it('has no import circle in any package src', () => {
    const cycles = importCycles(graph).map((c) => `${c.path.join(' -> ')} (${c.modules.length} modules: ${c.modules.join(', ')})`);
    expect(cycles).toEqual([]);
  });

  it('has no src file over 400 lines', () => {
    const long = [...graph.keys()]
      .map((f) => ({ f, lines: readFileSync(join(root, f), 'utf8').split('\n').length - 1 }))
      .filter((x) => x.lines > 400);
    expect(long).toEqual([]);
  });
});
