// dist/sheets-paste/: the two files an analyst pastes into Extensions → Apps Script, loaded as
// Apps Script loads a project's files: one global scope, no modules, no appsscript.json of ours.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../core/index.ts';
import { FUNCTION_CALLS } from '../fixtures/function-calls.ts';
import { SPEC_EXAMPLE, SPEC_HEADERS, SPEC_PROSPECT, modelGrid } from '../fixtures/workbook.ts';
import { createAppsScript } from '../fakes/apps-script.ts';
import { type AppsScriptContext, callTopLevel, loadCodeJs } from '../../support/fakes/code-js.ts';

const DIR = 'dist/sheets-paste';
let code: string;
let sidebar: string;

beforeAll(() => {
  if (!existsSync(`${DIR}/Code.gs`)) throw new Error(`${DIR}/Code.gs is missing: run \`npm run build\` first.`);
  code = readFileSync(`${DIR}/Code.gs`, 'utf8');
  sidebar = readFileSync(`${DIR}/Sidebar.html`, 'utf8');
});

/** A fresh project with the pasted Code.gs and the Sidebar HTML file. */
function pastedProject(options: Parameters<typeof createAppsScript>[0] = {}): { apps: ReturnType<typeof createAppsScript>; script: AppsScriptContext } {
  const apps = createAppsScript({ ...options, htmlFiles: { Sidebar: sidebar } });
  return { apps, script: loadCodeJs(apps.globals, code) };
}

/** The comment block written immediately above `function NAME(`, or undefined. */
function jsdocAbove(name: string): string | undefined {
  return new RegExp(`\\/\\*\\*((?:(?!\\*\\/)[\\s\\S])*)\\*\\/\\n^function ${name}\\(`, 'm').exec(code)?.[1];
}

describe('the paste-install files', () => {
  it('are two: Code.gs and Sidebar.html, the panel identical to the clasp build’s', () => {
    expect(readdirSync(DIR).sort()).toEqual(['Code.gs', 'Sidebar.html']);
    expect(sidebar).toBe(readFileSync('dist/sheets/Sidebar.html', 'utf8'));
  });

  it('Code.gs is the clasp build’s Code.js under a header, as one plain script', () => {
    expect(code.endsWith(readFileSync('dist/sheets/Code.js', 'utf8'))).toBe(true);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\brequire\(/);
  });

  it('limits the inferred permissions to this spreadsheet with an @OnlyCurrentDoc comment of its own, before any code', () => {
    const at = code.indexOf('/** @OnlyCurrentDoc */');
    expect(at).toBeGreaterThan(0);
    expect(code.slice(0, at)).not.toMatch(/^\s*(var|function|const|let)\s/m);
  });
});

describe('Code.gs as Apps Script loads it', () => {
  it.each(FUNCTIONS.map((f) => [f.sheetsName, f] as const))('%s is a top-level function with its @customfunction JSDoc directly above', (name, fn) => {
    const { script } = pastedProject();
    expect(String(script[name])).toMatch(new RegExp(`^function ${name}\\(${fn.parameters.map((p) => p.name).join(', ')}\\)`));
    const doc = jsdocAbove(name);
    expect(doc, `no JSDoc directly above function ${name}`).toBeDefined();
    expect(doc).toContain(fn.description);
    expect(doc).toMatch(/@customfunction/);
  });

  it('scores the SPEC example: 30 + 20 + 25 + 0 + 10 = 85, tier Priority', () => {
    const { script } = pastedProject();
    const model = modelGrid(SPEC_EXAMPLE);
    expect(callTopLevel(script, 'ICP_SCORE', [[SPEC_PROSPECT], [SPEC_HEADERS], model])).toEqual([[85]]);
    expect(callTopLevel(script, 'ICP_TIER', [[SPEC_PROSPECT], [SPEC_HEADERS], model])).toEqual([['Priority']]);
  });

  it.each(FUNCTION_CALLS.filter((c) => !('error' in c.expected)).map((c) => [c.title, c] as const))('gives the shared fixture’s result: %s', (_title, call) => {
    const { script } = pastedProject();
    expect(callTopLevel(script, call.name, call.args)).toEqual(call.expected);
  });

  it('builds its menu on open before authorization, and each item opens the Sidebar file', () => {
    const { apps, script } = pastedProject();
    apps.setAuthMode('NONE');
    callTopLevel(script, 'onOpen', [{}]);
    const menu = apps.ui._menus[0]!;
    expect(menu._added).toBe(true);
    expect(menu._items.map((i) => i.caption)).toContain('Open ICP panel');
    apps.setAuthMode('FULL');
    for (const { functionName } of menu._items) {
      expect(typeof script[functionName], functionName).toBe('function');
      callTopLevel(script, functionName, []);
    }
    expect(apps.ui._sidebars).toHaveLength(menu._items.length);
    expect(apps.ui._sidebars[0]!.getContent()).toContain('<div id="app" data-step="model">');
  });
});
