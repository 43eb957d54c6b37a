/**
 * A port that fails on purpose, around any host's port (workbook/port.ts): the fault injection the
 * hosts once carried in shipped code, now here, for any call of any port. It logs every call, can
 * make a call fail before it does anything, after it is done (the answer lost on the way back),
 * or half-way through a write (a connection dropped), and can run a person's edit right after the
 * next read of a sheet.
 */
import { type Maybe, isThenable } from '../../workbook/flow.ts';
import type { Block, CellBlock, CellFormat, ChartSpec, Port, PortCall } from '../../workbook/port.ts';

export type FaultWhen = 'before' | 'after' | 'halfway';

export interface Fault {
  call: PortCall;
  message: string;
  /** Only calls about this sheet. */
  sheet?: string;
  /** Before the call does anything (default), after it is done, or (a write) half-way through it. */
  when?: FaultWhen;
  /** How many calls fail (default 1). */
  times?: number;
}

const then = <T, U>(value: Maybe<T>, next: (value: T) => U): Maybe<U> =>
  isThenable(value) ? Promise.resolve(value).then(next) : next(value as T);

/** The first half of the rows the blocks write, as blocks. */
function firstHalf(blocks: readonly CellBlock[]): CellBlock[] {
  const rows = blocks.flatMap((block) => block.cells.map((cells, r) => ({ row: block.row + r, column: block.column, cells: [cells] })));
  return rows.slice(0, Math.ceil(rows.length / 2));
}

export class FaultyPort<Kept = unknown> implements Port<Kept> {
  readonly traits: Port['traits'];
  /** Every call, in order, with its arguments. */
  readonly calls: { call: PortCall; args: unknown[] }[] = [];
  faults: Fault[] = [];
  /** The call (counted from 0 over `calls`) that fails, and how. */
  failing: { index: number; when: FaultWhen; message: string } | null = null;
  private readonly edits = new Map<string, () => void>();
  readonly watch?: Port['watch'];
  readonly watchActive?: Port['watchActive'];

  constructor(readonly inner: Port<Kept>) {
    this.traits = inner.traits;
    if (inner.watch) this.watch = (sheet, onChange) => this.through('watch', [sheet], () => inner.watch!(sheet, onChange));
    if (inner.watchActive) this.watchActive = (onChange) => this.through('watchActive', [], () => inner.watchActive!(onChange));
  }

  /** Runs `edit` once, right after the next read of the sheet's values (a person typing meanwhile). */
  afterNextRead(sheet: string, edit: () => void): void {
    this.edits.set(sheet, edit);
  }

  sheets = () => this.through('sheets', [], () => this.inner.sheets());
  activeSheet = () => this.through('activeSheet', [], () => this.inner.activeSheet());
  extent = (sheet: string) => this.through('extent', [sheet], () => this.inner.extent(sheet));
  read = (sheet: string, block?: Block) =>
    this.through('read', [sheet, block], () =>
      then(this.inner.read(sheet, block), (cells) => {
        const edit = this.edits.get(sheet);
        this.edits.delete(sheet);
        edit?.();
        return cells;
      }),
    );
  readFormulas = (sheet: string) => this.through('readFormulas', [sheet], () => this.inner.readFormulas(sheet));
  keep = (sheet: string, blocks: readonly Block[]) => this.through('keep', [sheet, blocks], () => this.inner.keep(sheet, blocks));
  write = (sheet: string, blocks: readonly CellBlock[]) => this.through('write', [sheet, blocks], () => this.inner.write(sheet, blocks), (half) => this.inner.write(sheet, half ? firstHalf(blocks) : blocks));
  putBack = (sheet: string, kept: Kept) => this.through('putBack', [sheet], () => this.inner.putBack(sheet, kept));
  clear = (sheet: string, blocks: readonly Block[]) => this.through('clear', [sheet, blocks], () => this.inner.clear(sheet, blocks));
  addSheet = (name: string, options?: { hidden?: boolean; frozenRows?: number; active?: boolean }) =>
    this.through('addSheet', [name, options], () => this.inner.addSheet(name, options));
  format = (sheet: string, formats: readonly { block: Block; format: CellFormat }[]) => this.through('format', [sheet, formats], () => this.inner.format(sheet, formats));
  addChart = (sheet: string, chart: ChartSpec) => this.through('addChart', [sheet, chart], () => this.inner.addChart(sheet, chart));
  lock = <T>(work: () => Maybe<T>, busy: () => T) => this.through('lock', [], () => this.inner.lock(work, busy));
  now = () => this.through('now', [], () => this.inner.now());
  newId = () => this.through('newId', [], () => this.inner.newId());
  user = () => this.through('user', [], () => this.inner.user());

  /** The call, failing as told. `halfway(true)` does the first half of a write. */
  private through<T>(call: PortCall, args: unknown[], work: () => T, halfway?: (half: boolean) => T): T {
    const index = this.calls.length;
    this.calls.push({ call, args });
    const fault = this.faultFor(call, args[0], index);
    if (!fault) return work();
    const fail = (): never => {
      throw new Error(fault.message);
    };
    if (fault.when === 'after') return then(work() as Maybe<unknown>, fail) as T;
    if (fault.when === 'halfway' && halfway) return then(halfway(true) as Maybe<unknown>, fail) as T;
    return fail();
  }

  private faultFor(call: PortCall, sheet: unknown, index: number): { message: string; when: FaultWhen } | null {
    if (this.failing?.index === index) return this.failing;
    const fault = this.faults.find((f) => f.call === call && (f.sheet === undefined || f.sheet === sheet));
    if (!fault) return null;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return { message: fault.message, when: fault.when ?? 'before' };
  }
}

/** A port wrapper for a host's constructor: its port, failing as told. */
export function failing(...faults: Fault[]): <Kept>(port: Port<Kept>) => FaultyPort<Kept> {
  return (port) => Object.assign(new FaultyPort(port), { faults: [...faults] });
}
