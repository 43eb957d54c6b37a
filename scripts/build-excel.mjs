// Builds the Excel add-in into dist/excel/ (what a web server hosts for Excel):
//   manifest.xml     Workbook add-in, SharedRuntime 1.1 (task pane, ribbon button and functions in
//                    one long-lived runtime), custom functions under the ICP namespace; its URLs
//                    start with the base URL (https://localhost:3000 unless ICP_EXCEL_BASE_URL or
//                    --base-url says otherwise).
//   functions.json   made from JSDoc by custom-functions-metadata; the build fails on its errors.
//   functions.js     one JSDoc'd function per core FUNCTIONS declaration, a CustomFunctions.associate
//                    call for each, and behind them the bundle (IcpExcelFunctions).
//   taskpane.html    the shared panel on the Excel host (taskpane.js, taskpane.css); it also loads
//                    functions.js: with a shared runtime the page is where the functions run.
//   assets/icon-*.png, support.html
//
//   node scripts/build-excel.mjs --base-url https://icp.example.com/excel   (production URLs)
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { ICON_SIZES, iconPng } from '../excel-addin/build/icons.mjs';
import { DEV_BASE_URL, checkBaseUrl, manifestXml } from '../excel-addin/build/manifest.mjs';
import { generateMetadata, jsdocSource } from '../excel-addin/build/metadata.mjs';

export const EXCEL_OUT = 'dist/excel';
export const FUNCTIONS_GLOBAL = 'IcpExcelFunctions';
/** Office.js from Microsoft's CDN, as production add-ins must load it. */
export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** Office.js served by `npm run serve:excel` from the @microsoft/office-js package, for development. */
export const OFFICE_JS_LOCAL = 'office-js/office.js';
/**
 * The task pane's script and styles together (minified) may not grow past this (the panel alone is
 * ~190 KB). 250 KB until the Learn tab learned to find segments in the history (about 20 KB); 272 KB
 * until the Score tab learned to follow the active sheet (worksheets.onActivated, the silent look,
 * the check before writing) and the Model tab to say why the possible total moved (about 2.5 KB);
 * 276 KB until the panel was made usable with the keyboard and a screen reader (the status region,
 * Ctrl+S, the focus kept, the tabs' headings: 4.3 KB); 280 KB until the proof table (ICP_PROOF,
 * core/proof.ts and core/customer.ts) and its view in the Summary tab (about 12 KB); 294 KB until
 * the learner learned pairs, number staircases, drift in the fit and a column table (issue 17:
 * about 37 KB); 332 KB until the learner learned toward a goal (won, retained, value, expansion:
 * core/learn/goals.ts, the goal's words in every row's note and the Learn tab's goal picker: 7.7 KB,
 * 330.4 to 338.1 KB); 339 KB until the Learn tab put decisions first and previewed what applying
 * changes (issue 21: about 11 KB).
 */
export const TASKPANE_LIMIT = 352 * 1024;

const shared = {
  bundle: true,
  minify: true,
  legalComments: 'none',
  target: 'es2020',
  write: false,
};

async function bundleFunctions() {
  const result = await build({
    ...shared,
    entryPoints: ['excel-addin/functions.ts'],
    format: 'iife',
    globalName: FUNCTIONS_GLOBAL,
    platform: 'neutral',
    mainFields: ['module', 'main'],
  });
  return bindBuiltins(result.outputFiles[0].text);
}

/**
 * The standard built-ins the bundle uses, bound once as parameters of a wrapper function (as the
 * Sheets build does): where the global object is not an ordinary object (a Node vm context, used by
 * the tests and the bench), each global read is slow; as parameters they are plain local reads.
 */
const BUILTINS = [
  'Array', 'Boolean', 'Date', 'Error', 'Infinity', 'JSON', 'Map', 'Math', 'NaN', 'Number', 'Object', 'Promise',
  'RangeError', 'Reflect', 'RegExp', 'Set', 'String', 'Symbol', 'TypeError', 'WeakMap', 'WeakSet',
  'isFinite', 'isNaN', 'parseFloat', 'parseInt',
];

function bindBuiltins(iife) {
  const inner = '__icpExcelBundle';
  const body = iife.replace(new RegExp(`\\bvar ${FUNCTIONS_GLOBAL}=`), `var ${inner}=`);
  if (body === iife) throw new Error(`the esbuild output does not start with "var ${FUNCTIONS_GLOBAL}="`);
  return `var ${FUNCTIONS_GLOBAL} = (function (${BUILTINS.join(', ')}) {\n${body.trim()}\nreturn ${inner};\n})(${BUILTINS.join(', ')});\n`;
}

/** The bundle's own list of functions, read by running it once. */
function customFunctionsOf(bundle) {
  const context = vm.createContext({});
  vm.runInContext(bundle, context);
  return context[FUNCTIONS_GLOBAL].customFunctions;
}

/** functions.js: the JSDoc'd functions, their registrations (from the generator's own list), the bundle. */
export function functionsJs(source, associate, bundle) {
  const registrations = associate.map((a) => `CustomFunctions.associate(${JSON.stringify(a.id)}, ${a.functionName});`);
  return [
    '// ICP Scoring for Excel: the custom functions. Generated by scripts/build-excel.mjs from core/ and',
    '// excel-addin/: edit those and run `npm run build`, not this file.',
    '',
    source,
    '',
    '// ---- Registrations (esbuild does not add them; custom-functions-metadata lists them) ----',
    ...registrations,
    '',
    '// ---- The bundle: the scoring core and the Excel adapter ----',
    bundle,
  ].join('\n');
}

async function bundleTaskpane() {
  const result = await build({
    ...shared,
    entryPoints: ['excel-addin/taskpane.ts'],
    format: 'iife',
    platform: 'browser',
    mainFields: ['browser', 'module', 'main'],
    outdir: 'out',
    loader: { '.css': 'css' },
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  return { js, css };
}

export function taskpaneHtml(officeJs) {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ICP Scoring</title>
<script src="${officeJs}"></script>
<link rel="stylesheet" href="taskpane.css">
</head>
<body>
<main>
<div id="excel-bar"></div>
<div id="app"></div>
</main>
<script src="functions.js"></script>
<script src="taskpane.js"></script>
</body></html>
`;
}

const SUPPORT_HTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ICP Scoring for Excel</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 2em auto; line-height: 1.5">
<h1>ICP Scoring for Excel</h1>
<p>Open the <strong>ICP panel</strong> button on the Home tab to edit the scoring model (the <code>ICP Model</code> sheet),
score a sheet and make a tier summary. The functions are <code>=ICP.SCORE</code>, <code>=ICP.TIER</code>,
<code>=ICP.EXPLAIN</code>, <code>=ICP.PERSONA</code>, <code>=ICP.SUMMARY</code> and <code>=ICP.PROOF</code>.</p>
<p>The guide is docs/excel.md in the project's repository.</p>
</body></html>
`;

/**
 * @param {{ baseUrl?: string, out?: string, log?: (line: string) => void }} [options]
 */
export default async function buildExcel(options = {}) {
  const baseUrl = checkBaseUrl(options.baseUrl ?? process.env.ICP_EXCEL_BASE_URL ?? DEV_BASE_URL);
  const out = options.out ?? EXCEL_OUT;
  const log = options.log ?? console.log;
  const development = new URL(baseUrl).hostname === 'localhost';
  const officeJs = development ? OFFICE_JS_LOCAL : OFFICE_JS_CDN;

  const bundle = await bundleFunctions();
  const source = jsdocSource(customFunctionsOf(bundle), FUNCTIONS_GLOBAL);
  const { json, associate } = await generateMetadata(source);
  const functions = functionsJs(source, associate, bundle);
  const taskpane = await bundleTaskpane();
  const paneSize = Buffer.byteLength(taskpane.js) + Buffer.byteLength(taskpane.css);
  if (paneSize > TASKPANE_LIMIT) {
    throw new Error(`The Excel task pane is ${(paneSize / 1024).toFixed(1)} KB (taskpane.js + taskpane.css); the limit is ${TASKPANE_LIMIT / 1024} KB.`);
  }

  await rm(out, { recursive: true, force: true });
  await mkdir(path.join(out, 'assets'), { recursive: true });
  await Promise.all([
    writeFile(path.join(out, 'manifest.xml'), manifestXml({ baseUrl })),
    writeFile(path.join(out, 'functions.json'), json),
    writeFile(path.join(out, 'functions.js'), functions),
    writeFile(path.join(out, 'taskpane.html'), taskpaneHtml(officeJs)),
    writeFile(path.join(out, 'taskpane.js'), taskpane.js),
    writeFile(path.join(out, 'taskpane.css'), taskpane.css),
    writeFile(path.join(out, 'support.html'), SUPPORT_HTML),
    ...ICON_SIZES.map((size) => writeFile(path.join(out, 'assets', `icon-${size}.png`), iconPng(size))),
  ]);
  log(`${out}/functions.js  ${(Buffer.byteLength(functions) / 1024).toFixed(1)} KB`);
  log(`${out}/taskpane.js + .css  ${(paneSize / 1024).toFixed(1)} KB  (manifest for ${baseUrl})`);
}

const invokedDirectly = process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;
if (invokedDirectly) {
  const at = process.argv.indexOf('--base-url');
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  process.chdir(root);
  await buildExcel(at > 0 ? { baseUrl: process.argv[at + 1] } : {});
}
