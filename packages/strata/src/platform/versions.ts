/**
 * The versions of the four packages, as the build wrote them in (esbuild `define`, see
 * build/package-builds.mjs and build/bundle.mjs), or null when this code runs from its TypeScript
 * source (then Node reads the workspace's package.json files).
 */
declare const __STRATA_VERSIONS__: Record<string, string> | undefined;

export const PACKAGE_NAMES = ['@strata/core', '@strata/samplers', '@strata/diagnostics', '@strata/strata'] as const;

export function builtVersions(): Record<string, string> | null {
  return typeof __STRATA_VERSIONS__ === 'undefined' ? null : { ...__STRATA_VERSIONS__ };
}
