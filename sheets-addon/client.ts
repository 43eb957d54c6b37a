/**
 * The Sheets sidebar's side of the Host: each operation is a google.script.run call to the server
 * function of the same name, wrapped in a promise. The names and argument types come from
 * `typeof server`, so a renamed or retyped server function is a compile error here.
 */
import type { Host } from '../workbook/host.ts';
import { messageOf } from '../workbook/messages.ts';
import { mountPanel } from '../ui/panel.ts';
import type { Server } from './server.ts';

type ServerName = keyof Server;

/** The part of google.script.run the client uses (the real runner is dynamically typed). */
interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
}

/** google.script.run, when the page runs inside Google Sheets. */
function scriptRunner(): ScriptRunner | undefined {
  return (globalThis as { google?: { script?: { run?: ScriptRunner } } }).google?.script?.run;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(messageOf(error));
}

/** Calls a server function; resolves with its result, rejects with its error's sentence. */
export function callServer<K extends ServerName>(name: K, ...args: Parameters<Server[K]>): Promise<ReturnType<Server[K]>> {
  return new Promise((resolve, reject) => {
    const run = scriptRunner();
    if (!run) {
      reject(new Error('This panel runs inside Google Sheets: google.script.run is not available here.'));
      return;
    }
    const runner = run.withSuccessHandler((value) => resolve(value as ReturnType<Server[K]>)).withFailureHandler((error) => reject(asError(error)));
    (runner as unknown as Record<ServerName, (...a: unknown[]) => void>)[name](...args);
  });
}

/** The Host the panel uses inside Google Sheets. */
export function sheetsHost(): Host {
  return {
    kind: 'sheets',
    readModel: (sheetName) => callServer('readModel', sheetName),
    saveModel: (request) => callServer('saveModel', request),
    listSheets: () => callServer('listSheets'),
    activeSheet: () => callServer('activeSheet'),
    readRows: (sheetName, limit) => callServer('readRows', sheetName, limit),
    insertScoreColumns: (request) => callServer('insertScoreColumns', request),
    createSummarySheet: (request) => callServer('createSummarySheet', request),
    listHistory: (modelSheet) => callServer('listHistory', modelSheet),
    readHistory: (modelSheet, id) => callServer('readHistory', modelSheet, id),
    findForeignFormulas: () => callServer('findForeignFormulas'),
    convertForeignFormulas: () => callServer('convertForeignFormulas'),
  };
}

// The panel opens on the step a menu item asked for: the server writes it into the page
// as `<div id="app" data-step="score">`, and mountPanel reads it from there.
const root = typeof document === 'undefined' ? null : document.getElementById('app');
if (root) mountPanel(root, sheetsHost());
