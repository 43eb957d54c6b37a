export const EXCEL_OUT: string;
export const FUNCTIONS_GLOBAL: string;
export const OFFICE_JS_CDN: string;
export const OFFICE_JS_LOCAL: string;
export const TASKPANE_LIMIT: number;
export function functionsJs(source: string, associate: { functionName: string; id: string }[], bundle: string): string;
export function taskpaneHtml(officeJs: string): string;
export default function buildExcel(options?: { baseUrl?: string; out?: string; log?: (line: string) => void }): Promise<void>;
