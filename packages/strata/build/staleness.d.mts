// Types of staleness.mjs (plain JavaScript so that it runs before anything is built).
export declare function newestMtime(paths: readonly string[]): { mtimeMs: number; path: string | null };
export declare function staleReason(outputs: readonly string[], inputs: readonly string[]): string | null;
