import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreOutcomes, differences, postgresOutcomes, sqlFor } from '../../fixtures/cli/engines.ts';
import { HEADERS, modelArb, rowArb } from '../../fixtures/cli/random.ts';

// PGlite is PostgreSQL 18 compiled to WebAssembly, with a C.UTF-8 ctype: the PostgreSQL
// dialect runs for real here, not only as a snapshot.
let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  await db.waitReady;
}, 60_000);
afterAll(async () => {
  await db.close();
});

describe('the generated PostgreSQL SQL', () => {
  it('agrees with the core on every row of random models and random rows', async () => {
    await fc.assert(
      fc.asyncProperty(modelArb, fc.array(rowArb, { minLength: 1, maxLength: 25 }), async (grid, rows) => {
        const expected = coreOutcomes(grid, HEADERS, rows);
        const actual = await postgresOutcomes(db, sqlFor(grid, 'postgres', HEADERS), HEADERS, rows);
        expect(differences(expected, actual, rows)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  }, 180_000);
});
