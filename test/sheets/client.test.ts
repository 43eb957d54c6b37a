// The sidebar's Host: promise-returning calls to the server functions through google.script.run,
// here over the vm-hosted Code.js and a google.script.run stand-in.
import { afterEach, describe, expect, it } from 'vitest';
import { callServer, sheetsHost } from '../../sheets-addon/client.ts';
import { SPEC_EXAMPLE, modelGrid } from '../fixtures/workbook.ts';
import { type FakeValue, createAppsScript } from '../fakes/apps-script.ts';
import { loadCodeJs } from '../../support/fakes/code-js.ts';
import { bridgeTo, installScriptRun } from '../fakes/script-run.ts';

const global = globalThis as Record<string, unknown>;

function sidebar() {
  const apps = createAppsScript();
  apps.spreadsheet._addSheet('Prospects', [['Company', 'Employees'], ['Acme', 450]]);
  apps.spreadsheet._addSheet('ICP Model', modelGrid(SPEC_EXAMPLE) as FakeValue[][]);
  global.__icpBridge = bridgeTo(loadCodeJs(apps.globals));
  installScriptRun('__icpBridge');
  return { apps, host: sheetsHost() };
}

afterEach(() => {
  delete global.google;
  delete global.__icpBridge;
});

describe('the Sheets host in the sidebar', () => {
  it('resolves with what the server function returned', async () => {
    const { host } = sidebar();
    expect(host.kind).toBe('sheets');
    const snapshot = await host.readModel('ICP Model');
    expect(snapshot?.rows[1]).toEqual(['criterion', 'Company size', 'Employees', 'between', '200-2000', 30, '', '']);
    expect(await host.listSheets()).toEqual([
      { name: 'Prospects', headerRow: 1, headers: ['Company', 'Employees'], dataRows: 1 },
      { name: 'ICP Model', headerRow: 1, headers: ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Dimension', 'Note'], dataRows: 7 },
    ]);
  });

  it('saves through the server and gets the new version back', async () => {
    const { apps, host } = sidebar();
    const loaded = (await host.readModel('ICP Model'))!;
    const rows = loaded.rows.map((row) => [...row]);
    rows[1]![5] = 35;
    const result = await host.saveModel({ sheetName: 'ICP Model', rows, baseVersion: loaded.version, note: 'from the panel' });
    expect(result).toEqual({ ok: true, version: (await host.readModel('ICP Model'))!.version });
    expect(apps.spreadsheet.getSheetByName('ICP Model')!.getRange('F2').getValue()).toBe(35);
    expect((await host.listHistory('ICP Model')).map((e) => e.note)).toEqual(['from the panel']);
  });

  it('rejects with the server’s sentence when the server function throws', async () => {
    const { host } = sidebar();
    await expect(host.readRows('Nope', 5)).rejects.toThrow('There is no sheet named "Nope" in this workbook; its sheets are "Prospects", "ICP Model".');
  });

  it('fails on a Date argument without reaching the server, as google.script.run does', async () => {
    const { apps } = sidebar();
    const request = { sheetName: 'ICP Model', rows: [[new Date()]], baseVersion: null, note: '' };
    await expect(callServer('saveModel', request as never)).rejects.toThrow('Failed due to illegal value in property: 0.rows.0.0');
    expect(apps.spreadsheet.getSheetByName('ICP Model')!.getRange('A2').getValue()).toBe('criterion');
  });

  it('rejects with a sentence outside Google Sheets, where there is no google.script.run', async () => {
    await expect(callServer('listSheets')).rejects.toThrow(/google\.script\.run is not available here/);
  });

});

/** Compile-time checks (`tsc --noEmit`): the wrapper's names and arguments come from the server module. */
export function serverNamesAreTyped(): void {
  // @ts-expect-error a server function that does not exist is a compile error
  void callServer('readModle', 'ICP Model');
  // @ts-expect-error so is an argument of the wrong type
  void callServer('readRows', 'Prospects', '5');
}
