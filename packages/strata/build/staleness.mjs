/**
 * Is a build output older than its inputs? Compares modification times only (no hashing), so the
 * launcher can ask on every run for a few milliseconds. Plain JavaScript: it runs before anything is
 * built and without tsx.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The newest modification time under `paths` (files, or directories walked recursively). A
 * directory's own time counts too: deleting or renaming a file changes only its directory. Paths
 * that do not exist are skipped.
 * @param {readonly string[]} paths
 * @returns {{ mtimeMs: number, path: string | null }}
 */
export function newestMtime(paths) {
  let newest = { mtimeMs: -Infinity, path: null };
  const visit = (path) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return;
    }
    if (stat.mtimeMs > newest.mtimeMs) newest = { mtimeMs: stat.mtimeMs, path };
    if (!stat.isDirectory()) return;
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      // node_modules is never a source; dot-files are editor droppings (swap files, .DS_Store)
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      visit(join(path, entry.name));
    }
  };
  for (const path of paths) visit(path);
  return newest;
}

/**
 * Why `outputs` must be rebuilt from `inputs`, or null when every output exists and none is older
 * than the newest input.
 * @param {readonly string[]} outputs files the build writes
 * @param {readonly string[]} inputs files or directories the build reads
 * @returns {string | null}
 */
export function staleReason(outputs, inputs) {
  let oldest = Infinity;
  for (const output of outputs) {
    let mtimeMs;
    try {
      mtimeMs = statSync(output).mtimeMs;
    } catch {
      return `${output} is missing`;
    }
    oldest = Math.min(oldest, mtimeMs);
  }
  const newest = newestMtime(inputs);
  return newest.mtimeMs > oldest ? `${newest.path} changed since the last build` : null;
}
