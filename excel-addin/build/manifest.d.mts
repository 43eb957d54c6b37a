export const ADDIN_ID: string;
export const NAMESPACE: string;
export const DEV_BASE_URL: string;
/** The base URL as the manifest needs it; throws a sentence when it is not https. */
export function checkBaseUrl(baseUrl: string): string;
export function manifestXml(options: { baseUrl: string; version?: string }): string;
