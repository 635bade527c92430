/** Loads the shared data sets from ../shared (relative to the repository root); fails loudly if missing. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_DATA_SETS = ['eight_schools', 'orange', 'orthodont', 'radon', 'sleepstudy'] as const;
export type SharedDataSet = (typeof SHARED_DATA_SETS)[number];

export function sharedCsv(name: SharedDataSet): string {
  const path = fileURLToPath(new URL(`../../../../../shared/data/${name}.csv`, import.meta.url));
  if (!existsSync(path)) throw new Error(`shared data file ${path} is missing: the tests need ../shared next to the repository`);
  return readFileSync(path, 'utf8');
}
