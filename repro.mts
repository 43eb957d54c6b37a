import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SAMPLE_FILES, SAMPLES_DIR } from './samples/generate.ts';
import { buildFirstScreen } from './preview/workbook.ts';
const text = (file: string) => readFileSync(path.join(SAMPLES_DIR, file), 'utf8');
const { host, finish } = await buildFirstScreen({ prospects: text(SAMPLE_FILES.prospects), history: text(SAMPLE_FILES.history), model: text(SAMPLE_FILES.model) });
const e = host.engine;
const mode = process.argv[2];
e.on('valuesUpdated', () => {
  const id = e.getSheetId('Prospects')!;
  const vals = e.getSheetValues(id);
  if (mode === 'types') for (let r = 0; r < 30; r++) for (let c = 0; c < 8; c++) { e.getCellValueDetailedType({ sheet: id, row: r, col: c }); e.getCellFormula({ sheet: id, row: r, col: c }); }
});
await finish();
try { host.setCellInput('ICP Model', 1, 5, '26'); console.log('ok'); } catch (err) { console.log('ERR', (err as Error).message); }
