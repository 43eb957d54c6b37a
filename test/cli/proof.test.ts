/**
 * `icp proof` through the built command (node bin/icp.mjs), on a small history whose proof table
 * is worked out by hand from issue #20's definitions: every cell of `--json` compared.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { icp, icpBin, withTempDir } from '../fixtures/cli/run.ts';

const MODEL = `Kind,Name,Field,Rule,Value,Points
criterion,Company size,Employees,between,200-2000,30
criterion,Industry,Industry,is any of,"SaaS, Software, Technology",20
criterion,CRM,Tech stack,contains any,"Salesforce, HubSpot",25
criterion,Funding,Funding stage,is any of,"Series B, Series C, Series D, Series E, PE-backed, Public",15
criterion,RevOps,Has RevOps,is true,,10
exclude,Gambling,Industry,is any of,Gambling,
tier,Priority,,,70,
tier,Standard,,,0,
`;
/** Scored by hand (SPEC §4): 30 + 20 + 25 + 0 + 10 = 85, Priority; a retailer of 5,000 scores 0, Standard; gambling is excluded. */
const PRIORITY = '450,SaaS,HubSpot,Series A,yes';
const STANDARD = '5000,Retail,,Seed,no';
const EXCLUDED = '450,Gambling,HubSpot,Series A,yes';

/**
 * The history of the ICP_PROOF fixture, as a CRM export: its columns named so that each is found
 * by its name (Stage, Deal amount, Opened, Close date, Churned?, Current ARR).
 */
const HISTORY = `Company,Employees,Industry,Tech stack,Funding stage,Has RevOps,Stage,Deal amount,Opened,Close date,Churned?,Current ARR
A,${PRIORITY},Won,1000,2026-01-01,2026-01-31,no,1200
B,${PRIORITY},Closed Won,"$3,000",2026-02-01,2026-02-11,yes,
C,${PRIORITY},Lost,500,2026-01-01,2026-03-01,yes,800
D,${PRIORITY},TRUE,n/a,2026-03-01,2026-03-21,Active,900
E,${PRIORITY},,700,2026-01-01,,,
F,${STANDARD},Won,2000,,2026-05-01,2026-06-01,
G,${STANDARD},Lost,,2026-01-01,2026-02-01,,
H,${STANDARD},yes,4000,2026-04-10,2026-04-01,Renewed,6000
I,${EXCLUDED},no,100,,,,
J,${STANDARD},Won,,2026-01-01,2026-01-05,Cancelled,5
`;

/**
 * By hand. Priority (A–E): won A, B, D; lost C; amounts 1,000 and 3,000 → 2,000; cycles 30, 10,
 * 20 → 20; churned no, yes, Active → 1/3; NRR (1,200 + 0) / (1,000 + 3,000) = 0.3. Standard (F, G,
 * H, J): won F, H, J; lost G; amounts 2,000 and 4,000 → 3,000; only J has a cycle (4); churned a
 * date, Renewed, Cancelled → 2/3; NRR (0 + 6,000) / (2,000 + 4,000) = 1. Excluded (I): lost.
 * Total: cycles 4, 10, 20, 30 → 15; churned 3 of 6; NRR 7,200 / 10,000.
 */
const EXPECTED = {
  tiers: [
    { tier: 'Priority', accounts: 5, won: 3, lost: 1, winRate: 0.75, avgWonAmount: 2000, medianCycleDays: 20, churnRate: 1 / 3, nrr: 0.3 },
    { tier: 'Standard', accounts: 4, won: 3, lost: 1, winRate: 0.75, avgWonAmount: 3000, medianCycleDays: 4, churnRate: 2 / 3, nrr: 1 },
    { tier: 'Excluded', accounts: 1, won: 0, lost: 1, winRate: 0, avgWonAmount: null, medianCycleDays: null, churnRate: null, nrr: null },
    { tier: 'Total', accounts: 10, won: 6, lost: 3, winRate: 2 / 3, avgWonAmount: 2500, medianCycleDays: 15, churnRate: 0.5, nrr: 0.72 },
  ],
  headline:
    'Too few deals to compare Priority with the rest: win rate (4 decided deals in Priority, 4 in the rest; 30 are needed on each side); ' +
    'deal size (2 won deals with an amount in Priority, 2 in the rest; 20 are needed on each side); ' +
    'sales cycle (3 won deals with both dates in Priority, 1 in the rest; 20 are needed on each side); ' +
    'churn (3 won deals with a churned cell in Priority, 3 in the rest; 20 are needed on each side); ' +
    'net revenue retention (2 won deals with an amount and an ARR now in Priority, 2 in the rest; 20 are needed on each side).',
  /** Too few customers for any drift sign. */
  signs: [],
};

async function files(dir: string, history = HISTORY) {
  const model = path.join(dir, 'model.csv');
  const deals = path.join(dir, 'deals.csv');
  await writeFile(model, MODEL);
  await writeFile(deals, history);
  return { model, deals };
}

describe('icp proof', () => {
  it('prints the proof table by hand as JSON, every cell, with the columns found by their names (the built command)', async () => {
    await withTempDir(async (dir) => {
      const f = await files(dir);
      const ran = await icpBin(['proof', '--model', f.model, f.deals, '--json']);
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      expect(ran.stdout.endsWith('}\n')).toBe(true);
      expect(Object.keys(JSON.parse(ran.stdout))).toEqual(['tiers', 'headline', 'signs']);
      expect(Object.keys(JSON.parse(ran.stdout).tiers[0])).toEqual(['tier', 'accounts', 'won', 'lost', 'winRate', 'avgWonAmount', 'medianCycleDays', 'churnRate', 'nrr']);
      expect(JSON.parse(ran.stdout)).toEqual(EXPECTED);
    });
  });

  it('prints a readable table, the columns it read and the headline', async () => {
    await withTempDir(async (dir) => {
      const f = await files(dir);
      const ran = await icp(['proof', '--model', f.model, f.deals]);
      expect(ran.code).toBe(0);
      const lines = ran.stdout.split('\n');
      expect(lines[0]).toBe('Columns: outcome "Stage", amount "Deal amount", created "Opened", closed "Close date", churned "Churned?", ARR now "Current ARR".');
      expect(lines.slice(2, 7)).toEqual([
        'Tier      Accounts  Won  Lost  Win rate  Avg won amount  Median cycle (days)  Churn rate   NRR',
        'Priority         5    3     1       75%           2,000                   20         33%   30%',
        'Standard         4    3     1       75%           3,000                    4         67%  100%',
        'Excluded         1    0     1        0%               –                    –           –     –',
        'Total           10    6     3       67%           2,500                   15         50%   72%',
      ]);
      expect(lines[8]).toBe(EXPECTED.headline);
    });
  });

  it('reads the columns named by flags, and none for ""', async () => {
    await withTempDir(async (dir) => {
      const f = await files(dir, HISTORY.replace('Churned?', 'Status at renewal'));
      // Without --churned the renamed column is not found: no churn rate, and no churn comparison.
      const unnamed = JSON.parse((await icp(['proof', '--model', f.model, f.deals, '--json'])).stdout);
      expect(unnamed.tiers.map((t: { churnRate: number | null }) => t.churnRate)).toEqual([null, null, null, null]);
      expect(unnamed.headline).not.toContain('churn');
      const named = await icp(['proof', '--model', f.model, f.deals, '--json', '--churned', 'status at renewal', '--arr-now', '', '--amount', '']);
      const tiers = JSON.parse(named.stdout).tiers as { churnRate: number | null; nrr: number | null; avgWonAmount: number | null }[];
      expect(tiers.map((t) => t.churnRate)).toEqual([1 / 3, 2 / 3, null, 0.5]);
      expect(tiers.map((t) => [t.nrr, t.avgWonAmount])).toEqual([[null, null], [null, null], [null, null], [null, null]]);
    });
  });

  it('says in one sentence what is missing', async () => {
    await withTempDir(async (dir) => {
      const f = await files(dir);
      const wrong = await icp(['proof', '--model', f.model, f.deals, '--churned', 'Churn']);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/^icp: the history file ".*deals\.csv" has no "Churn" column for --churned; its headers are "Company", "Employees",/);
      const noOutcome = await files(dir, 'Company,Employees,Notes\nA,450,called twice\n');
      const none = await icp(['proof', '--model', noOutcome.model, noOutcome.deals]);
      expect(none.stderr).toMatch(/has no column named like an outcome \(Outcome, Won, Stage, Status…\); name it with --outcome COLUMN\n$/);
      expect((await icp(['proof', f.deals])).stderr).toBe('icp: give the model file with --model model.csv\n');
    });
  });

  it('prints the drift signs of the customer columns under the headline: a segment holding a growing share of the churn', async () => {
    await withTempDir(async (dir) => {
      // 60 customers a quarter from 2023 Q1 to 2025 Q4, 20 in each segment. Before 2025 each segment churns 20%;
      // in 2025 segment A churns 50%, B and C 10%: A holds 40 of the 56 churned, against 32 of 96 before.
      const lines = ['Company,Employees,Industry,Tech stack,Funding stage,Has RevOps,Segment,Outcome,Amount,Closed,Churned,ARR now'];
      for (let key = 2023 * 4; key < 2026 * 4; key++) {
        const closed = new Date(Date.UTC(Math.floor(key / 4), (key % 4) * 3 + 1, 15)).toISOString().slice(0, 10);
        for (const segment of ['A', 'B', 'C']) {
          const churned = key >= 2025 * 4 ? (segment === 'A' ? 10 : 2) : 4;
          for (let k = 0; k < 20; k++) lines.push(`${segment}${key}-${k},${STANDARD},${segment},Won,1000,${closed},${k < churned ? 'Churned' : 'Active'},${k < churned ? '' : 1000}`);
        }
      }
      const f = await files(dir, `${lines.join('\n')}\n`);
      const ran = await icpBin(['proof', '--model', f.model, f.deals]);
      expect(ran.stderr).toBe('');
      expect(ran.stdout).toMatch(
        /\n\nDrift signs:\n {2}churn clustering: Segment = A holds 71% of the churn among customers won in 2025 Q1–2025 Q4 \(40 of 56 churned\), up from 33% among those won before \(32 of 96\), while it is 33% of those customers\.\n {2}expansion flattening: Customers won in 2025 Q1–2025 Q2 keep 65% of their revenue a year/,
      );
      const json = JSON.parse((await icpBin(['proof', '--model', f.model, f.deals, '--json'])).stdout);
      // The churned customers' ARR now is 0, so the cohorts that churn more also keep less: both signs.
      expect(json.signs.map((sign: { kind: string }) => sign.kind)).toEqual(['churn clustering', 'expansion flattening']);
    });
  });
});
