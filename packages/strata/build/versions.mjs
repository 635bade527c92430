/** The four packages' versions, written into built code (esbuild define __STRATA_VERSIONS__; see src/platform/versions.ts). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));

/** { '@strata/core': '0.1.0', ... } from the package.json files. */
export function packageVersions(packagesDir = PACKAGES) {
  return Object.fromEntries(
    ['core', 'diagnostics', 'samplers', 'strata'].map((dir) => {
      const { name, version } = JSON.parse(readFileSync(`${packagesDir}/${dir}/package.json`, 'utf8'));
      return [name, version];
    }),
  );
}

/** The esbuild `define` that carries them. */
export const versionsDefine = () => ({ __STRATA_VERSIONS__: JSON.stringify(packageVersions()) });
