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
import { registerIcpFunctions } from './plugin.ts';

export interface SampleTexts {
  prospects: string;
  history: string;
  model: string;
}

export const SHEETS = {
  prospects: 'Prospects',
  history: 'History',
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

function columnOf(cells: WireCell[][], header: string): number {
  const index = (cells[0] ?? []).findIndex((h) => headerKey(String(h ?? '')) === headerKey(header));
  if (index < 0) throw new Error(`The sample sheet has no "${header}" column.`);
  return index;
}

/** Builds the engine and the Host over it, with every sample formula in place. */
export async function buildPreviewWorkbook(samples: SampleTexts, options: PreviewHostOptions = {}): Promise<HyperFormulaHost> {
  registerIcpFunctions();
  const prospects = parseCsv(samples.prospects);
  const history = parseCsv(samples.history);
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
  await score(SHEETS.history);

  const model = host.modelReference(SHEETS.model);
  const column = (cells: WireCell[][], header: string, sheet?: string) => {
    const name = columnName(columnOf(cells, header));
    return `${sheet ? `${quoteSheet(sheet)}!` : ''}${name}2:${name}${cells.length}`;
  };

  // Prospects: the persona of each contact, right of the three score columns.
  const scored = host.values(SHEETS.prospects);
  const personaColumn = scored[0]!.length;
  engine.setCellContents({ sheet: engine.getSheetId(SHEETS.prospects)!, row: 0, col: personaColumn }, [
    ['ICP Persona'],
    [`=ICP_PERSONA(${column(prospects, 'Title')}, ${model})`],
  ]);

  await host.createSummarySheet({ scoredSheet: SHEETS.prospects, tierColumn: 'ICP Tier', modelSheet: SHEETS.model, title: SHEETS.summary });
  await host.createSummarySheet({
    scoredSheet: SHEETS.history,
    tierColumn: 'ICP Tier',
    wonColumn: 'Outcome',
    amountColumn: 'Amount',
    modelSheet: SHEETS.model,
    title: SHEETS.dealsSummary,
  });

  // Backtest: how the scores ranked the closed deals, and which model rows pick winners.
  const deals = host.values(SHEETS.history);
  // The ICP Score and ICP Tier columns side by side, so ICP_BACKTEST sees exclusions and overrides.
  const scoreAndTier = (() => {
    const score = columnOf(deals, 'ICP Score');
    if (columnOf(deals, 'ICP Tier') !== score + 1) throw new Error('The ICP Tier column is expected right after ICP Score.');
    return `${quoteSheet(SHEETS.history)}!${columnName(score)}2:${columnName(score + 1)}${deals.length}`;
  })();
  const width = columnName(history[0]!.length - 1);
  engine.addSheet(SHEETS.backtest);
  engine.setSheetContent(engine.getSheetId(SHEETS.backtest)!, [
    [
      'How well the scores ranked the closed deals (ICP_BACKTEST)', null, null, null, null, null, null, null,
      'Which model rows pick winners (ICP_LIFT)',
    ],
    [
      "Time rules (within days, decays over days) count back from the model's as of day here; the panel's Learn tab counts them back from each deal's created date, so its AUC on the same deals can differ.",
    ],
    [
      `=ICP_BACKTEST(${scoreAndTier}, ${column(deals, 'Outcome', SHEETS.history)}, ${model}, ${column(deals, 'Amount', SHEETS.history)})`,
      null, null, null, null, null, null, null,
      `=ICP_LIFT(${quoteSheet(SHEETS.history)}!A2:${width}${history.length}, ${quoteSheet(SHEETS.history)}!A1:${width}1, ${column(deals, 'Outcome', SHEETS.history)}, ${model})`,
    ],
  ]);
  host.setActive(SHEETS.prospects);
  return host;
}
