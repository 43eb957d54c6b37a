// What `npm run build` leaves in dist/sheets/ for `clasp push`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFileSync(`dist/sheets/${file}`, 'utf8');

describe('dist/sheets', () => {
  it('holds exactly the three files clasp pushes', () => {
    expect(readdirSync('dist/sheets').sort()).toEqual(['Code.js', 'Sidebar.html', 'appsscript.json']);
  });

  it('asks for the two narrowest scopes on the V8 runtime, and for no outside requests', () => {
    const manifest = JSON.parse(read('appsscript.json')) as Record<string, unknown>;
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
    ]);
    expect(manifest).not.toHaveProperty('urlFetchWhitelist');
    expect(read('Code.js')).not.toMatch(/UrlFetchApp|external_request/);
  });

  it('serves the panel as one self-contained file of 313 KB at most (the build’s SIDEBAR_LIMIT)', () => {
    const html = read('Sidebar.html');
    expect(statSync('dist/sheets/Sidebar.html').size).toBeLessThanOrEqual(313 * 1024);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=/i);
    // The menu items open the panel on a step by adding data-step to this element.
    expect(html.match(/<div id="app">/g)).toHaveLength(1);
  });

  it('comes with a clasp project example whose rootDir is dist/sheets', () => {
    const clasp = JSON.parse(readFileSync('.clasp.json.example', 'utf8')) as Record<string, unknown>;
    expect(clasp.rootDir).toBe('dist/sheets');
    expect(clasp).toHaveProperty('scriptId');
  });
});
