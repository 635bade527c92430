/** @strata/strata on Node: cores from node:os, hashes from node:crypto, versions from package.json files. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { builtVersions, PACKAGE_NAMES } from './versions.js';

export const availableCores = (): number => availableParallelism();

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** From source, this file is packages/strata/src/platform/node.ts: the packages sit three levels up. */
function sourceVersion(name: string): string {
  try {
    const url = new URL(`../../../${name.replace('@strata/', '')}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function packageVersions(): Record<string, string> {
  return builtVersions() ?? Object.fromEntries(PACKAGE_NAMES.map((name) => [name, sourceVersion(name)]));
}

export const runtimeVersions = (): Record<string, string> => ({ node: process.version });
