/**
 * A fault at any port call loses nothing. Every request the panel makes runs on every host once
 * for each port call it makes, with that call failing: before it does anything, and after it is
 * done (its answer lost on the way back, as when a connection drops after the write went through).
 * Afterwards the workbook still holds everything it held: the model sheet is the old model or the
 * new one, the new one only with the old one kept in the history; a save that answers says truly
 * which (one whose answer was lost may have gone either way); every saved version is still there,
 * every prospect cell and every other sheet is as it was; a read answers as it would have, or fails
 * with the fault's own sentence.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredVersion } from '../../workbook/history-sheet.ts';
import { HISTORY_SHEET, type Host, type SaveResult, type WireCell } from '../../workbook/host.ts';
import { SPEC_EXAMPLE, SPEC_HEADERS, SPEC_PROSPECT, modelGrid } from '../fixtures/workbook.ts';
import type { FaultWhen } from './faulty-port.ts';
import { HOST_NAMES, type HostHandle, type HostName, openHost } from './hosts.ts';

const MODEL = 'ICP Model';
const FAULT = 'The connection to the workbook dropped (injected).';
const PROSPECTS = [['Company', ...SPEC_HEADERS], ['Acme', ...SPEC_PROSPECT], ['Bolt', 5000, 'Retail', '', 'Series B', 'no']] as WireCell[][];
const SPEC_MODEL = modelGrid(SPEC_EXAMPLE) as WireCell[][];
/** The model with Company size at 35 points and one criterion fewer. */
const EDITED = SPEC_MODEL.filter((_, r) => r !== 4).map((row, r) => (r === 1 ? row.map((cell, c) => (c === 5 ? 35 : cell)) : row));
const SCORED: WireCell[][] = [['Company', 'ICP Tier', 'Won'], ['Acme', 'Priority', 'Won'], ['Bolt', 'Standard', 'Lost']];

type Outcome = { ok: true; value: unknown } | { ok: false; message: string };

interface State {
  sheets: Record<string, WireCell[][] | null>;
  versions: StoredVersion[];
}

interface Scenario {
  name: string;
  /** The workbook (default: Prospects and the model). */
  book?: Record<string, WireCell[][]>;
  /** Before the faults: a save to have a history, a formula typed, the active sheet. */
  setup?: (h: HostHandle) => Promise<string | void>;
  run: (host: Host, context: string | void) => Promise<unknown>;
  /** What must hold afterwards (beyond every sheet it does not write being as it was). */
  check: (h: HostHandle, before: State, outcome: Outcome, reference: unknown) => void;
  /** The sheets the request may write (its own new sheets are not compared). */
  writes?: (before: State) => string[];
}

function stateOf(h: HostHandle): State {
  return { sheets: Object.fromEntries(h.sheetNames().map((name) => [name, h.values(name)])), versions: h.versions() };
}

const saveOver = (host: Host, rows: WireCell[][]) =>
  host.readModel(MODEL).then((base) => host.saveModel({ sheetName: MODEL, rows, baseVersion: base?.version ?? null, note: 'faulted' }));

/** Every version the history held is still there. */
function keptVersions(h: HostHandle, before: State): void {
  const now = h.versions().map((v) => JSON.stringify([v.id, v.rows]));
  for (const version of before.versions) expect(now).toContain(JSON.stringify([version.id, version.rows]));
}

/** A read: the same answer as without the fault, or the fault's own sentence. */
function answersOrSaysWhy(_h: HostHandle, _before: State, outcome: Outcome, reference: unknown): void {
  if (outcome.ok) expect(outcome.value).toEqual(reference);
  else expect(outcome.message).toContain(FAULT);
}

/**
 * A save: the old model, or the new one with the old kept in the history; an answer says which
 * (ok: the new one; an error or a conflict: the old one); without an answer, either.
 */
function savedOrAsItWas(rows: WireCell[][]) {
  return (h: HostHandle, before: State, outcome: Outcome) => {
    const model = h.values(MODEL) ?? [];
    const old = before.sheets[MODEL] ?? [];
    if (outcome.ok) expect(model).toEqual((outcome.value as SaveResult).ok ? rows : old);
    else expect([old, rows]).toContainEqual(model);
    if (old.length > 0 && JSON.stringify(model) === JSON.stringify(rows)) expect(h.versions().map((v) => v.rows)).toContainEqual(old);
  };
}

const SCENARIOS: Scenario[] = [
  { name: 'readModel', run: (host) => host.readModel(MODEL), check: answersOrSaysWhy },
  { name: 'listSheets', run: (host) => host.listSheets(), check: answersOrSaysWhy },
  { name: 'activeSheet', setup: async (h) => h.activate('Prospects'), run: (host) => host.activeSheet(), check: answersOrSaysWhy },
  { name: 'readRows', run: (host) => host.readRows('Prospects', 10), check: answersOrSaysWhy },
  { name: 'listHistory', setup: async (h) => void (await saveOver(h.faulty.host, EDITED)), run: (host) => host.listHistory(MODEL), check: answersOrSaysWhy },
  {
    name: 'readHistory',
    setup: async (h) => {
      await saveOver(h.faulty.host, EDITED);
      return (await h.faulty.host.listHistory(MODEL))[0]!.id;
    },
    run: (host, id) => host.readHistory(MODEL, id as string),
    check: answersOrSaysWhy,
  },
  { name: 'saveModel, keeping the first version', run: (host) => saveOver(host, EDITED), check: savedOrAsItWas(EDITED), writes: () => [MODEL, HISTORY_SHEET] },
  {
    name: 'saveModel over a history',
    setup: async (h) => void (await saveOver(h.faulty.host, EDITED)),
    run: (host) => saveOver(host, SPEC_MODEL),
    check: savedOrAsItWas(SPEC_MODEL),
    writes: () => [MODEL, HISTORY_SHEET],
  },
  {
    name: 'saveModel making the model sheet',
    book: { Prospects: PROSPECTS },
    run: (host) => saveOver(host, SPEC_MODEL),
    check: savedOrAsItWas(SPEC_MODEL),
    writes: () => [MODEL],
  },
  {
    name: 'insertScoreColumns',
    run: (host) => host.insertScoreColumns({ sheetName: 'Prospects', headerRow: 1, modelSheet: MODEL, fieldMap: {} }),
    check: (h) => expect(h.values('Prospects')!.map((row) => row.slice(0, 6))).toEqual(PROSPECTS),
    writes: () => ['Prospects'],
  },
  {
    name: 'createSummarySheet',
    book: { Scored: SCORED, [MODEL]: SPEC_MODEL },
    run: (host) => host.createSummarySheet({ scoredSheet: 'Scored', tierColumn: 'ICP Tier', wonColumn: 'Won', modelSheet: MODEL, title: 'Tiers' }),
    check: () => {},
  },
  ...(['findForeignFormulas', 'convertForeignFormulas'] as const).map(
    (request): Scenario => ({
      name: request,
      book: { Leads: [['Company', 'Employees', 'Score'], ['Acme', 450, '']], [MODEL]: SPEC_MODEL },
      setup: async (h) => h.setFormula('Leads', 2, 3, `=${h.name === 'excel' ? 'ICP_SCORE' : 'ICP.SCORE'}(A2:B2, A1:B1, 'ICP Model'!A1:H8)`, ''),
      run: (host) => host[request]!(),
      check: (h, before, outcome, reference) => {
        const [theirs, ours] = h.name === 'excel' ? ['ICP_SCORE', 'ICP.SCORE'] : ['ICP.SCORE', 'ICP_SCORE'];
        expect([theirs, ours].map((fn) => `=${fn}(A2:B2, A1:B1, 'ICP Model'!A1:H8)`)).toContain(h.formula('Leads', 'C2'));
        // The formula's own cell may calculate once it is in this host's spelling; no other cell changes.
        const cells = (grid: WireCell[][] | null) => grid?.map((row, r) => row.filter((_, c) => r !== 1 || c !== 2));
        expect(cells(h.values('Leads'))).toEqual(cells(before.sheets.Leads!));
        if (request === 'findForeignFormulas') answersOrSaysWhy(h, before, outcome, reference);
      },
      writes: () => ['Leads'],
    }),
  ),
];

let open: HostHandle | undefined;
afterEach(() => {
  open?.dispose();
  open = undefined;
});

/** Runs the scenario on a fresh workbook; with `fault`, the port call at that index (after the setup) fails. */
async function attempt(name: HostName, scenario: Scenario, fault?: { call: number; when: FaultWhen }) {
  open?.dispose();
  const h = (open = openHost(name, scenario.book ?? { Prospects: PROSPECTS, [MODEL]: SPEC_MODEL }));
  const context = await scenario.setup?.(h);
  const before = stateOf(h);
  const start = h.faulty.port.calls.length;
  if (fault) h.faulty.port.failing = { index: start + fault.call, when: fault.when, message: FAULT };
  const outcome: Outcome = await scenario.run(h.faulty.host, context).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, message: String((error as Error).message) }),
  );
  const calls = h.faulty.port.calls.slice(start).map((c) => c.call);
  return { h, before, outcome, calls };
}

describe.each(HOST_NAMES)('the %s host: a fault at any port call loses nothing', (name) => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_label, scenario) => {
    const clean = await attempt(name, scenario);
    if (!clean.outcome.ok) throw new Error(`${scenario.name} failed without a fault: ${clean.outcome.message}`);
    const reference = clean.outcome.value;
    expect(clean.calls.length).toBeGreaterThan(0);
    for (let call = 0; call < clean.calls.length; call++) {
      for (const when of ['before', 'after'] as const) {
        const { h, before, outcome } = await attempt(name, scenario, { call, when });
        const where = `${scenario.name}, ${when} port call ${call} (${clean.calls[call]})`;
        const written = new Set(scenario.writes?.(before) ?? []);
        for (const [sheet, cells] of Object.entries(before.sheets)) {
          if (!written.has(sheet)) expect(h.values(sheet), `${where}: the sheet "${sheet}"`).toEqual(cells);
        }
        keptVersions(h, before);
        try {
          scenario.check(h, before, outcome, reference);
        } catch (error) {
          throw new Error(`${where}: ${(error as Error).message}`);
        }
      }
    }
  });
});
