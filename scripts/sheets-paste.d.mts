/** Types for scripts/sheets-paste.mjs (imported by the paste form's tests). */
export declare const PASTE_OUT: string;
export declare const PASTE_HEADER: string;
export declare function writePasteForm(codeJs: string, sidebarFile: string): Promise<void>;
