/**
 * The preview's cells: HyperFormula's engine as the book under the port every in-page workbook
 * shares (workbook/book-port.ts). The engine calculates every formula, so a save recalculates every
 * ICP_SCORE, ICP_TIER, ICP_EXPLAIN and ICP_SUMMARY that reads the model. A write is one
 * recalculation; a model that grows gets rows inserted below its last row first, inside the
 * formulas' model range, so every range stretches over the new rows as a spreadsheet's does.
 */
import type { HyperFormula, RawCellContent } from 'hyperformula';
import type { Book } from '../workbook/book-port.ts';
import { trimGrid } from '../workbook/grid.ts';
import type { WireCell } from '../workbook/host.ts';
import { messages } from '../workbook/messages.ts';
import type { Block, CellBlock, CellInput } from '../workbook/port.ts';
import { toRawContent, toWireCell } from './cells.ts';

const raw = (cell: CellInput): RawCellContent => (cell !== null && typeof cell === 'object' ? cell.formula : toRawContent(cell));

export class EngineBook implements Book {
  constructor(readonly engine: HyperFormula) {}

  names(): string[] {
    return this.engine.getSheetNames();
  }

  has(name: string): boolean {
    return this.engine.doesSheetExist(name);
  }

  add(name: string): void {
    this.engine.addSheet(name);
  }

  remove(name: string): void {
    this.engine.removeSheet(this.id(name));
  }

  values(name: string): WireCell[][] {
    return trimGrid(this.engine.getSheetValues(this.id(name)).map((row) => row.map(toWireCell)));
  }

  formulas(name: string): string[][] {
    const formulas = this.engine.getSheetFormulas(this.id(name));
    const width = Math.max(0, ...formulas.map((row) => row.length));
    return formulas.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
  }

  write(name: string, blocks: readonly CellBlock[]): void {
    const sheet = this.id(name);
    const height = this.values(name).length;
    const needed = Math.max(0, ...blocks.map((block) => block.row + block.cells.length - 1));
    this.batch(() => {
      if (height > 0 && needed > height) this.engine.addRows(sheet, [height, needed - height]);
      for (const block of blocks) this.engine.setCellContents({ sheet, row: block.row - 1, col: block.column - 1 }, block.cells.map((row) => row.map(raw)));
    });
  }

  clear(name: string, blocks: readonly Block[]): void {
    const sheet = this.id(name);
    this.batch(() => {
      for (const block of blocks) {
        const nulls = Array.from({ length: block.rows }, () => Array<RawCellContent>(block.columns).fill(null));
        this.engine.setCellContents({ sheet, row: block.row - 1, col: block.column - 1 }, nulls);
      }
    });
  }

  snapshot(name: string): unknown {
    return this.engine.getSheetSerialized(this.id(name));
  }

  restore(name: string, snapshot: unknown): void {
    this.engine.setSheetContent(this.id(name), snapshot as RawCellContent[][]);
  }

  id(name: string): number {
    const id = this.engine.getSheetId(name);
    if (id === undefined) throw new Error(messages.noSuchSheet(name, this.engine.getSheetNames()));
    return id;
  }

  /** One recalculation for the whole change. */
  private batch(work: () => void): void {
    this.engine.suspendEvaluation();
    try {
      work();
    } finally {
      this.engine.resumeEvaluation();
    }
  }
}
