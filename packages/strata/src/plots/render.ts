import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { View, parse } from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

/**
 * Compile a vega-lite spec and render it to an SVG string in Node (no canvas needed:
 * vega's headless `renderer: 'none'` view).
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Write `svg` to `path`, creating the parent directories first. */
export async function writeSvg(path: string, svg: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, svg, 'utf8');
}
