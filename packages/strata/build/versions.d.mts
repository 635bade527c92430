// Types of versions.mjs.
export declare function packageVersions(packagesDir?: string): Record<string, string>;
export declare function versionsDefine(): { __STRATA_VERSIONS__: string };
