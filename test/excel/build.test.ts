// dist/excel as the build writes it, checked offline: the manifest (well-formed XML, every resid
// defined and used, the ICP namespace, SharedRuntime, one runtime URL for the task pane, the
// functions and the ribbon), the files it points to, and the metadata generator's errors failing
// the build. (office-addin-manifest's `validate` calls a Microsoft service, so it is not run here.)
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../core/index.ts';
import { checkBaseUrl, manifestXml } from '../../excel-addin/build/manifest.mjs';
import { generateMetadata, jsdocSource } from '../../excel-addin/build/metadata.mjs';
import buildExcel, { OFFICE_JS_CDN, OFFICE_JS_LOCAL } from '../../scripts/build-excel.mjs';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** The document's root element; throws on anything that is not well-formed XML with declared namespaces. */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) attributes[name] = typeof attribute === 'string' ? attribute : attribute.value;
    const element: XmlElement = { name: tag.local ?? tag.name, attributes, children: [], text: '' };
    stack[stack.length - 1]?.children.push(element);
    stack.push(element);
    root ??= element;
  });
  parser.on('text', (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

function all(element: XmlElement, name: string): XmlElement[] {
  return [...(element.name === name ? [element] : []), ...element.children.flatMap((child) => all(child, name))];
}

function one(element: XmlElement, name: string): XmlElement {
  const found = all(element, name);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0]!;
}

const DIST = 'dist/excel';
const manifest = () => parseXml(readFileSync(`${DIST}/manifest.xml`, 'utf8'));

/** resid → the DefaultValue of the resource it names. */
function resources(root: XmlElement): Map<string, string> {
  const map = new Map<string, string>();
  const res = one(root, 'Resources');
  for (const element of [...all(res, 'Image'), ...all(res, 'Url'), ...all(res, 'String')]) {
    expect(map.has(element.attributes.id!), `resource id ${element.attributes.id} defined twice`).toBe(false);
    map.set(element.attributes.id!, element.attributes.DefaultValue!);
  }
  return map;
}

describe('manifest.xml', () => {
  it('is well-formed XML: a Workbook task pane add-in with a fixed id and https URLs under the base URL', () => {
    const root = manifest();
    expect(root.name).toBe('OfficeApp');
    expect(root.attributes['xsi:type']).toBe('TaskPaneApp');
    expect(one(root, 'Id').text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(all(root, 'Host').map((h) => h.attributes.Name ?? h.attributes['xsi:type'])).toEqual(['Workbook', 'Workbook']);
    const urls = [...readFileSync(`${DIST}/manifest.xml`, 'utf8').matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.every((url) => url.startsWith('https://localhost:3000/'))).toBe(true);
  });

  it('defines every resid it uses and uses every resource it defines', () => {
    const root = manifest();
    const defined = resources(root);
    const used = new Set([...readFileSync(`${DIST}/manifest.xml`, 'utf8').matchAll(/resid="([^"]+)"/g)].map((m) => m[1]!));
    expect([...used].filter((id) => !defined.has(id))).toEqual([]);
    expect([...defined.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  it('asks for SharedRuntime 1.1, and runs the task pane, the functions and the ribbon in one long-lived runtime', () => {
    const root = manifest();
    const sets = all(one(root, 'Requirements'), 'Set').map((s) => [s.attributes.Name, s.attributes.MinVersion]);
    expect(sets).toContainEqual(['SharedRuntime', '1.1']);
    const runtime = one(root, 'Runtime');
    expect(runtime.attributes.lifetime).toBe('long');
    const shared = runtime.attributes.resid!;
    const extension = all(root, 'ExtensionPoint').find((e) => e.attributes['xsi:type'] === 'CustomFunctions')!;
    expect(one(one(extension, 'Page'), 'SourceLocation').attributes.resid).toBe(shared);
    expect(one(root, 'FunctionFile').attributes.resid).toBe(shared);
    const action = all(root, 'Action').find((a) => a.attributes['xsi:type'] === 'ShowTaskpane')!;
    expect(one(action, 'SourceLocation').attributes.resid).toBe(shared);
    // Shared runtime: the task pane is the runtime's page, named by no TaskpaneId (Microsoft's guidance).
    expect(all(action, 'TaskpaneId')).toEqual([]);
    expect(resources(root).get(shared)).toBe('https://localhost:3000/taskpane.html');
    expect(one(one(root, 'DefaultSettings'), 'SourceLocation').attributes.DefaultValue).toBe('https://localhost:3000/taskpane.html');
  });

  it('puts the custom functions under the ICP namespace, with the script and metadata the build wrote', () => {
    const root = manifest();
    const defined = resources(root);
    const extension = all(root, 'ExtensionPoint').find((e) => e.attributes['xsi:type'] === 'CustomFunctions')!;
    expect(defined.get(one(extension, 'Namespace').attributes.resid!)).toBe('ICP');
    const script = defined.get(one(one(extension, 'Script'), 'SourceLocation').attributes.resid!)!;
    const metadata = defined.get(one(one(extension, 'Metadata'), 'SourceLocation').attributes.resid!)!;
    expect(script).toBe('https://localhost:3000/functions.js');
    expect(metadata).toBe('https://localhost:3000/functions.json');
  });

  it('points only at files the build wrote, icons being PNGs of the size they claim', () => {
    const root = manifest();
    for (const url of resources(root).values()) {
      if (!url.startsWith('https://')) continue;
      const file = path.join(DIST, new URL(url).pathname);
      expect(existsSync(file), `${url} → ${file}`).toBe(true);
    }
    for (const image of all(one(root, 'Resources'), 'Image')) {
      const png = readFileSync(path.join(DIST, new URL(image.attributes.DefaultValue!).pathname));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      const size = Number(/(\d+)x\1/.exec(image.attributes.id!)![1]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  it('takes only an https base URL, and a production build points every URL and office.js at it and the CDN', async () => {
    expect(() => checkBaseUrl('http://example.com')).toThrow('must use https');
    expect(() => checkBaseUrl('https://example.com/x?y=1')).toThrow('must not have a query');
    expect(manifestXml({ baseUrl: 'https://icp.example.com/excel/' })).toContain('DefaultValue="https://icp.example.com/excel/taskpane.html"');
    const out = mkdtempSync(path.join(tmpdir(), 'icp-excel-prod-'));
    try {
      await buildExcel({ baseUrl: 'https://icp.example.com/excel', out, log: () => {} });
      const xml = readFileSync(path.join(out, 'manifest.xml'), 'utf8');
      expect(xml).not.toContain('localhost');
      expect(xml).toContain('DefaultValue="https://icp.example.com/excel/functions.json"');
      expect(readFileSync(path.join(out, 'taskpane.html'), 'utf8')).toContain(`<script src="${OFFICE_JS_CDN}"></script>`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('the task pane page', () => {
  it('loads office.js (the local copy in development), then functions.js (the shared runtime runs the functions here), then the panel', () => {
    const html = readFileSync(`${DIST}/taskpane.html`, 'utf8');
    const scripts = [...html.matchAll(/<script src="([^"]+)"><\/script>/g)].map((m) => m[1]);
    expect(scripts).toEqual([OFFICE_JS_LOCAL, 'functions.js', 'taskpane.js']);
    expect(html).toContain('<link rel="stylesheet" href="taskpane.css">');
  });
});

describe('functions.json', () => {
  it('is what custom-functions-metadata makes of the JSDoc in functions.js', async () => {
    const code = readFileSync(`${DIST}/functions.js`, 'utf8');
    const source = code.slice(code.indexOf('/**'), code.indexOf('// ---- Registrations'));
    const { json } = await generateMetadata(source);
    expect(JSON.parse(readFileSync(`${DIST}/functions.json`, 'utf8'))).toEqual(JSON.parse(json));
    expect(JSON.parse(json).functions.map((f: { id: string }) => f.id)).toEqual(FUNCTIONS.map((f) => f.id));
  });

  it('is never written when the generator reports a problem, though its CLI would exit 0', async () => {
    const broken = jsdocSource([{ id: 'SCORE', description: 'Scores.', parameters: [{ name: 'values', description: 'Rows.', optional: false }], returns: 'Scores.' }], 'X')
      .replace('{any[][]} values', '{notatype} values');
    await expect(generateMetadata(broken)).rejects.toThrow(/custom-functions-metadata found 1 problem\(s\) in the generated JSDoc:\n.*notatype/);
  });
});

