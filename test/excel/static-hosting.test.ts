// A production build for a static https host (docs/excel.md, "For a team"): built with
// ICP_EXCEL_BASE_URL as `ICP_EXCEL_BASE_URL=https://… npm run build` does, checked offline.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import buildExcel, { OFFICE_JS_CDN } from '../../scripts/build-excel.mjs';

/** A GitHub Pages project site: the add-in under a path, as most static hosts give it. */
const BASE = 'https://acme.github.io/icp-scoring/excel';
let out: string;

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) =>
    statSync(path.join(dir, name)).isDirectory() ? filesUnder(path.join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`],
  );
}

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'icp-excel-pages-'));
  const before = process.env.ICP_EXCEL_BASE_URL;
  process.env.ICP_EXCEL_BASE_URL = `${BASE}/`;
  try {
    await buildExcel({ out, log: () => {} });
  } finally {
    if (before === undefined) delete process.env.ICP_EXCEL_BASE_URL;
    else process.env.ICP_EXCEL_BASE_URL = before;
  }
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the production build for a static host', () => {
  it('points every URL of the manifest under ICP_EXCEL_BASE_URL, each at a file the build wrote', () => {
    const xml = readFileSync(path.join(out, 'manifest.xml'), 'utf8');
    // Every attribute value that is a URL, namespaces aside (they are names, never fetched).
    const urls = [...xml.matchAll(/\s(?!xmlns)[\w:]+="(https?:\/\/[^"]*)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(8);
    const files = new Set(filesUnder(out));
    for (const url of urls) {
      expect(url.startsWith(`${BASE}/`), url).toBe(true);
      expect(files.has(url.slice(BASE.length + 1)), `${url} names no file of the build`).toBe(true);
    }
    expect(xml).not.toMatch(/localhost|http:\/\/(?!schemas\.microsoft\.com|www\.w3\.org)/);
  });

  it('holds exactly the files docs/excel.md says to upload, none of which mentions localhost', () => {
    const files = filesUnder(out).sort();
    expect(files).toEqual([
      'assets/icon-16.png', 'assets/icon-32.png', 'assets/icon-64.png', 'assets/icon-80.png',
      'functions.js', 'functions.json', 'manifest.xml', 'support.html', 'taskpane.css', 'taskpane.html', 'taskpane.js',
    ]);
    const guide = readFileSync('docs/excel.md', 'utf8');
    const section = guide.slice(guide.indexOf('### For a team'), guide.indexOf('### The panel outside Excel'));
    for (const file of files) expect(section, `docs/excel.md "For a team" does not name ${file}`).toContain(file.replace(/^assets\/.*/, 'assets/'));
    for (const file of files.filter((f) => !f.endsWith('.png'))) {
      expect(readFileSync(path.join(out, file), 'utf8'), file).not.toContain('localhost');
    }
  });

  it('loads Office.js from Microsoft’s CDN and everything else by relative path, so the site works under any folder', () => {
    const html = readFileSync(path.join(out, 'taskpane.html'), 'utf8');
    const refs = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs).toContain(OFFICE_JS_CDN);
    for (const ref of refs.filter((r) => r !== OFFICE_JS_CDN)) expect(ref, ref).not.toMatch(/^(\/|https?:)/);
  });
});
