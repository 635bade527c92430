// Types of packages.mjs (plain JavaScript so that it runs before anything is built).
export declare const PACKAGE_DIRS: readonly string[];
export declare function packageOutputs(root?: string): string[];
export declare function buildPackages(): Promise<number>;
export declare function ensurePackages(options?: { force?: boolean }): Promise<{ built: boolean; reason: string | null; seconds: number }>;
export declare const NODE_STUB: unknown;
