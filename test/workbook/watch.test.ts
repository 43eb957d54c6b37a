/** The in-memory workbook and the preview tell a watcher when the model sheet's cells change. */
import { describe, expect, it } from 'vitest';
import { presetGrid } from '../../core/index.ts';
import type { WireCell } from '../../workbook/host.ts';
import { MemoryHost } from '../../workbook/memory-host.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('MemoryHost.watchModel', () => {
  it('calls back after a cell of the watched sheet changes, and not after others', async () => {
    const host = new MemoryHost({ sheets: { Prospects: [['Company']], 'ICP Model': presetGrid('b2b-saas') as WireCell[][] } });
    let heard = 0;
    const off = await host.watchModel('ICP Model', () => heard++);
    host.setCell('Prospects', 2, 1, 'Acme');
    await settle();
    expect(heard).toBe(0);
    host.setCell('ICP Model', 3, 4, 'betwen');
    // After the change has finished, not during it.
    expect(heard).toBe(0);
    await settle();
    expect(heard).toBe(1);
    off!();
    host.setCell('ICP Model', 3, 4, 'between');
    await settle();
    expect(heard).toBe(1);
  });
});
