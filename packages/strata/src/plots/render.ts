import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { vegaTextWidth } from './textwidth.js';
import type { TextItemLike } from './textwidth.js';

type WidthFn = (item: TextItemLike, text?: unknown) => number;

/** vega's text measurer (exported at runtime by vega-scenegraph, absent from vega's typings). */
const textMetrics = (vega as unknown as { textMetrics?: { width: WidthFn } }).textMetrics;
let rendering = 0;
let savedWidth: WidthFn | undefined;

/**
 * Use font metrics instead of vega's 0.8 em-per-character estimate while a render is under way (the
 * hook vl-convert uses too); the previous measurer is restored when the last overlapping render ends.
 */
function beginMetrics(): void {
  if (!textMetrics) return;
  if (rendering++ === 0) {
    savedWidth = textMetrics.width;
    textMetrics.width = vegaTextWidth;
  }
}

function endMetrics(): void {
  if (!textMetrics) return;
  if (--rendering === 0 && savedWidth) {
    textMetrics.width = savedWidth;
    savedWidth = undefined;
  }
}

/**
 * Compile a vega-lite spec and render it to an SVG string in Node (no canvas needed: vega's headless
 * `renderer: 'none'` view). Text is laid out with DejaVu Sans widths.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  beginMetrics();
  try {
    return await view.toSVG();
  } finally {
    endMetrics();
    view.finalize();
  }
}

/** Write `svg` to `path`, creating the parent directories first. */
export async function writeSvg(path: string, svg: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, svg, 'utf8');
}
