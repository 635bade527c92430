/** @strata/strata in a browser: cores from navigator, SHA-256 in JavaScript, versions from the build. */
import { builtVersions, PACKAGE_NAMES } from './versions.js';

export { sha256Hex } from './sha256.js';

const nav = (globalThis as { navigator?: { hardwareConcurrency?: number; userAgent?: string } }).navigator;

export const availableCores = (): number => Math.max(1, nav?.hardwareConcurrency ?? 1);

export function packageVersions(): Record<string, string> {
  return builtVersions() ?? Object.fromEntries(PACKAGE_NAMES.map((name) => [name, 'unknown']));
}

export const runtimeVersions = (): Record<string, string> => ({ browser: nav?.userAgent ?? 'unknown' });
