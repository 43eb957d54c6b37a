import type { DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindModel, evaluateRow, readModel } from '../../../core/index.ts';
import { modelToSql } from '../../../core/sql/index.ts';
import { type Outcome, coreOutcomes, differences, duckDbOutcomes, openDuckDb, sqlFor } from '../../fixtures/cli/engines.ts';
import { HEADERS, modelArb, rowArb } from '../../fixtures/cli/random.ts';
import { COMBINATION_CASES, caseModel, cellText } from '../../fixtures/combinations.ts';
import { csvRows, fixture, icp } from '../../fixtures/cli/run.ts';

let duck: DuckDBConnection;
beforeAll(async () => {
  duck = await openDuckDb();
});
afterAll(() => duck.closeSync());

const SPEC_MODEL = [
  ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'],
  ['criterion', 'Company size', 'Employees', 'between', '200-2000', '30'],
  ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS, Software, Technology', '20'],
  ['criterion', 'CRM', 'Tech stack', 'contains any', 'Salesforce, HubSpot', '25'],
  ['criterion', 'Funding', 'Funding stage', 'is any of', 'Series B, Series C, Series D, Series E, PE-backed, Public', '15'],
  ['criterion', 'RevOps', 'Has RevOps', 'is true', '', '10'],
  ['tier', 'Priority', '', '', '70', ''],
  ['tier', 'Standard', '', '', '0', ''],
];
const SPEC_HEADERS = ['Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps'];

describe('the generated DuckDB SQL', () => {
  it('scores the SPEC §6 worked example 85, Priority, and 100 under missing = skip', async () => {
    const rows = [
      ['450', 'SaaS', 'HubSpot; Gong', 'Series A', 'yes'],
      ['450', 'SaaS', 'HubSpot; Gong', '', 'yes'],
    ];
    const zero = await duckDbOutcomes(duck, sqlFor(SPEC_MODEL, 'duckdb', SPEC_HEADERS), SPEC_HEADERS, rows);
    expect(zero).toEqual<Outcome[]>([
      { score: 85, tier: 'Priority', excludedBy: null },
      { score: 85, tier: 'Priority', excludedBy: null },
    ]);
    const skipModel = [...SPEC_MODEL, ['setting', 'missing', '', '', 'skip', '']];
    const skip = await duckDbOutcomes(duck, sqlFor(skipModel, 'duckdb', SPEC_HEADERS), SPEC_HEADERS, rows);
    // Without Funding the possible total is 85: 85 / 85 × 100 = 100.
    expect(skip.map((o) => o.score)).toEqual([85, 100]);
  });

  it('names the first matching exclusion and scores the account 0, tier Excluded', async () => {
    const model = [
      ...SPEC_MODEL,
      ['exclude', 'Competitor', 'Industry', 'is any of', 'Gambling', ''],
      ['exclude', 'Too small', 'Employees', 'at most', '10', ''],
    ];
    const rows = [
      ['5', 'Gambling', 'HubSpot', 'Series B', 'yes'],
      ['5', 'SaaS', 'HubSpot', 'Series B', 'yes'],
    ];
    const outcomes = await duckDbOutcomes(duck, sqlFor(model, 'duckdb', SPEC_HEADERS), SPEC_HEADERS, rows);
    expect(outcomes).toEqual<Outcome[]>([
      { score: 0, tier: 'Excluded', excludedBy: 'Competitor' },
      { score: 0, tier: 'Excluded', excludedBy: 'Too small' },
    ]);
  });

  it('reads Fields as the exact column names when no column list is given', async () => {
    const sql = modelToSql(readModel(SPEC_MODEL), { dialect: 'duckdb', table: 'prospects' });
    const rows = [['2,000', ' software ', 'Salesforce', 'Public', 'TRUE']];
    expect(await duckDbOutcomes(duck, sql, SPEC_HEADERS, rows)).toEqual<Outcome[]>([{ score: 100, tier: 'Priority', excludedBy: null }]);
  });

  it.each([
    ['spec-model.csv', 'spec-prospects.csv'],
    ['kitchen-model.csv', 'kitchen-prospects.csv'],
  ])('gives every row of the fixture %s × %s the score and tier icp score gives it', async (modelFile, prospectsFile) => {
    const scored = csvRows((await icp(['score', '--model', fixture(modelFile), fixture(prospectsFile), '--no-why'])).stdout);
    const width = scored[0]!.length;
    const cli = new Map(scored.slice(1).filter((r) => r[0]).map((r) => [r[0], [r[width - 3] || null, r[width - 2] || null]]));
    const sql = (await icp(['sql', '--model', fixture(modelFile), '--dialect', 'duckdb', '--header-from', fixture(prospectsFile),
      '--from', `read_csv('${fixture(prospectsFile)}', all_varchar = true, header = true)`])).stdout;
    const reader = await duck.runAndReadAll(sql);
    const rows = reader.getRowObjectsJS().filter((o) => o.Company);
    const engine = new Map(rows.map((o) => [o.Company, [o.icp_score === null ? null : String(o.icp_score), o.icp_tier]]));
    expect(engine.size).toBeGreaterThan(4);
    expect(engine).toEqual(cli);
  });

  it.each(COMBINATION_CASES.map((c) => [c.title, c] as const))('scores and rows as the core does: %s', async (_title, c) => {
    const rows = c.rows.map((row) => row.map(cellText));
    const actual = await duckDbOutcomes(duck, sqlFor(caseModel(c), 'duckdb', c.headers), c.headers, rows);
    expect(actual).toEqual<Outcome[]>(c.expected.map((e) => ({ score: e.score, tier: e.tier || null, excludedBy: e.excludedBy || null })));
    expect(differences(coreOutcomes(caseModel(c), c.headers, rows), actual, rows)).toEqual([]);
  });

  it('agrees with the core on every row of random models and random rows', async () => {
    await fc.assert(
      fc.asyncProperty(modelArb, fc.array(rowArb, { minLength: 1, maxLength: 40 }), async (grid, rows) => {
        const expected = coreOutcomes(grid, HEADERS, rows);
        const actual = await duckDbOutcomes(duck, sqlFor(grid, 'duckdb', HEADERS), HEADERS, rows);
        expect(differences(expected, actual, rows)).toEqual([]);
      }),
      // ~70 ms a model on a loaded 2-core machine: 30 keep the test to a few seconds (FC_NUM_RUNS=1500 for a long run).
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 30) },
    );
  }, 120_000);

  it('agrees with the core when scoring a sub-score over one dimension', async () => {
    await fc.assert(
      fc.asyncProperty(modelArb, fc.array(rowArb, { minLength: 1, maxLength: 20 }), async (grid, rows) => {
        const model = readModel(grid);
        fc.pre(model.dimensions.includes('Fit'));
        const sql = modelToSql(model, { dialect: 'duckdb', table: 'prospects', columns: HEADERS, today: '2026-09-30', dimensions: ['fit'] });
        const bound = bindModel(model, HEADERS, { today: new Date(2026, 8, 30), dimensions: ['fit'] });
        const expected = rows.map((row) => {
          const r = evaluateRow(bound, row);
          return { score: r.score, tier: r.tier || null, excludedBy: r.excludedBy?.reason ?? null };
        });
        const actual = await duckDbOutcomes(duck, sql, HEADERS, rows);
        expect(differences(expected, actual, rows)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('reads typed columns (integer, double, boolean, date) as the core reads the same values', async () => {
    const model = [
      ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'],
      ['criterion', 'Size', 'Employees', 'between', '200-2000', '30'],
      ['criterion', 'Revenue', 'Revenue', 'at least', '$1.5M', '20'],
      ['criterion', 'RevOps', 'RevOps', 'is true', '', '10'],
      ['criterion', 'Recent', 'Visited', 'within days', '30', '10'],
      ['criterion', 'Label', 'RevOps', 'is any of', 'true', '5'],
      ['setting', 'as of', '', '', '2026-09-30', ''],
    ];
    await duck.run(`CREATE OR REPLACE TABLE typed (row_id INTEGER, "Employees" INTEGER, "Revenue" DOUBLE, "RevOps" BOOLEAN, "Visited" DATE)`);
    await duck.run(`INSERT INTO typed VALUES (0, 450, 1500000.5, true, DATE '2026-09-15'), (1, 150, 0.25, false, DATE '2026-01-01'), (2, NULL, NULL, NULL, NULL)`);
    const sql = modelToSql(readModel(model), { dialect: 'duckdb', table: 'typed', columns: ['Employees', 'Revenue', 'RevOps', 'Visited'] });
    const reader = await duck.runAndReadAll(`SELECT icp_score FROM (${sql}) ORDER BY row_id`);
    const cells = [
      [450, 1500000.5, true, new Date(2026, 8, 15)],
      [150, 0.25, false, new Date(2026, 0, 1)],
      [null, null, null, null],
    ];
    const bound = bindModel(readModel(model), ['Employees', 'Revenue', 'RevOps', 'Visited']);
    const expected = cells.map((row) => evaluateRow(bound, row).score);
    expect(reader.getRowObjectsJS().map((o) => o.icp_score)).toEqual(expected);
    expect(expected).toEqual([100, 0, null]);
  });
});
