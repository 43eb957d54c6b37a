// dist/sheets/Code.js as Apps Script runs it: one script in a vm, no module system.
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../core/index.ts';
import { FUNCTION_CALLS } from '../fixtures/function-calls.ts';
import { SPEC_EXAMPLE, modelGrid } from '../fixtures/workbook.ts';
import { createAppsScript, midnight } from '../fakes/apps-script.ts';
import { type AppsScriptContext, callTopLevel, loadCodeJs, readCodeJs } from '../../support/fakes/code-js.ts';

let code: string;
let script: AppsScriptContext;

beforeAll(() => {
  code = readCodeJs();
  script = loadCodeJs();
});

/** The JSDoc block written immediately above `function NAME(`, or undefined. */
function jsdocAbove(name: string): { doc: string; params: string[] } | undefined {
  const match = new RegExp(`\\/\\*\\*((?:(?!\\*\\/)[\\s\\S])*)\\*\\/\\n^function ${name}\\(([^)]*)\\)`, 'm').exec(code);
  if (!match) return undefined;
  return { doc: match[1]!, params: match[2]!.split(',').map((p) => p.trim()).filter(Boolean) };
}

function errorOf(run: () => unknown): Error & { constructor: { name: string } } {
  try {
    run();
  } catch (error) {
    return error as Error & { constructor: { name: string } };
  }
  throw new Error('expected the call to throw');
}

describe('Code.js as Apps Script loads it', () => {
  it('is one plain script: no import, export or require', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\brequire\(/);
  });

  it.each(FUNCTIONS.map((f) => [f.sheetsName, f] as const))(
    '%s is a top-level function declaration whose JSDoc describes it, each parameter and its return, with @customfunction',
    (name, fn) => {
      expect(typeof script[name]).toBe('function');
      expect(String(script[name])).toMatch(new RegExp(`^function ${name}\\(`));
      const block = jsdocAbove(name);
      expect(block, `no JSDoc directly above function ${name}`).toBeDefined();
      const { doc, params } = block!;
      expect(params).toEqual(fn.parameters.map((p) => p.name));
      expect(doc).toContain(fn.description);
      for (const p of fn.parameters) {
        const documented = p.optional ? `[${p.name}]` : p.name;
        expect(doc).toMatch(new RegExp(`@param \\{[^}]+\\} ${documented.replace(/[[\]]/g, '\\$&')} ${escape(p.description)}`));
      }
      expect(doc).toMatch(new RegExp(`@return \\{[^}]+\\} ${escape(fn.returns)}`));
      expect(doc).toMatch(/@customfunction/);
    },
  );

  it('declares the triggers and every server function the panel calls at top level', () => {
    for (const name of ['onOpen', 'onInstall', 'readModel', 'saveModel', 'listSheets', 'activeSheet', 'readRows', 'insertScoreColumns', 'createSummarySheet', 'listHistory', 'readHistory', 'findForeignFormulas', 'convertForeignFormulas']) {
      expect(String(script[name]), name).toMatch(new RegExp(`^function ${name}\\(`));
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('custom functions called as Sheets calls them', () => {
  it.each(FUNCTION_CALLS.map((c) => [c.title, c] as const))('%s', (_title, call) => {
    if ('error' in call.expected) {
      const error = errorOf(() => callTopLevel(script, call.name, call.args));
      // A plain Error whose message is the core's sentence (what the cell shows), never a stack.
      expect(error.constructor.name).toBe('Error');
      expect(error.name).toBe('Error');
      expect(error.message).toMatch(call.expected.error);
      expect(error.message).not.toMatch(/\n\s+at /);
    } else {
      expect(callTopLevel(script, call.name, call.args)).toEqual(call.expected);
    }
  });

  it('reads Date objects made by the script’s own realm in a date rule', () => {
    const model = modelGrid([...SPEC_EXAMPLE, ['criterion', 'Recent visit', 'Last visit', 'within days', 90, 15], ['setting', 'as of', '', '', '2026-09-30']]);
    const headers = [['Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps', 'Last visit']];
    const base = [450, 'SaaS', 'HubSpot; Gong', 'Series A', 'yes'];
    // 85 + 15 = 100 of 115 → 87.0; a visit 272 days before as-of earns nothing: 85 / 115 → 73.9.
    const values = [[...base, new Date(2026, 7, 15)], [...base, new Date(2026, 0, 1)], [...base, '']];
    expect(callTopLevel(script, 'ICP_SCORE', [values, headers, model])).toEqual([[87], [73.9], [73.9]]);
  });

  it('reads each date as its calendar day in the spreadsheet’s time zone, not the script’s', () => {
    // Sheets passes a date as the instant of its midnight in the spreadsheet's zone: in Berlin,
    // 2026-09-20 arrives as 2026-09-19T22:00Z, which the script's UTC zone would call the 19th.
    const berlin = loadCodeJs(createAppsScript({ timeZone: 'Europe/Berlin' }).globals);
    const model = modelGrid([['criterion', 'Recent visit', 'Last visit', 'within days', 10, 10], ['setting', 'as of', '', '', '2026-09-30']]);
    const values = [[midnight(2026, 9, 20, 'Europe/Berlin')], [midnight(2026, 9, 19, 'Europe/Berlin')]];
    expect(callTopLevel(berlin, 'ICP_SCORE', [values, [['Last visit']], model])).toEqual([[100], [0]]);
    const explained = callTopLevel(berlin, 'ICP_EXPLAIN', [values.slice(0, 1), [['Last visit']], model]) as string[][];
    expect(explained[0]![0]).toContain('Last visit: 2026-09-20');
  });

  it('takes a single cell as values (Sheets passes a scalar, not a grid)', () => {
    const model = modelGrid([SPEC_EXAMPLE[0]!, ['persona', 'Economic Buyer', '', 'contains any', 'CRO']]);
    expect(callTopLevel(script, 'ICP_PERSONA', ['CRO, EMEA', model])).toEqual([['Economic Buyer']]);
    // One criterion, 450 employees within 200–2000: 30 of 30 → 100.
    expect(callTopLevel(script, 'ICP_SCORE', [450, 'Employees', model])).toEqual([[100]]);
  });

  it('says which argument is missing when a required one is left out', () => {
    const error = errorOf(() => callTopLevel(script, 'ICP_SCORE', [[[450]]]));
    expect(error.message).toMatch(/^ICP_SCORE needs its headers argument: The header row over those columns/);
  });

  it('returns a 100,000-row column for a 100,000-row call, blank rows at the end blank', () => {
    const industries = ['SaaS', 'Retail', 'Software', 'Manufacturing'];
    const rows = Array.from({ length: 100_000 }, (_, i) =>
      i >= 99_990 ? ['', '', '', '', ''] : [100 + (i % 3000), industries[i % 4]!, i % 2 ? 'Salesforce' : '', 'Series B', i % 5 ? 'yes' : 'no'],
    );
    const result = callTopLevel(script, 'ICP_SCORE', [rows, [['Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps']], modelGrid(SPEC_EXAMPLE)]) as unknown[][];
    expect(result).toHaveLength(100_000);
    expect(result.every((row) => row.length === 1)).toBe(true);
    // Row 0: 100 employees (not 200–2000), SaaS 20, no CRM, Series B 15, no → 35.
    // Row 1: 101, Retail, Salesforce 25, Series B 15, yes 10 → 50. Row 300: 400, SaaS 20, 0, 15, 0 → 65.
    expect([result[0]![0], result[1]![0], result[300]![0]]).toEqual([35, 50, 65]);
    expect(result.slice(99_990).every((row) => row[0] === '')).toBe(true);
  });
});
