/** Helpers for the plot tests: count marks in rendered SVG and read laid-out scenegraph items. */
import { View, parse } from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

/**
 * Items of the mark named `name` (vega-lite unit `name` -> SVG group class `${name}_marks`), summed over
 * every facet cell. Non-group marks hold their items directly (paths, lines, texts), with no nested <g>.
 */
export function countItems(svg: string, name: string): number {
  const re = new RegExp(`<g class="mark-[a-z]+ role-mark ${name}_marks"[^>]*>([\\s\\S]*?)</g>`, 'g');
  let n = 0;
  for (const m of svg.matchAll(re)) n += (m[1].match(/<(path|line|text|rect|circle)\b/g) ?? []).length;
  return n;
}

/** Number of facet cells / panels that contain the mark `name`. */
export function countGroups(svg: string, name: string): number {
  return (svg.match(new RegExp(`role-mark ${name}_marks"`, 'g')) ?? []).length;
}

/** All text content in the SVG (titles, labels, headers). */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

export interface SceneItem {
  x?: number;
  y?: number;
  x2?: number;
  y2?: number;
  width?: number;
  height?: number;
  text?: string;
  datum?: Record<string, unknown>;
  items?: SceneNode[];
}

export interface SceneNode {
  marktype?: string;
  name?: string;
  items?: SceneItem[];
}

export interface Laid {
  view: View;
  /** Items of every mark named `${name}_marks` (or exactly `name`, e.g. 'cell' for facet cells). */
  items(name: string): SceneItem[];
}

/** Compile and run a spec headlessly and expose its scenegraph (positions in pixels). */
export async function layout(spec: TopLevelSpec): Promise<Laid> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  await view.runAsync();
  const root = (view.scenegraph() as unknown as { root: SceneNode }).root;
  return {
    view,
    items(name: string): SceneItem[] {
      const out: SceneItem[] = [];
      const walk = (node: SceneNode): void => {
        if (node.name === `${name}_marks` || node.name === name) out.push(...(node.items ?? []));
        for (const item of node.items ?? []) for (const child of item.items ?? []) walk(child);
      };
      walk(root);
      return out;
    },
  };
}

/** A pixel scale of a single-view spec, e.g. `scale(view, 'x')(3)`. */
export function scale(view: View, name: string): (v: number) => number {
  return view.scale(name) as unknown as (v: number) => number;
}
