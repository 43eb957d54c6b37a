/** Types for scripts/build-preview.mjs (imported by the preview's tests). */
export declare const PREVIEW_DIR: string;
export declare const PREVIEW_HTML: string;
/** Bundles preview/main.ts (with the sample CSVs as text) into `outdir`; answers `outdir`. */
export declare function buildPreview(outdir?: string): Promise<string>;
export default function build(): Promise<void>;
