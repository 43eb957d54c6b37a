/**
 * The Score tab's state: the sheet the user is on, the columns picked for Fields it lacks, the tier
 * preview of its rows, and "Score this sheet". The model's problems are checked against the same
 * sheet's headers (with the picks), so the Model tab reads them from here too.
 */
import { useCallback, useMemo, useState } from 'preact/hooks';
import type { SheetInfo } from '../workbook/host.ts';
import type { PanelContext } from './context.ts';
import type { ModelDoc } from './doc.ts';
import { type FieldMatch, matchFields, scoredFields, substituteHeaders } from './mapping.ts';
import { busy, notices } from './messages.ts';
import { PREVIEW_ROWS, type PreviewData } from './score-view.ts';

export interface ScoreTab {
  active: SheetInfo | null;
  picks: Record<string, string>;
  pick: (field: string, header: string) => void;
  matches: FieldMatch[];
  /** The prospect sheet the model is checked against (not the model sheet), and its headers with the picks. */
  checkedSheet: string | null;
  checkedHeaders: string[] | null;
  preview: PreviewData | null;
  scoreResult: string | null;
  refreshActive: () => Promise<void>;
  runPreview: () => Promise<void>;
  score: () => Promise<void>;
}

export function useScoreTab(ctx: PanelContext, doc: ModelDoc): ScoreTab {
  const { call, modelSheet } = ctx;
  const [active, setActive] = useState<SheetInfo | null>(null);
  const [picks, setPicks] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<PreviewData | null>(null);
  const [scoreResult, setScoreResult] = useState<string | null>(null);

  const refreshActive = useCallback(async () => {
    const info = await call(busy.activeSheet, (h) => h.activeSheet());
    if (info === undefined) return;
    setActive(info);
    setPreview((p) => (p && p.sheet !== info?.name ? null : p));
  }, [call]);

  const sheetHeaders = active && active.name !== modelSheet && active.headerRow > 0 ? active.headers : null;
  const checkedHeaders = useMemo(() => (sheetHeaders ? substituteHeaders(sheetHeaders, picks) : null), [sheetHeaders, picks]);
  const matches = useMemo(() => matchFields(scoredFields(doc), active?.headers ?? []), [doc, active]);

  const score = async () => {
    if (!active) return;
    const fieldMap = Object.fromEntries(matches.filter((m) => m.header === null && picks[m.field]).map((m) => [m.field, picks[m.field]!]));
    setScoreResult(null);
    const result = await call(busy.scoreColumns(active.name), (h) =>
      h.insertScoreColumns({ sheetName: active.name, headerRow: active.headerRow, modelSheet, fieldMap }),
    );
    if (!result) return;
    setScoreResult(notices.scoreWritten(result.columns, active.name, result.formulaCells));
    await refreshActive();
  };

  const runPreview = async () => {
    if (!active) return;
    const data = await call(busy.rows(active.name), (h) => h.readRows(active.name, PREVIEW_ROWS));
    if (data) setPreview({ sheet: active.name, headers: data.headers, rows: data.rows, total: active.dataRows });
  };

  return {
    active,
    picks,
    pick: (field, header) => setPicks((p) => ({ ...p, [field]: header })),
    matches,
    checkedSheet: sheetHeaders ? active!.name : null,
    checkedHeaders,
    preview,
    scoreResult,
    refreshActive,
    runPreview,
    score,
  };
}
