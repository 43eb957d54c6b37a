/**
 * The add-on menu and what its items open. onOpen runs in AuthMode.NONE before the user has
 * authorized the add-on in this document: there it may only build the menu, so it does nothing else.
 */

import type { PanelStep } from '../ui/panel.ts';

export const PANEL_TITLE = 'ICP Scoring';

/** Menu caption → the top-level function Apps Script calls for it. */
export const MENU_ITEMS = [
  { caption: 'Open ICP panel', functionName: 'icpOpenPanel' },
  { caption: 'Score this sheet', functionName: 'icpScoreSheet' },
  { caption: 'Create tier summary', functionName: 'icpCreateSummary' },
  { caption: 'New model from preset', functionName: 'icpNewModel' },
] as const;

export function onOpen(_event?: unknown): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) menu.addItem(item.caption, item.functionName);
  menu.addToUi();
}

export function onInstall(event?: unknown): void {
  onOpen(event);
}

/** The sidebar, opened on a step: the step is written into the page (the panel reads `#app[data-step]`). */
export function showPanel(step: PanelStep): void {
  const output = HtmlService.createHtmlOutputFromFile('Sidebar');
  output.setContent(output.getContent().replace('<div id="app">', `<div id="app" data-step="${step}">`));
  output.setTitle(PANEL_TITLE);
  SpreadsheetApp.getUi().showSidebar(output);
}

/** The functions the menu items name; each becomes a top-level function in Code.js. */
export const triggers = {
  onOpen,
  onInstall,
  icpOpenPanel: () => showPanel('model'),
  icpScoreSheet: () => showPanel('score'),
  icpCreateSummary: () => showPanel('summary'),
  icpNewModel: () => showPanel('presets'),
} satisfies Record<string, (...args: never[]) => void> & Record<(typeof MENU_ITEMS)[number]['functionName'], () => void>;
