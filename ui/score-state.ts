/**
 * The Score tab's state: the sheet the user is on, the columns picked for Fields it lacks, the tier
 * preview of its rows, and "Score this sheet". The model's problems are checked against the same
 * sheet's headers (with the picks), so the Model tab reads them from here too.
 */
import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import type { Host, SheetInfo } from '../workbook/host.ts';
import type { PanelContext } from './context.ts';
import type { ModelDoc } from './doc.ts';
import { type FieldMatch, matchFields, scoredFields, substituteHeaders } from './mapping.ts';
import { busy, notices } from './messages.ts';
import { type HostEvent, useHostWatch } from './model-watch.ts';
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
  /** Shows the sheet the user is on now (another sheet, or new columns), dropping what belonged to the last one. */
  follow: (info: SheetInfo | null) => void;
  runPreview: () => Promise<void>;
  score: () => Promise<void>;
}

export function useScoreTab(ctx: PanelContext, doc: ModelDoc): ScoreTab {
  const { call, modelSheet, notify } = ctx;
  const [active, setActive] = useState<SheetInfo | null>(null);
  const [picks, setPicks] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<PreviewData | null>(null);
  const [scoreResult, setScoreResult] = useState<string | null>(null);

  const shown = useRef(active);
  shown.current = active;
  const follow = useCallback((info: SheetInfo | null) => {
    if (sameSheet(info, shown.current)) return;
    if (shown.current?.name !== info?.name) setScoreResult(null);
    setActive(info);
    setPreview((p) => (p && p.sheet !== info?.name ? null : p));
    // A column picked on the last sheet that this one lacks is no pick here.
    setPicks((p) => Object.fromEntries(Object.entries(p).filter(([, header]) => info?.headers.includes(header))));
  }, []);

  const refreshActive = useCallback(async () => {
    const info = await call(busy.activeSheet, (h) => h.activeSheet());
    if (info !== undefined) follow(info);
  }, [call, follow]);

  const sheetHeaders = active && active.name !== modelSheet && active.headerRow > 0 ? active.headers : null;
  const checkedHeaders = useMemo(() => (sheetHeaders ? substituteHeaders(sheetHeaders, picks) : null), [sheetHeaders, picks]);
  const matches = useMemo(() => matchFields(scoredFields(doc), active?.headers ?? []), [doc, active]);

  const score = async () => {
    if (!active) return;
    // Where the host tells the panel nothing (Sheets between two polls), the user may be on another
    // sheet by now: look first, and never write to a sheet the panel no longer shows.
    const now = await call(busy.activeSheet, (h) => h.activeSheet());
    if (now === undefined) return;
    if (!sameSheet(now, active)) {
      follow(now);
      return notify('info', notices.activeSheetMoved(active.name, now?.name ?? null));
    }
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
    follow,
    runPreview,
    score,
  };
}

/** The same sheet as shown: its name, header row, headers and rows (what the Score tab shows of it). */
export function sameSheet(a: SheetInfo | null, b: SheetInfo | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The Score tab follows the sheet the user is on: on the host's event where it has one (Excel's
 * onActivated, the preview's tabs, the in-memory workbook), when the panel regains focus, and on a
 * poll where it has none (Google Sheets), as the model watch does (ui/model-watch.ts). The look is
 * silent: no busy line, and nothing changes unless the sheet did.
 */
export function useActiveSheetWatch(host: Host, tab: ScoreTab, options: { ready: boolean; busy: boolean; pollMs?: number }): void {
  const check = async () => {
    const info = await host.activeSheet();
    tab.follow(info);
  };
  const event: HostEvent | undefined = host.watchActiveSheet && ((onChange) => host.watchActiveSheet!(onChange));
  useHostWatch({ event, watching: [host], check, ...options });
}
