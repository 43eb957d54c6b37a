import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Outcome, coreOutcomes, differences, postgresOutcomes, sqlFor } from '../../fixtures/cli/engines.ts';
import { HEADERS, modelArb, rowArb } from '../../fixtures/cli/random.ts';
import { COMBINATION_CASES, caseModel, cellText } from '../../fixtures/combinations.ts';

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
  it.each(COMBINATION_CASES.map((c) => [c.title, c] as const))('scores and rows as the core does: %s', async (_title, c) => {
    const rows = c.rows.map((row) => row.map(cellText));
    const actual = await postgresOutcomes(db, sqlFor(caseModel(c), 'postgres', c.headers), c.headers, rows);
    expect(actual).toEqual<Outcome[]>(c.expected.map((e) => ({ score: e.score, tier: e.tier || null, excludedBy: e.excludedBy || null })));
    expect(differences(coreOutcomes(caseModel(c), c.headers, rows), actual, rows)).toEqual([]);
  });

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
