/**
 * The import graph of the workspace's sources, read from the text: every `import ... from '...'`,
 * `export ... from '...'`, side-effect `import '...'` and dynamic `import('...')` (type-only imports
 * count: a type circle is still a circle between modules). Relative specifiers resolve `.js` to the
 * `.ts` file (or `dir/index.ts`); `@strata/<pkg>` resolves to that package's src/index.ts. Anything
 * else (node:, npm packages) is outside the graph.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export type ImportGraph = Map<string, string[]>;

const SPECIFIER = /(?:^|[\s;}])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** Block comments, and line comments that start a line (a `//` inside a string is left alone). */
const COMMENTS = /\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm;

/** Module specifiers a TypeScript source imports, in order, outside comments. */
export function importSpecifiers(source: string): string[] {
  const out: string[] = [];
  for (const m of source.replace(COMMENTS, '').matchAll(SPECIFIER)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveSpecifier(from: string, spec: string, packagesDir: string): string | undefined {
  const pkg = /^@strata\/([^/]+)$/.exec(spec);
  if (pkg) return join(packagesDir, pkg[1], 'src', 'index.ts');
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** The graph of packages/<pkg>/src/**\/*.ts, keyed by path relative to root. */
export function workspaceImportGraph(root: string): ImportGraph {
  const packagesDir = join(root, 'packages');
  const graph: ImportGraph = new Map();
  for (const pkg of readdirSync(packagesDir)) {
    const src = join(packagesDir, pkg, 'src');
    if (!existsSync(src)) continue;
    for (const file of tsFiles(src)) {
      const targets = importSpecifiers(readFileSync(file, 'utf8'))
        .map((spec) => resolveSpecifier(file, spec, packagesDir))
        .filter((t): t is string => t !== undefined)
        .map((t) => relative(root, t));
      graph.set(relative(root, file), [...new Set(targets)]);
    }
  }
  return graph;
}

/** A group of modules that import each other round (a strongly connected component), with one circle through it. */
export interface ImportCycle {
  /** Every module of the group, sorted. */
  modules: string[];
  /** A shortest circle from the group's first module back to it: a -> b -> ... -> a. */
  path: string[];
}

/**
 * Every import circle: one entry per strongly connected component of more than one module (or a
 * module importing itself), by Tarjan's algorithm.
 */
export function importCycles(graph: ImportGraph): ImportCycle[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return components.map((c) => ({ modules: [...c].sort(), path: cycleThrough(graph, new Set(c)) }));
}

/** A shortest circle from the component's first module back to it, staying inside the component. */
function cycleThrough(graph: ImportGraph, members: Set<string>): string[] {
  const start = [...members].sort()[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
