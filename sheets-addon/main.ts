/**
 * The Apps Script bundle (the IIFE `IcpSheets` in Code.js). Apps Script does not run modules:
 * the build puts a top-level function in front of it for each custom function, trigger, menu
 * item and server function, and each of those calls in here.
 */
export { customFunctions, runCustomFunction } from './custom-functions.ts';
export { triggers } from './menu.ts';
export { server } from './server.ts';
