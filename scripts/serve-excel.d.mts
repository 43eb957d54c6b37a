import type { IncomingMessage, ServerResponse } from 'node:http';
export const DEFAULT_PORT: number;
export function officeJsDirectory(): string;
export function createHandler(options: { site: string; officeJs?: string }): (request: IncomingMessage, response: ServerResponse) => Promise<void>;
export function httpsOptions(options?: {
  cert?: string;
  key?: string;
  devCerts?: () => Promise<{ cert: Buffer; key: Buffer; ca?: Buffer }>;
}): Promise<{ cert: Buffer; key: Buffer; ca?: Buffer }>;
export function serve(options?: {
  site?: string;
  port?: number;
  host?: string;
  secure?: false | { cert: Buffer; key: Buffer };
}): Promise<{ url: string; close(): Promise<void> }>;
