/**
 * An Excel workbook in memory behind `Excel.run`, built on office-addin-mock: every object the
 * add-in gets (worksheets, ranges, charts) is an `OfficeMockObject`, so reading a property that
 * was not loaded and synced gives office-addin-mock's "not loaded" error, as Excel throws.
 * Like Excel, every change (a property set, `clear`, `add`, `delete`…) is queued and applied at
 * `context.sync()`, in order; `failSyncAfter` makes a sync apply only that many queued changes and
 * then fail, as a lost connection would.
 *
 * Cells hold what Excel holds (at most 32,767 characters): values ("" for blank, numbers for dates), a formula where one was
 * written, a number format. A text written behind an apostrophe is stored as that text. Formulas
 * are not evaluated: `formula(sheet, "A2")` shows what was written.
 */
import { OfficeMockObject } from 'office-addin-mock';

export type ExcelValue = string | number | boolean;

interface Cell {
  value: ExcelValue;
  formula?: string;
  format?: string;
}

export interface FakeChart {
  type: string;
  source: string;
  seriesBy: string;
  title?: string;
  position?: string;
  series: { name: string; values?: string; chartType?: string; axisGroup?: string }[];
}

interface Sheet {
  name: string;
  cells: Map<string, Cell>;
  visibility: string;
  frozenRows: number;
  charts: FakeChart[];
}

const key = (row: number, column: number) => `${row},${column}`;

export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** `B3` → [2, 1] (0-based row, column). */
function parseCell(a1: string): [number, number] {
  const match = /^([A-Z]+)(\d+)$/.exec(a1);
  if (!match) throw new Error(`The fake reads A1 cells only, not ${a1}`);
  let column = 0;
  for (const ch of match[1]!) column = column * 26 + (ch.charCodeAt(0) - 64);
  return [Number(match[2]) - 1, column - 1];
}

function parseAddress(address: string): { row: number; column: number; rows: number; columns: number } {
  const [from, to = from] = address.split(':');
  const [r1, c1] = parseCell(from!);
  const [r2, c2] = parseCell(to!);
  return { row: r1, column: c1, rows: r2 - r1 + 1, columns: c2 - c1 + 1 };
}

/** How Excel stores a written value: an apostrophe keeps the text after it; "=…" would be a formula. */
/** Excel's most characters in a cell. */
const CELL_LIMIT = 32_767;

function stored(value: unknown): Cell {
  if (typeof value === 'string' && value.length - (value.startsWith("'") ? 1 : 0) > CELL_LIMIT) {
    throw new Error(`The fake refuses a text of ${value.length} characters: a cell holds at most ${CELL_LIMIT} (Excel throws InvalidArgument).`);
  }
  if (typeof value === 'string' && value.startsWith("'")) return { value: value.slice(1) };
  if (typeof value === 'string' && value.startsWith('=')) return { value: '', formula: value };
  if (value === null || value === undefined) return { value: '' };
  return { value: value as ExcelValue };
}

export class FakeExcelWorkbook {
  private readonly sheets: Sheet[] = [];
  private active = '';
  /** The next sync that has changes to make applies only this many of them, then fails (once); null = never. */
  failSyncAfter: number | null = null;
  /** Syncs with changes that go through before `failSyncAfter` takes effect. */
  failSyncSkip = 0;
  /** How many syncs in a row fail once `failSyncAfter` takes effect (a write, then the write putting it back). */
  failSyncTimes = 1;
  private readonly afterReads = new Map<string, () => void>();
  /** Syncs that write to this sheet fail half-way through its changes, `times` times. */
  private failingWrites: { sheet: string; times: number } | null = null;

  /** The next `times` syncs that write cells of the sheet apply half of those writes, then fail (a lost connection). */
  failWritesTo(sheet: string, times = 1): void {
    this.failingWrites = { sheet, times };
  }

  /** Runs `edit` once, at the end of the next sync that read values of the sheet: a person typing meanwhile. */
  afterNextRead(name: string, edit: () => void): void {
    this.afterReads.set(name, edit);
  }
  /** Every Excel.run batch and sync, for tests that count round trips. */
  readonly stats = { runs: 0, syncs: 0 };
  /** `worksheets.onChanged` handlers (the sheet's name stands in for its id); null: the API set is missing. */
  changeHandlers: Set<(event: { worksheetId: string; address: string; source: string }) => Promise<unknown>> | null = new Set();
  /** `worksheets.onActivated` handlers; null: the API set is missing. */
  activateHandlers: Set<(event: { worksheetId: string; type: string }) => Promise<unknown>> | null = new Set();

  /** A person types into a cell (1-based): the value changes and `worksheets.onChanged` fires, as in Excel. */
  async typeInto(name: string, row: number, column: number, value: ExcelValue): Promise<void> {
    this.setCell(name, row, column, { value });
    for (const handler of this.changeHandlers ?? []) await handler({ worksheetId: name, address: `${columnLetter(column)}${row}`, source: 'Local' });
  }

  constructor(sheets: Record<string, ExcelValue[][]> = {}, active?: string) {
    for (const [name, rows] of Object.entries(sheets)) this.setSheet(name, rows);
    this.active = active ?? Object.keys(sheets)[0] ?? '';
  }

  // ---- the workbook, for tests ---------------------------------------------------------------

  setSheet(name: string, rows: ExcelValue[][]): void {
    const sheet = this.sheet(name) ?? this.addSheet(name);
    sheet.cells.clear();
    rows.forEach((row, r) => row.forEach((value, c) => {
      if (value !== '') sheet.cells.set(key(r, c), { value });
    }));
  }

  /** One cell's value, number format or formula, as Excel holds it (1-based row and column). */
  setCell(name: string, row: number, column: number, cell: Partial<Cell> & { value: ExcelValue }): void {
    this.need(name).cells.set(key(row - 1, column - 1), { ...cell });
  }

  /** The sheet's values from A1 to its last used cell, or null when there is no such sheet. */
  values(name: string): ExcelValue[][] | null {
    const sheet = this.sheet(name);
    if (!sheet) return null;
    const { rows, columns } = this.extent(sheet);
    return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => sheet.cells.get(key(r, c))?.value ?? ''));
  }

  formula(name: string, a1: string): string | undefined {
    const [r, c] = parseCell(a1);
    return this.sheet(name)?.cells.get(key(r, c))?.formula;
  }

  numberFormat(name: string, a1: string): string | undefined {
    const [r, c] = parseCell(a1);
    return this.sheet(name)?.cells.get(key(r, c))?.format;
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  visibility(name: string): string | undefined {
    return this.sheet(name)?.visibility;
  }

  frozenRows(name: string): number {
    return this.sheet(name)?.frozenRows ?? 0;
  }

  charts(name: string): FakeChart[] {
    return structuredClone(this.sheet(name)?.charts ?? []);
  }

  activeSheet(): string {
    return this.active;
  }

  /** The user goes to a sheet (or a batch activates it): `worksheets.onActivated` fires, as in Excel. */
  setActive(name: string): void {
    this.need(name);
    if (this.active === name) return;
    this.active = name;
    for (const handler of this.activateHandlers ?? []) void handler({ worksheetId: name, type: 'WorksheetActivated' });
  }

  // ---- Excel.run ------------------------------------------------------------------------------

  /** `Excel.run`: one batch; pending changes are applied when the batch ends, as Excel does. */
  readonly run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    this.stats.runs++;
    const context = this.context();
    const result = await batch(context as unknown as Excel.RequestContext);
    await (context as unknown as { sync(): Promise<void> }).sync();
    return result;
  };

  private context(): OfficeMockObject {
    /** Queued changes; those that write cells name their sheet. */
    const pending: ((() => void) & { sheet?: string })[] = [];
    const onSheet = (sheet: string, change: () => void) => Object.assign(change, { sheet });
    const created: OfficeMockObject[] = [];
    /** Sheets whose values this sync reads, for `afterNextRead`. */
    const valuesRead = new Set<string>();
    let syncing = false;
    const workbook = this;

    /** An OfficeMockObject whose property sets (deep) are queued as changes. */
    const track = (data: Record<string, unknown>, onSet: (path: string, value: unknown) => void, sheet?: string): OfficeMockObject => {
      const mock = new OfficeMockObject(data, 'excel' as never);
      created.push(mock);
      const wrap = (target: object, path: string): object =>
        new Proxy(target, {
          get(obj, prop, receiver) {
            const value = Reflect.get(obj, prop, receiver);
            if (typeof prop === 'string' && value instanceof OfficeMockObject && prop !== '_properties') return wrap(value, path ? `${path}.${prop}` : prop);
            return value;
          },
          set(obj, prop, value, receiver) {
            // office-addin-mock's own load() sets its "not loaded/synced" markers: not changes.
            const marker = value === 'Error, property was not loaded' || value === 'Error, context.sync() was not called';
            if (!syncing && !marker && typeof prop === 'string' && !prop.startsWith('_')) {
              const at = path ? `${path}.${prop}` : prop;
              const change = () => onSet(at, value);
              pending.push(sheet === undefined ? change : onSheet(sheet, change));
            }
            return Reflect.set(obj, prop, value, receiver);
          },
        });
      return wrap(mock, '') as OfficeMockObject;
    };

    // Where each range object points, for charts given a range (reading its unloaded address would fail).
    const addresses = new WeakMap<object, string>();
    const addressOf = (range: unknown) => addresses.get(range as object) ?? '(not a range)';

    const rangeObject = (sheetName: string, row: number, column: number, rows: number, columns: number): OfficeMockObject => {
      const sheet = () => workbook.need(sheetName);
      const grid = <T>(read: (cell: Cell | undefined) => T): T[][] =>
        Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => read(workbook.sheet(sheetName)?.cells.get(key(row + r, column + c)))));
      const write = (cells: unknown, apply: (cell: Cell, value: unknown, r: number, c: number) => Cell) => {
        if (!Array.isArray(cells) || cells.length !== rows || cells.some((line) => !Array.isArray(line) || line.length !== columns)) {
          throw new Error(`The fake refuses a ${Array.isArray(cells) ? cells.length : '?'}-row write to a ${rows}×${columns} range (Excel throws InvalidArgument).`);
        }
        (cells as unknown[][]).forEach((line, r) => line.forEach((value, c) => {
          const k = key(row + r, column + c);
          const next = apply(sheet().cells.get(k) ?? { value: '' }, value, r, c);
          if (next.value === '' && !next.formula && !next.format) sheet().cells.delete(k);
          else sheet().cells.set(k, next);
        }));
      };
      const address = `${columnLetter(column + 1)}${row + 1}:${columnLetter(column + columns)}${row + rows}`;
      const range = track(
        {
          isNullObject: false,
          address: `${sheetName}!${address}`,
          rowIndex: row,
          columnIndex: column,
          rowCount: rows,
          columnCount: columns,
          values: grid((cell) => cell?.value ?? ''),
          formulas: grid((cell) => cell?.formula ?? cell?.value ?? ''),
          numberFormat: grid((cell) => cell?.format ?? 'General'),
          format: { font: { bold: false, size: 11 } },
          load(properties: string | string[]) {
            const list = Array.isArray(properties) ? properties : properties.split(',').map((p) => p.trim());
            if (list.includes('values')) valuesRead.add(sheetName);
            OfficeMockObject.prototype.load.call(range, properties);
            return range;
          },
          clear(applyTo?: string) {
            pending.push(onSheet(sheetName, () => {
              for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) {
                const k = key(row + r, column + c);
                const cell = sheet().cells.get(k);
                if (!cell) continue;
                if (applyTo === 'Contents' && cell.format) sheet().cells.set(k, { value: '', format: cell.format });
                else sheet().cells.delete(k);
              }
            }));
          },
        },
        (path, value) => {
          if (path === 'values') write(value, (cell, v) => ({ ...stored(v), ...(cell.format ? { format: cell.format } : {}) }));
          else if (path === 'formulas') write(value, (cell, v) => ({ ...stored(v), ...(cell.format ? { format: cell.format } : {}) }));
          else if (path === 'numberFormat') write(value, (cell, v) => ({ ...cell, format: String(v) }));
          // Fonts are not kept: the tests look at content, formats, charts.
        },
        sheetName,
      );
      addresses.set(range, `${sheetName}!${address}`);
      return range;
    };

    // A null object answers every load (with nothing), as Excel's do.
    const nullObject = () =>
      track(
        { isNullObject: true, name: '', visibility: '', rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0, values: [], formulas: [], numberFormat: [], delete() {} },
        () => {},
      );

    const chartObject = (sheetName: string, chart: FakeChart): OfficeMockObject =>
      track(
        {
          title: { text: '' },
          setPosition(at: string) {
            pending.push(() => void (chart.position = at));
          },
          series: {
            add(name: string) {
              const series: FakeChart['series'][number] = { name };
              pending.push(() => chart.series.push(series));
              return track(
                {
                  setValues(range: OfficeMockObject) {
                    pending.push(() => void (series.values = addressOf(range)));
                  },
                  chartType: '',
                  axisGroup: '',
                },
                (path, value) => {
                  if (path === 'chartType') series.chartType = String(value);
                  if (path === 'axisGroup') series.axisGroup = String(value);
                },
              );
            },
          },
        },
        (path, value) => {
          if (path === 'title.text') chart.title = String(value);
        },
      );

    const worksheetObject = (name: string): OfficeMockObject => {
      const sheet = workbook.sheet(name);
      return track(
        {
          isNullObject: false,
          name,
          visibility: sheet?.visibility ?? 'Visible',
          getUsedRangeOrNullObject() {
            const current = workbook.sheet(name);
            const extent = current ? workbook.extent(current, true) : { rows: 0, top: 0, left: 0, columns: 0 };
            if (extent.rows === 0) return nullObject();
            return rangeObject(name, extent.top, extent.left, extent.rows - extent.top, extent.columns - extent.left);
          },
          getRangeByIndexes(row: number, column: number, rows: number, columns: number) {
            if (rows < 1 || columns < 1) throw new Error(`The fake refuses a range of ${rows}×${columns} cells (Excel throws InvalidArgument).`);
            return rangeObject(name, row, column, rows, columns);
          },
          getRange(address: string) {
            const at = parseAddress(address);
            return rangeObject(name, at.row, at.column, at.rows, at.columns);
          },
          freezePanes: {
            freezeRows(count: number) {
              pending.push(() => void (workbook.need(name).frozenRows = count));
            },
          },
          charts: {
            add(type: string, source: OfficeMockObject, seriesBy: string) {
              const chart: FakeChart = { type, source: addressOf(source), seriesBy, series: [] };
              pending.push(() => workbook.need(name).charts.push(chart));
              return chartObject(name, chart);
            },
          },
          activate() {
            pending.push(() => workbook.setActive(name));
          },
          delete() {
            pending.push(() => workbook.sheets.splice(workbook.sheets.findIndex((s) => s.name === name), 1));
          },
        },
        (path, value) => {
          if (path === 'visibility') workbook.need(name).visibility = String(value);
        },
      );
    };

    const worksheets = () => {
      const items = workbook.sheets.map((sheet) => worksheetObject(sheet.name));
      const collection = track(
        {
          items,
          getItemOrNullObject(name: string) {
            return workbook.sheet(name) ? worksheetObject(name) : nullObject();
          },
          /** By id: the fake's ids are the sheets' names. */
          getItem(id: string) {
            return worksheetObject(workbook.need(id).name);
          },
          ...(workbook.changeHandlers
            ? {
                onChanged: {
                  add(handler: (event: { worksheetId: string; address: string; source: string }) => Promise<unknown>) {
                    const handlers = workbook.changeHandlers!;
                    handlers.add(handler);
                    return { remove: () => handlers.delete(handler) };
                  },
                },
              }
            : {}),
          ...(workbook.activateHandlers
            ? {
                onActivated: {
                  add(handler: (event: { worksheetId: string; type: string }) => Promise<unknown>) {
                    const handlers = workbook.activateHandlers!;
                    handlers.add(handler);
                    return { remove: () => handlers.delete(handler) };
                  },
                },
              }
            : {}),
          getActiveWorksheet() {
            return worksheetObject(workbook.active);
          },
          add(name: string) {
            if (workbook.sheet(name)) throw new Error(`A sheet named "${name}" exists already (Excel throws ItemAlreadyExists).`);
            pending.push(() => workbook.addSheet(name));
            return worksheetObject(name);
          },
          // office-addin-mock cannot navigate into an array: `load('items/name')` loads the items,
          // then `name` on each, as Excel does.
          load(properties: string | string[]) {
            const paths = (Array.isArray(properties) ? properties : properties.split(',')).map((p) => p.trim());
            OfficeMockObject.prototype.load.call(collection, 'items');
            const itemProperties = paths.filter((p) => p.startsWith('items/')).map((p) => p.slice('items/'.length));
            if (itemProperties.length > 0) for (const item of items) item.load(itemProperties);
            return collection;
          },
        },
        () => {},
      );
      return collection;
    };

    let contextMock: OfficeMockObject;
    contextMock = track(
      {
        async sync() {
          workbook.stats.syncs++;
          const todo = pending.splice(0);
          const failing = workbook.failingWrites;
          const mine = failing ? todo.filter((change) => change.sheet === failing.sheet).length : 0;
          if (failing && mine > 0) {
            if (--failing.times <= 0) workbook.failingWrites = null;
            let applied = 0;
            for (const change of todo) {
              if (change.sheet === failing.sheet && applied++ >= Math.ceil(mine / 2)) break;
              change();
            }
            throw new Error('The connection to the workbook was lost (fake sync failure).');
          }
          let limit = workbook.failSyncAfter;
          if (limit !== null && todo.length > 0 && workbook.failSyncSkip > 0) {
            workbook.failSyncSkip--;
            limit = null;
          }
          if (limit !== null && todo.length > 0) {
            if (--workbook.failSyncTimes <= 0) {
              workbook.failSyncAfter = null;
              workbook.failSyncTimes = 1;
            }
            todo.slice(0, limit).forEach((change) => change());
            throw new Error('The connection to the workbook was lost (fake sync failure).');
          }
          todo.forEach((change) => change());
          syncing = true;
          try {
            for (const mock of created) await OfficeMockObject.prototype.sync.call(mock);
            // office-addin-mock finishes a sync in queued callbacks: let them run.
            await new Promise((resolve) => setTimeout(resolve, 0));
          } finally {
            syncing = false;
          }
          for (const name of valuesRead) {
            const edit = workbook.afterReads.get(name);
            workbook.afterReads.delete(name);
            edit?.();
          }
          valuesRead.clear();
        },
      },
      () => {},
    );
    // `workbook.worksheets` is made fresh on each read: its items change as sheets are added.
    Object.defineProperty(contextMock, 'workbook', { value: { get worksheets() { return worksheets(); } }, configurable: true });
    return contextMock;
  }

  // ---- inside ---------------------------------------------------------------------------------

  private sheet(name: string): Sheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  private need(name: string): Sheet {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`The fake workbook has no sheet "${name}" (Excel throws ItemNotFound).`);
    return sheet;
  }

  private addSheet(name: string): Sheet {
    const sheet: Sheet = { name, cells: new Map(), visibility: 'Visible', frozenRows: 0, charts: [] };
    this.sheets.push(sheet);
    return sheet;
  }

  /** Rows and columns up to the last cell holding a value or formula; with `used`, also where it starts. */
  private extent(sheet: Sheet, _used = false): { top: number; left: number; rows: number; columns: number } {
    let rows = 0;
    let columns = 0;
    let top = Infinity;
    let left = Infinity;
    for (const [k, cell] of sheet.cells) {
      if (cell.value === '' && !cell.formula) continue;
      const [r, c] = k.split(',').map(Number) as [number, number];
      rows = Math.max(rows, r + 1);
      columns = Math.max(columns, c + 1);
      top = Math.min(top, r);
      left = Math.min(left, c);
    }
    return { top: Number.isFinite(top) ? top : 0, left: Number.isFinite(left) ? left : 0, rows, columns };
  }
}
