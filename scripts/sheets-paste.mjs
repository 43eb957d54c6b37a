// The paste-install form of the Google Sheets add-on, for people without Node or clasp:
//   dist/sheets-paste/Code.gs       Code.js with the paste instructions and `@OnlyCurrentDoc` on top
//   dist/sheets-paste/Sidebar.html  the panel, the same file as dist/sheets/Sidebar.html
// Two files because the editor keeps scripts and HTML apart, and the add-on opens its panel
// with HtmlService.createHtmlOutputFromFile('Sidebar'). No appsscript.json: the editor hides it
// (Project Settings → "Show appsscript.json"), and none of ours is needed here —
//   - a new project runs on V8, which the bundle needs;
//   - `@OnlyCurrentDoc` narrows the scopes Apps Script infers from the code to this spreadsheet
//     (spreadsheets.currentonly), plus showing the menu and sidebar (script.container.ui):
//     the same two our manifest names;
//   - the script's time zone does not decide how dates are read: the add-on reads every date,
//     and "today", in the spreadsheet's own time zone (File → Settings).
import { copyFile, mkdir, writeFile } from 'node:fs/promises';

export const PASTE_OUT = 'dist/sheets-paste';

export const PASTE_HEADER = [
  '/**',
  ' * ICP Scoring for Google Sheets: the paste-install form (docs/sheets.md, "Install by pasting").',
  ' *',
  ' * 1. In your spreadsheet: Extensions → Apps Script. Name the project "ICP Scoring".',
  ' * 2. Replace everything in Code.gs with this whole file.',
  ' * 3. Add an HTML file named Sidebar (+ → HTML) and replace its content with Sidebar.html.',
  ' * 4. Save (Ctrl+S / ⌘S), reload the spreadsheet, and use Extensions → ICP Scoring.',
  ' *',
  ' * The annotation below keeps the permissions Apps Script asks for to this one spreadsheet.',
  ' */',
  '',
  '/** @OnlyCurrentDoc */',
  '',
].join('\n');

/** Writes the paste form from the built Code.js text and the built Sidebar.html file. */
export async function writePasteForm(codeJs, sidebarFile) {
  await mkdir(PASTE_OUT, { recursive: true });
  const code = `${PASTE_HEADER}\n${codeJs}`;
  await writeFile(`${PASTE_OUT}/Code.gs`, code);
  await copyFile(sidebarFile, `${PASTE_OUT}/Sidebar.html`);
  console.log(`${PASTE_OUT}/Code.gs + Sidebar.html  ${(Buffer.byteLength(code) / 1024).toFixed(1)} KB + the panel`);
}
