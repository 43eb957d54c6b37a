/**
 * The preview's sample workbook: the committed CSVs loaded into HyperFormula, then scored the way
 * a person would score them with the panel: ICP Score, ICP Tier and ICP Why as one array formula
 * each (through the Host, as "Score this sheet" does), a persona column, two summary sheets
 * (through the Host, as "Create summary" does), and a backtest sheet with ICP_BACKTEST and ICP_LIFT.
 */
import { type ConfigParams, HyperFormula } from 'hyperformula';
import { headerKey } from '../core/index.ts';
import { DEFAULT_MODEL_SHEET, type WireCell } from '../workbook/host.ts';
import { columnName, parseCsv, quoteSheet, toRawContent } from './cells.ts';
import { HyperFormulaHost, type PreviewHostOptions } from './host.ts';
import { SCORE_COLUMNS } from '../workbook/sheet-layout.ts';
import { registerIcpFunctions } from './plugin.ts';

export interface SampleTexts {
  prospects: string;
  history: string;
  model: string;
}

export const PERSONA_HEADER = 'ICP Persona';

export const SHEETS = {
  prospects: 'Prospects',
  history: 'Closed deals',
  model: DEFAULT_MODEL_SHEET,
  summary: 'ICP Summary',
  dealsSummary: 'Closed deals by tier',
  backtest: 'Backtest',
} as const;

/**
 * HyperFormula's settings for the preview: the GPL-3.0 licence key. Its default date formats
 * (DD/MM/YYYY) leave ISO dates from the CSVs as text, which the core reads as dates itself.
 */
export const ENGINE_CONFIG: Partial<ConfigParams> = { licenseKey: 'gpl-v3' };

function rawSheet(cells: WireCell[][]) {
  return cells.map((row) => row.map(toRawContent));
}

/**
 * The sheet with empty ICP columns right of the account name (column A, frozen in the grid), so
 * the scores are on the first screen. "Score this sheet" then fills those columns, as it does when
 * a person has moved them there: it reuses ICP columns wherever they stand.
 */
function withIcpColumnsBesideName(cells: WireCell[][], extra: readonly string[] = []): WireCell[][] {
  const headers = [...SCORE_COLUMNS.map((c) => c.header), ...extra];
  return cells.map((row, r) => [row[0] ?? '', ...(r === 0 ? headers : headers.map(() => '')), ...row.slice(1)]);
}

function columnOf(cells: WireCell[][], header: string): number {
  const index = (cells[0] ?? []).findIndex((h) => headerKey(String(h ?? '')) === headerKey(header));
  if (index < 0) throw new Error(`The sample sheet has no "${header}" column.`);
  return index;
}

/** Builds the engine and the Host over it, with every sample formula in place. */
export async function buildPreviewWorkbook(samples: SampleTexts, options: PreviewHostOptions = {}): Promise<HyperFormulaHost> {
  const { host, finish } = await buildFirstScreen(samples, options);
  await finish();
  return host;
}

/**
 * The workbook in two steps, so the page shows the scored prospects sooner: first every sheet and
 * the prospects' formulas (what the first screen shows), then `finish()` scores the closed deals
 * and adds ICP_LIFT, the slow part, which the summary and backtest over the deals then follow.
 * The sheets and their tab order are all there after the first step; only the deals' results
 * arrive with `finish()`.
 */
export async function buildFirstScreen(samples: SampleTexts, options: PreviewHostOptions = {}): Promise<{ host: HyperFormulaHost; finish: () => Promise<void> }> {
  registerIcpFunctions();
  const prospects = withIcpColumnsBesideName(parseCsv(samples.prospects), [PERSONA_HEADER]);
  const history = withIcpColumnsBesideName(parseCsv(samples.history));
  const engine = HyperFormula.buildFromSheets(
    {
      [SHEETS.prospects]: rawSheet(prospects),
      [SHEETS.history]: rawSheet(history),
      [SHEETS.model]: rawSheet(parseCsv(samples.model)),
    },
    ENGINE_CONFIG,
  );
  const host = new HyperFormulaHost(engine, { ...options, active: SHEETS.prospects });
  const score = (sheetName: string) => host.insertScoreColumns({ sheetName, headerRow: 1, modelSheet: SHEETS.model, fieldMap: {} });
  await score(SHEETS.prospects);

  const model = host.modelReference(SHEETS.model);
  const column = (cells: WireCell[][], header: string, sheet?: string) => {
    const name = columnName(columnOf(cells, header));
    return `${sheet ? `${quoteSheet(sheet)}!` : ''}${name}2:${name}${cells.length}`;
  };

  // Prospects: the persona of each contact, right of the three score columns.
  engine.setCellContents({ sheet: engine.getSheetId(SHEETS.prospects)!, row: 1, col: columnOf(prospects, PERSONA_HEADER) }, [
    [`=ICP_PERSONA(${column(prospects, 'Title')}, ${model})`],
  ]);

  await host.createSummarySheet({ scoredSheet: SHEETS.prospects, tierColumn: 'ICP Tier', modelSheet: SHEETS.model, title: SHEETS.summary });
  // Over the deals' ICP Tier column, empty until finish() scores the deals.
  await host.createSummarySheet({
    scoredSheet: SHEETS.history,
    tierColumn: 'ICP Tier',
    wonColumn: 'Outcome',
    amountColumn: 'Amount',
    modelSheet: SHEETS.model,
    title: SHEETS.dealsSummary,
  });

  // Backtest: how the scores ranked the closed deals, and which model rows pick winners.
  const history_ = (header: string) => column(history, header, SHEETS.history);
  // The ICP Score and ICP Tier columns side by side, so ICP_BACKTEST sees exclusions and overrides.
  const scoreAndTier = (() => {
    const score = columnOf(history, 'ICP Score');
    if (columnOf(history, 'ICP Tier') !== score + 1) throw new Error('The ICP Tier column is expected right after ICP Score.');
    return `${quoteSheet(SHEETS.history)}!${columnName(score)}2:${columnName(score + 1)}${history.length}`;
  })();
  const width = columnName(history[0]!.length - 1);
  engine.addSheet(SHEETS.backtest);
  const backtest = engine.getSheetId(SHEETS.backtest)!;
  engine.setSheetContent(backtest, [
    [
      'How well the scores ranked the closed deals (ICP_BACKTEST)', null, null, null, null, null, null, null,
      'Which model rows pick winners (ICP_LIFT)',
    ],
    [
      "Time rules (within days, decays over days) count back from the model's as of day here; the panel's Learn tab counts them back from each deal's created date, so its AUC on the same deals can differ.",
    ],
    [`=ICP_BACKTEST(${scoreAndTier}, ${history_('Outcome')}, ${model}, ${history_('Amount')})`],
  ]);
  host.setActive(SHEETS.prospects);

  const finish = async () => {
    await score(SHEETS.history);
    const lift = `=ICP_LIFT(${quoteSheet(SHEETS.history)}!A2:${width}${history.length}, ${quoteSheet(SHEETS.history)}!A1:${width}1, ${history_('Outcome')}, ${model})`;
    engine.setCellContents({ sheet: backtest, row: 2, col: 8 }, [[lift]]);
  };
  return { host, finish };
}
