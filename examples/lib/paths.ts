/**
 * Where the examples find their inputs (../shared/data next to the repository root, examples/specs)
 * and write their plots (examples/out, gitignored).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root (the directory holding examples/). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The shared data sets: ../shared/data relative to the repository root. */
export const SHARED_DATA_DIR = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
/** Copies of the same public data sets shipped with the examples, used when ../shared is absent. */
export const BUNDLED_DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));
/** The reference model specs. */
export const SPECS_DIR = fileURLToPath(new URL('../specs/', import.meta.url));
/** Default directory for the plots. */
export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../out/', import.meta.url));

/**
 * The text of ../shared/data/<name>.csv, or of the copy in examples/data when the shared directory is
 * not there; a clear error when neither exists.
 */
export function readSharedCsv(name: string): string {
  const shared = `${SHARED_DATA_DIR}${name}.csv`;
  const path = existsSync(shared) ? shared : `${BUNDLED_DATA_DIR}${name}.csv`;
  if (!existsSync(path)) {
    throw new Error(
      `missing data file ${shared}: the examples read the shared data sets from ../shared/data, next to the ` +
        `repository root (${REPO_ROOT}), or from their copies in ${BUNDLED_DATA_DIR}; neither holds ${name}.csv.`,
    );
  }
  return readFileSync(path, 'utf8');
}

/** A reference model spec from examples/specs/<name>.json, as a plain object (a fresh copy each call). */
export function readSpec(name: string): Record<string, unknown> {
  const path = `${SPECS_DIR}${name}.json`;
  if (!existsSync(path)) throw new Error(`missing model spec ${path}`);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** Parses simple CSV text (no quoted fields, as in ../shared/data) into row objects; numbers stay strings. */
export function csvRows(text: string): Record<string, string>[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(',').map((h) => h.trim());
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, k) => [h, (cells[k] ?? '').trim()]));
  });
}
