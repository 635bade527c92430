/** Per function, the hex bit patterns of its results over the probe's seeded arguments. */
export type ProbeResult = Record<string, string[]>;
export declare function corePowScript(): Promise<string>;
export declare function probe(n: number): ProbeResult;
export declare function differences(a: ProbeResult, b: ProbeResult): Record<string, number>;
