/**
 * An in-memory stand-in for the Apps Script services the Sheets add-on uses: SpreadsheetApp
 * (spreadsheet, sheets, ranges holding values and formulas, embedded charts), the Ui (add-on
 * menu, sidebar), HtmlService, LockService, Session and Utilities.
 *
 * Small on purpose, and faithful where the add-on depends on it:
 * - setValues reads text the way Sheets reads typing: `=…` becomes a formula, a leading `'`
 *   keeps the rest as text, numbers, TRUE/FALSE and ISO dates become values of their type;
 * - a cell holds at most 50,000 characters; a range past the sheet's edge throws;
 *   setValues throws when the data's shape differs from the range's;
 * - insertSheet makes the new sheet the active one; getSheetByName returns null when absent;
 * - in AuthMode.NONE only SpreadsheetApp.getUi() works (as for an add-on not yet authorized).
 * Formulas are stored, not calculated: a formula cell's value reads as ''. Every cell written
 * through a range (setValues, setFormula(s), clearContent) is logged in its sheet's `_written`.
 * Every public method name exists on the real class (checked at the bottom of this file);
 * helpers for tests start with `_`.
 */

export type FakeValue = string | number | boolean | Date;
interface Cell {
  value: FakeValue;
  formula: string;
  format?: string;
}

const CELL_LIMIT = 50_000;
const OUTSIDE = 'The coordinates of the range are outside the dimensions of the sheet.';

/** A1 column letters → 1-based number. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** What Sheets stores for a value written by setValue(s): text is read as if typed. */
function parseInput(value: unknown, timeZone: string): { value: FakeValue; formula: string } {
  if (value === null || value === undefined) return { value: '', formula: '' };
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') return { value: value as Date, formula: '' };
  if (typeof value === 'number' || typeof value === 'boolean') return { value, formula: '' };
  const text = String(value);
  if (text.length > CELL_LIMIT) {
    throw new Error(`Your input contains more than the maximum of ${CELL_LIMIT} characters in a single cell.`);
  }
  if (text.startsWith("'")) return { value: text.slice(1), formula: '' };
  if (text.startsWith('=') && text.length > 1) return { value: '', formula: text };
  const trimmed = text.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return { value: Number(trimmed), formula: '' };
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === 'true', formula: '' };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (iso) return { value: midnight(Number(iso[1]), Number(iso[2]), Number(iso[3]), timeZone), formula: '' };
  // As typing does (US locale): `10-20` and `1/9` become dates in the current year, `3/4/26` too.
  const monthDay = /^(\d{1,2})[-/](\d{1,2})(?:[-/](\d{2}|\d{4}))?$/.exec(trimmed);
  if (monthDay) {
    const [month, day] = [Number(monthDay[1]), Number(monthDay[2])];
    const year = monthDay[3] ? Number(monthDay[3].length === 2 ? `20${monthDay[3]}` : monthDay[3]) : new Date().getFullYear();
    const valid = month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (valid) return { value: midnight(year, month, day, timeZone), formula: '' };
  }
  // …and `20%` becomes the number 0.2.
  const percent = /^([-+]?\d+(?:\.\d+)?)%$/.exec(trimmed);
  if (percent) return { value: Number(percent[1]) / 100, formula: '' };
  return { value: text, formula: '' };
}

/** Midnight of a calendar day in a time zone (as Sheets returns date cells). */
export function midnight(year: number, month: number, day: number, timeZone = 'Etc/UTC'): Date {
  const guess = Date.UTC(year, month - 1, day);
  const parts = zonedParts(new Date(guess), timeZone);
  const shown = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return new Date(guess - (shown - guess));
}

function zonedParts(date: Date, timeZone: string) {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const get = (type: string) => Number(format.formatToParts(date).find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

export class FakeRange {
  constructor(
    private readonly sheet: FakeSheet,
    private readonly row: number,
    private readonly column: number,
    private readonly rows: number,
    private readonly columns: number,
  ) {}

  /** Every cell written through a range is logged on its sheet (`_written`), for tests of what a write touched. */
  private write(row: number, column: number, cell: Cell): void {
    this.sheet._put(row, column, cell);
    this.sheet._written.push(`${columnLetters(column)}${row}`);
  }

  private each<T>(read: (cell: Cell | undefined) => T): T[][] {
    return Array.from({ length: this.rows }, (_, r) =>
      Array.from({ length: this.columns }, (_, c) => read(this.sheet._cell(this.row + r, this.column + c))),
    );
  }

  getSheet(): FakeSheet {
    return this.sheet;
  }
  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.column;
  }
  getNumRows(): number {
    return this.rows;
  }
  getNumColumns(): number {
    return this.columns;
  }
  getLastRow(): number {
    return this.row + this.rows - 1;
  }
  getLastColumn(): number {
    return this.column + this.columns - 1;
  }
  getA1Notation(): string {
    const start = `${columnLetters(this.column)}${this.row}`;
    if (this.rows === 1 && this.columns === 1) return start;
    return `${start}:${columnLetters(this.getLastColumn())}${this.getLastRow()}`;
  }
  getValues(): FakeValue[][] {
    const values = this.each((cell) => (cell && !cell.formula ? cell.value : ''));
    this.sheet._readDone();
    return values;
  }
  getValue(): FakeValue {
    return this.getValues()[0]![0]!;
  }
  getFormulas(): string[][] {
    return this.each((cell) => cell?.formula ?? '');
  }
  getFormula(): string {
    return this.getFormulas()[0]![0]!;
  }
  getNumberFormats(): string[][] {
    return this.each((cell) => cell?.format ?? 'General');
  }

  setValues(values: unknown[][]): FakeRange {
    if (values.length !== this.rows) {
      throw new Error(`The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.rows}.`);
    }
    const parsed = values.map((row) => {
      if (row.length !== this.columns) {
        throw new Error(`The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.columns}.`);
      }
      return row.map((value) => parseInput(value, this.sheet._timeZone));
    });
    const failure = this.sheet._takeFailure();
    parsed.forEach((row, r) => {
      if (failure && r === failure.afterRows) throw new Error(failure.message);
      row.forEach((cell, c) => this.write(this.row + r, this.column + c, cell));
    });
    return this;
  }
  setValue(value: unknown): FakeRange {
    return this.setValues([[value]]);
  }
  setFormula(formula: string): FakeRange {
    const text = formula.startsWith('=') ? formula : `=${formula}`;
    this.write(this.row, this.column, { value: '', formula: text });
    return this;
  }
  /** As Sheets does: the grid must match the range's shape; an empty string clears a cell. */
  setFormulas(formulas: string[][]): FakeRange {
    if (formulas.length !== this.rows || formulas.some((row) => row.length !== this.columns)) {
      throw new Error(`The number of rows or columns in the data does not match the range: the data is ${formulas.length} by ${formulas[0]?.length ?? 0}, the range ${this.rows} by ${this.columns}.`);
    }
    formulas.forEach((row, r) =>
      row.forEach((formula, c) => {
        const text = formula === '' ? '' : formula.startsWith('=') ? formula : `=${formula}`;
        this.write(this.row + r, this.column + c, { value: '', formula: text });
      }),
    );
    return this;
  }
  clearContent(): FakeRange {
    for (let r = 0; r < this.rows; r++) {
      for (let c = 0; c < this.columns; c++) this.write(this.row + r, this.column + c, { value: '', formula: '' });
    }
    return this;
  }
  setNumberFormat(format: string): FakeRange {
    for (let r = 0; r < this.rows; r++) {
      for (let c = 0; c < this.columns; c++) this.sheet._format(this.row + r, this.column + c, format);
    }
    return this;
  }
  setFontWeight(_weight: string | null): FakeRange {
    return this;
  }
  setFontSize(_size: number): FakeRange {
    return this;
  }
}

/** An embedded chart as built: its type, ranges (A1), options and position, for tests to read. */
export class FakeChart {
  constructor(
    readonly _type: string,
    private readonly ranges: FakeRange[],
    private readonly options: Record<string, unknown>,
    private readonly numHeaders: number,
    readonly _position: { row: number; column: number },
  ) {}
  getRanges(): FakeRange[] {
    return [...this.ranges];
  }
  getNumHeaders(): number {
    return this.numHeaders;
  }
  getOptions(): { get(option: string): unknown } {
    return { get: (option) => this.options[option] ?? null };
  }
}

export class FakeChartBuilder {
  private type = 'COLUMN';
  private readonly ranges: FakeRange[] = [];
  private readonly options: Record<string, unknown> = {};
  private numHeaders = -1;
  private position = { row: 1, column: 1 };

  asComboChart(): FakeChartBuilder {
    this.type = 'COMBO';
    return this;
  }
  asColumnChart(): FakeChartBuilder {
    this.type = 'COLUMN';
    return this;
  }
  addRange(range: FakeRange): FakeChartBuilder {
    this.ranges.push(range);
    return this;
  }
  setNumHeaders(headers: number): FakeChartBuilder {
    this.numHeaders = headers;
    return this;
  }
  setPosition(anchorRow: number, anchorColumn: number, _offsetX: number, _offsetY: number): FakeChartBuilder {
    this.position = { row: anchorRow, column: anchorColumn };
    return this;
  }
  setOption(option: string, value: unknown): FakeChartBuilder {
    this.options[option] = value;
    return this;
  }
  build(): FakeChart {
    return new FakeChart(this.type, [...this.ranges], { ...this.options }, this.numHeaders, this.position);
  }
}

export class FakeSheet {
  private cells: (Cell | undefined)[][] = [];
  private maxRows: number;
  private maxColumns: number;
  private hidden = false;
  private frozenRows = 0;
  private readonly failures: { afterRows: number; message: string; skip: number }[] = [];
  private afterRead: (() => void) | null = null;
  readonly _charts: FakeChart[] = [];
  /** A1 of every cell written through a range since the sheet was made (test setup is not logged). */
  readonly _written: string[] = [];

  constructor(
    private name: string,
    readonly _spreadsheet: FakeSpreadsheet,
    size: { rows?: number; columns?: number } = {},
  ) {
    this.maxRows = size.rows ?? 1000;
    this.maxColumns = size.columns ?? 26;
  }

  get _timeZone(): string {
    return this._spreadsheet.getSpreadsheetTimeZone();
  }
  _cell(row: number, column: number): Cell | undefined {
    return this.cells[row - 1]?.[column - 1];
  }
  _put(row: number, column: number, cell: Cell): void {
    const cells = (this.cells[row - 1] ??= []);
    const format = cells[column - 1]?.format;
    cells[column - 1] = cell.value === '' && !cell.formula && !format ? undefined : { ...cell, format };
  }
  _format(row: number, column: number, format: string): void {
    const cells = (this.cells[row - 1] ??= []);
    cells[column - 1] = { value: '', formula: '', ...cells[column - 1], format };
  }
  /**
   * A setValues on this sheet writes `afterRows` rows, then throws (a write cut short): the next
   * one, or the one after `skipWrites` more. Called again, it queues another failure after that one
   * (a write that fails, then the write that would put it back).
   */
  _failNextWrite(afterRows: number, message = 'Service Spreadsheets timed out while accessing document.', skipWrites = 0): void {
    this.failures.push({ afterRows, message, skip: skipWrites });
  }
  _takeFailure(): { afterRows: number; message: string } | null {
    const next = this.failures[0];
    if (!next) return null;
    if (next.skip > 0) {
      next.skip--;
      return null;
    }
    this.failures.shift();
    return next;
  }
  /**
   * Runs `edit` once, right after the next read of this sheet's values (getValues): a person typing
   * into the sheet while a script works on it.
   */
  _afterNextRead(edit: () => void): void {
    this.afterRead = edit;
  }
  _readDone(): void {
    const edit = this.afterRead;
    this.afterRead = null;
    edit?.();
  }
  /** Values and formulas of the used range, formulas shown as their text: the sheet as a person sees it. */
  _contents(): FakeValue[][] {
    return this.getDataRange()
      .getFormulas()
      .map((row, r) => row.map((formula, c) => formula || this.getDataRange().getValues()[r]![c]!));
  }
  /** Fill the sheet from row 1 (test setup): values as given, no input parsing. */
  _load(rows: FakeValue[][]): FakeSheet {
    rows.forEach((row, r) =>
      row.forEach((value, c) => {
        const formula = typeof value === 'string' && value.startsWith('=') ? value : '';
        this._put(r + 1, c + 1, { value: formula ? '' : value, formula });
      }),
    );
    this.maxRows = Math.max(this.maxRows, rows.length);
    this.maxColumns = Math.max(this.maxColumns, ...rows.map((row) => row.length));
    return this;
  }

  getName(): string {
    return this.name;
  }
  setName(name: string): FakeSheet {
    this.name = name;
    return this;
  }
  getSheetId(): number {
    return this._spreadsheet.getSheets().indexOf(this);
  }
  getParent(): FakeSpreadsheet {
    return this._spreadsheet;
  }

  getRange(a1OrRow: string | number, column?: number, numRows = 1, numColumns = 1): FakeRange {
    if (typeof a1OrRow === 'string') return this.rangeFromA1(a1OrRow);
    const row = a1OrRow;
    if (column === undefined) throw new Error('getRange needs a column');
    if (row < 1 || column < 1 || numRows < 1 || numColumns < 1) throw new Error(`The starting row or column of the range is too small, or the range is empty.`);
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) throw new Error(OUTSIDE);
    return new FakeRange(this, row, column, numRows, numColumns);
  }

  private rangeFromA1(a1: string): FakeRange {
    const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(a1.trim());
    if (!match) throw new Error(`Range not found: ${a1}`);
    const row = Number(match[2]);
    const column = columnNumber(match[1]!);
    const lastRow = match[4] ? Number(match[4]) : row;
    const lastColumn = match[3] ? columnNumber(match[3]) : column;
    return this.getRange(row, column, lastRow - row + 1, lastColumn - column + 1);
  }

  getLastRow(): number {
    for (let r = this.cells.length; r > 0; r--) {
      if (this.cells[r - 1]?.some((cell) => cell && (cell.value !== '' || cell.formula))) return r;
    }
    return 0;
  }
  getLastColumn(): number {
    let last = 0;
    for (const row of this.cells) {
      row?.forEach((cell, c) => {
        if (cell && (cell.value !== '' || cell.formula)) last = Math.max(last, c + 1);
      });
    }
    return last;
  }
  getDataRange(): FakeRange {
    return this.getRange(1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }
  getMaxRows(): number {
    return this.maxRows;
  }
  getMaxColumns(): number {
    return this.maxColumns;
  }
  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.cells.splice(afterPosition, 0, ...Array.from({ length: howMany }, () => []));
    this.maxRows += howMany;
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    for (const row of this.cells) row?.splice(afterPosition, 0, ...new Array<undefined>(howMany));
    this.maxColumns += howMany;
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    if (rowPosition + howMany - 1 > this.maxRows) throw new Error('Those rows are out of bounds.');
    this.cells.splice(rowPosition - 1, howMany);
    this.maxRows -= howMany;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    if (columnPosition + howMany - 1 > this.maxColumns) throw new Error('Those columns are out of bounds.');
    for (const row of this.cells) row?.splice(columnPosition - 1, howMany);
    this.maxColumns -= howMany;
  }
  hideSheet(): FakeSheet {
    this.hidden = true;
    return this;
  }
  showSheet(): FakeSheet {
    this.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this.hidden;
  }
  setFrozenRows(rows: number): void {
    this.frozenRows = rows;
  }
  getFrozenRows(): number {
    return this.frozenRows;
  }
  newChart(): FakeChartBuilder {
    return new FakeChartBuilder();
  }
  insertChart(chart: FakeChart): void {
    this._charts.push(chart);
  }
  getCharts(): FakeChart[] {
    return [...this._charts];
  }
}

export class FakeSpreadsheet {
  private readonly sheets: FakeSheet[] = [];
  private active: FakeSheet | null = null;

  constructor(
    private readonly name = 'Prospects workbook',
    private readonly timeZone = 'Etc/UTC',
  ) {}

  /** Add a sheet without making it active (test setup). */
  _addSheet(name: string, rows: FakeValue[][] = [], size?: { rows?: number; columns?: number }): FakeSheet {
    const sheet = new FakeSheet(name, this, size)._load(rows);
    this.sheets.push(sheet);
    this.active ??= sheet;
    return sheet;
  }

  getName(): string {
    return this.name;
  }
  getId(): string {
    return 'fake-spreadsheet-id';
  }
  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }
  getSheets(): FakeSheet[] {
    return [...this.sheets];
  }
  getSheetByName(name: string): FakeSheet | null {
    return this.sheets.find((sheet) => sheet.getName() === name) ?? null;
  }
  insertSheet(sheetName?: string): FakeSheet {
    const name = sheetName ?? `Sheet${this.sheets.length + 1}`;
    if (this.getSheetByName(name)) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const sheet = new FakeSheet(name, this);
    this.sheets.push(sheet);
    this.active = sheet;
    return sheet;
  }
  deleteSheet(sheet: FakeSheet): void {
    const index = this.sheets.indexOf(sheet);
    if (index < 0) throw new Error('The sheet is not in this spreadsheet.');
    this.sheets.splice(index, 1);
    if (this.active === sheet) this.active = this.sheets[0] ?? null;
  }
  getActiveSheet(): FakeSheet {
    if (!this.active) throw new Error('The spreadsheet has no sheets.');
    return this.active;
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.active = sheet;
    return sheet;
  }
}

export class FakeHtmlOutput {
  private title = '';
  constructor(private content: string) {}
  getContent(): string {
    return this.content;
  }
  setContent(content: string): FakeHtmlOutput {
    this.content = content;
    return this;
  }
  setTitle(title: string): FakeHtmlOutput {
    this.title = title;
    return this;
  }
  getTitle(): string {
    return this.title;
  }
}

export class FakeMenu {
  readonly _items: { caption: string; functionName: string }[] = [];
  _added = false;
  addItem(caption: string, functionName: string): FakeMenu {
    this._items.push({ caption, functionName });
    return this;
  }
  addSeparator(): FakeMenu {
    return this;
  }
  addToUi(): void {
    this._added = true;
  }
}

export class FakeUi {
  readonly _menus: FakeMenu[] = [];
  readonly _sidebars: FakeHtmlOutput[] = [];
  createAddonMenu(): FakeMenu {
    const menu = new FakeMenu();
    this._menus.push(menu);
    return menu;
  }
  showSidebar(userInterface: FakeHtmlOutput): void {
    this._sidebars.push(userInterface);
  }
}

export class FakeLock {
  private mine = false;
  /** Another execution holds the lock (a save in progress elsewhere). */
  _heldElsewhere = false;
  tryLock(_timeoutInMillis: number): boolean {
    if (this._heldElsewhere) return false;
    this.mine = true;
    return true;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new Error('Lock timeout: another process was holding the lock for too long.');
  }
  hasLock(): boolean {
    return this.mine;
  }
  releaseLock(): void {
    this.mine = false;
  }
}

export const AuthMode = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' } as const;
export type AuthModeName = keyof typeof AuthMode;

export interface FakeAppsScriptOptions {
  timeZone?: string;
  /** The user's email as Session reports it ('' when Apps Script may not tell). */
  email?: string;
  /** Files of the project HtmlService can serve, by name without extension. */
  htmlFiles?: Record<string, string>;
}

/** One Apps Script execution environment over one spreadsheet. */
export function createAppsScript(options: FakeAppsScriptOptions = {}) {
  const spreadsheet = new FakeSpreadsheet('Prospects workbook', options.timeZone ?? 'Etc/UTC');
  const ui = new FakeUi();
  const lock = new FakeLock();
  const state = { authMode: 'FULL' as AuthModeName, flushes: 0, uuid: 0 };
  const requireAuth = (call: string) => {
    if (state.authMode === 'NONE') {
      throw new Error(`You do not have permission to call ${call}. Required permissions: https://www.googleapis.com/auth/spreadsheets.currentonly`);
    }
  };

  const SpreadsheetApp = {
    getActive: () => (requireAuth('SpreadsheetApp.getActive'), spreadsheet),
    getActiveSpreadsheet: () => (requireAuth('SpreadsheetApp.getActiveSpreadsheet'), spreadsheet),
    getUi: () => ui,
    flush: () => {
      state.flushes++;
    },
  };
  const LockService = {
    getDocumentLock: () => (requireAuth('LockService.getDocumentLock'), lock),
  };
  const Session = {
    getActiveUser: () => ({ getEmail: () => (requireAuth('Session.getActiveUser'), options.email ?? '') }),
  };
  const Utilities = {
    formatDate(date: Date, timeZone: string, format: string): string {
      const p = zonedParts(date, timeZone);
      const pad = (n: number, width = 2) => String(n).padStart(width, '0');
      const tokens: Record<string, string> = {
        yyyy: pad(p.year, 4),
        MM: pad(p.month),
        dd: pad(p.day),
        HH: pad(p.hour),
        mm: pad(p.minute),
        ss: pad(p.second),
      };
      return format.replace(/'([^']*)'|yyyy|MM|dd|HH|mm|ss/g, (token, quoted: string | undefined) => quoted ?? tokens[token]!);
    },
    getUuid: () => `00000000-0000-4000-8000-${String(++state.uuid).padStart(12, '0')}`,
  };
  const HtmlService = {
    createHtmlOutputFromFile(filename: string) {
      const content = options.htmlFiles?.[filename];
      if (content === undefined) throw new Error(`No HTML file named ${filename} was found.`);
      return new FakeHtmlOutput(content);
    },
  };
  const ScriptApp = { AuthMode };

  return {
    /** What the script sees as globals. */
    globals: { SpreadsheetApp, LockService, Session, Utilities, HtmlService, ScriptApp },
    spreadsheet,
    ui,
    lock,
    state,
    /** Run what follows as in a simple trigger before authorization (AuthMode.NONE). */
    setAuthMode(mode: AuthModeName) {
      state.authMode = mode;
    },
  };
}

export type FakeAppsScript = ReturnType<typeof createAppsScript>;

// ---- Fidelity: every public method of a fake exists, by that name, on the real class. ----
type Methods<T> = Exclude<{ [K in keyof T]: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T], `_${string}`>;
type Within<Fake, Real> = [Exclude<Methods<Fake>, keyof Real>] extends [never] ? true : Exclude<Methods<Fake>, keyof Real>;
type FidelityChecks = [
  Within<FakeRange, GoogleAppsScript.Spreadsheet.Range>,
  Within<FakeSheet, GoogleAppsScript.Spreadsheet.Sheet>,
  Within<FakeSpreadsheet, GoogleAppsScript.Spreadsheet.Spreadsheet>,
  Within<FakeChartBuilder, GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder>,
  Within<FakeChart, GoogleAppsScript.Spreadsheet.EmbeddedChart>,
  Within<FakeHtmlOutput, GoogleAppsScript.HTML.HtmlOutput>,
  Within<FakeMenu, GoogleAppsScript.Base.Menu>,
  Within<FakeUi, GoogleAppsScript.Base.Ui>,
  Within<FakeLock, GoogleAppsScript.Lock.Lock>,
  Within<ReturnType<typeof createAppsScript>['globals']['SpreadsheetApp'], GoogleAppsScript.Spreadsheet.SpreadsheetApp>,
  Within<ReturnType<typeof createAppsScript>['globals']['Utilities'], GoogleAppsScript.Utilities.Utilities>,
  Within<ReturnType<typeof createAppsScript>['globals']['HtmlService'], GoogleAppsScript.HTML.HtmlService>,
  Within<ReturnType<typeof createAppsScript>['globals']['LockService'], GoogleAppsScript.Lock.LockService>,
];
export const FIDELITY: FidelityChecks = [true, true, true, true, true, true, true, true, true, true, true, true, true];
