// Types of what TypeScript code uses from build.mjs (the bench's compiled copy).
export declare function sourceFiles(dir: string): string[];
export declare function compile(files: string[], outdir: string, root?: string): Promise<void>;
