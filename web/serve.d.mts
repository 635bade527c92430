export declare const CSP: string;
export declare function buildPlayground(): Promise<void>;
export declare function startPlayground(options?: { port?: number; host?: string }): Promise<{ url: string; close(): Promise<void> }>;
