// Types of bundle.mjs (plain JavaScript so that the launcher runs before anything is built).
export declare const REPO_ROOT: string;
export declare const DEFAULT_OUT_DIR: string;
export declare const BUNDLES: Readonly<Record<'cli.mjs' | 'worker.mjs', string>>;
export declare class BundleError extends Error {
  constructor(code: 'ESBUILD_MISSING' | 'BUILD_FAILED', message: string, cause?: unknown);
  readonly code: 'ESBUILD_MISSING' | 'BUILD_FAILED';
}
export declare function bundleFiles(outDir?: string): string[];
export declare function bundleInputs(root?: string): string[];
export declare function buildBundles(outDir?: string): Promise<number>;
export declare function ensureBundles(options?: { outDir?: string; inputs?: readonly string[]; force?: boolean }): Promise<{ built: boolean; reason: string | null; seconds: number }>;
