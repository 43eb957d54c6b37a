// functions.json from JSDoc, by Microsoft's custom-functions-metadata (never written by hand).
//
// The JSDoc source is generated from core FUNCTIONS: one plain function per declaration, whose
// `@customfunction ID` tag gives the Excel id (ICP.SCORE under the manifest's namespace) and
// whose matrix parameters take whole ranges. functions.js holds exactly this source.
//
// custom-functions-metadata parses JavaScript with the TypeScript compiler API (`require
// ("typescript")`). This project's `typescript` is TypeScript 7, the native compiler, which has no
// such API, so the generator is handed the TypeScript API that @ts-morph/common ships instead,
// only for its own requires.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** JSDoc text cannot contain the comment's end, and stays on one line. */
const doc = (text) => text.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ');

/** The JavaScript function name for an id: SCORE → icpScore. */
export const functionName = (id) => `icp${id.charAt(0)}${id.slice(1).toLowerCase()}`;

/**
 * The JSDoc'd functions for custom-functions-metadata, each forwarding to `global.runFunction`.
 * @param {{ id: string, description: string, parameters: { name: string, description: string, optional: boolean }[], returns: string }[]} functions
 * @param {string} global the bundle's global name
 */
export function jsdocSource(functions, global) {
  return functions
    .map((fn) => {
      const params = fn.parameters.map((p) => p.name);
      return [
        '/**',
        ` * ${doc(fn.description)}`,
        ` * @customfunction ${fn.id}`,
        ...fn.parameters.map((p) => ` * @param {any[][]} ${p.optional ? `[${p.name}]` : p.name} ${doc(p.description)}`),
        ` * @returns {any[][]} ${doc(fn.returns)}`,
        ' */',
        `function ${functionName(fn.id)}(${params.join(', ')}) {`,
        `  return ${global}.runFunction(${JSON.stringify(fn.id)}, [${params.join(', ')}]);`,
        '}',
      ].join('\n');
    })
    .join('\n\n');
}

let generator;

/** custom-functions-metadata's generateCustomFunctionsMetadata, with a TypeScript API it can use. */
function loadGenerator() {
  if (generator) return generator;
  const packageDir = path.dirname(require.resolve('custom-functions-metadata/package.json')) + path.sep;
  const { ts } = require('@ts-morph/common');
  const load = Module._load;
  Module._load = function loadWithTypeScriptApi(request, parent, ...rest) {
    if (request === 'typescript' && parent?.filename?.startsWith(packageDir)) return ts;
    return load.call(this, request, parent, ...rest);
  };
  try {
    generator = require('custom-functions-metadata').generateCustomFunctionsMetadata;
  } finally {
    Module._load = load;
  }
  return generator;
}

/**
 * Runs the generator over `source`. Its CLI prints errors yet exits 0; here any error it
 * reports fails the build, with the generator's own words.
 * @returns {Promise<{ json: string, metadata: { functions: { id: string, name: string }[] }, associate: { functionName: string, id: string }[] }>}
 */
export async function generateMetadata(source) {
  const generate = loadGenerator();
  const dir = await mkdtemp(path.join(tmpdir(), 'icp-excel-'));
  const file = path.join(dir, 'functions.js');
  try {
    await writeFile(file, source);
    const result = await generate(file, false);
    if (result.errors.length > 0) {
      throw new Error(`custom-functions-metadata found ${result.errors.length} problem(s) in the generated JSDoc:\n${result.errors.join('\n')}`);
    }
    if (!result.metadataJson) throw new Error('custom-functions-metadata found no @customfunction in the generated JSDoc.');
    return { json: result.metadataJson, metadata: JSON.parse(result.metadataJson), associate: result.associate };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
