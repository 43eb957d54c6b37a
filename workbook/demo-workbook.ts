/**
 * A small demo workbook for the standalone panel page: a prospect sheet whose headers match the
 * B2B SaaS preset's Fields except one ("Employee Count" for "Employees"), with outcomes and amounts.
 */
import { seededRandom } from '../core/learn/stats.ts';
import type { WireCell } from './host.ts';

const COMPANIES = [
  'Acme Analytics', 'Brightline', 'Cobalt Labs', 'Driftwood', 'Everpeak', 'Foundry Nine', 'Glasswing', 'Harbor & Co',
  'Ironbark', 'Juniper Cloud', 'Keystone Data', 'Lumen Works', 'Meridian', 'Northwind', 'Orchard HR', 'Pinecrest',
  'Quarry Systems', 'Redwood Retail', 'Summit Pay', 'Tidewater', 'Umbra Security', 'Vantage Point', 'Willow Health', 'Zephyr Apps',
];
const INDUSTRIES = ['SaaS', 'Software', 'SaaS', 'Retail', 'Technology', 'Manufacturing', 'Healthcare'];
const STACKS = ['Salesforce; Gong', 'HubSpot', 'Pipedrive', 'Salesforce, Outreach', 'HubSpot; Slack', 'Zoho', ''];
const STAGES = ['Series A', 'Series B', 'Series C', 'Series D', 'Seed', 'PE-backed', 'Public', ''];
const OUTCOMES = ['Closed Won', 'Closed Lost', '', 'Closed Won', '', 'Closed Lost'];

/** Deterministic pseudo-random pick (a linear congruential step), so the demo is the same every load. */
function picker(seed: number) {
  let state = seed;
  return <T>(items: readonly T[]): T => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return items[(state >>> 16) % items.length]!;
  };
}

export function demoProspects(): WireCell[][] {
  const pick = picker(7);
  const rows: WireCell[][] = [['Company', 'Employee Count', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps', 'Deal stage', 'Amount']];
  COMPANIES.forEach((company, i) => {
    const employees = pick([45, 120, 300, 450, 900, 1500, 2400, 5200]);
    rows.push([company, employees, pick(INDUSTRIES), pick(STACKS), pick(STAGES), pick(['yes', 'no', 'yes', '']), pick(OUTCOMES), (i % 5) * 12000 + 8000]);
  });
  return rows;
}


/**
 * The effects planted in the demo history, as log-odds of winning, by the B2B SaaS preset's
 * criterion names. The preset believes in funding (15 points) and undervalues RevOps (10):
 * the history says funded companies lose more often and a RevOps team helps most.
 */
export const DEMO_HISTORY_EFFECTS = { 'Company size': 0.7, Industry: 0.3, CRM: 1.1, Funding: -2.2, RevOps: 1.4 } as const;
export const DEMO_HISTORY_SHEET = 'Closed deals';

const DAY_MS = 86_400_000;
const HISTORY_START = Date.UTC(2024, 0, 1);
/** Eight quarters of created dates. */
const HISTORY_SPAN_DAYS = 730;

/**
 * A closed-won / closed-lost history of `rows` deals (default 1,000), seeded, with the messes of
 * a real CRM export: numbers typed as text ("1,200", "$48,000"), odd casing and spaces, yes/Y/TRUE,
 * a few unreadable cells ("n/a", "unknown"), deals still open (blank stage), and a few stages typed
 * "Closed - Won" (read as lost, and listed). Sales cycles lengthen over the last two quarters.
 */
export function demoHistory(rows = 1000, seed = 2024): WireCell[][] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const iso = (day: number) => new Date(HISTORY_START + day * DAY_MS).toISOString().slice(0, 10);
  const grid: WireCell[][] = [['Account', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps', 'Stage', 'Amount', 'Created', 'Close date']];
  for (let i = 0; i < rows; i++) {
    const employees = Math.round(10 * 10 ** (random() * 3.4));
    const industry = pick(['SaaS', 'Software', 'Technology', 'Retail', 'Manufacturing', 'Healthcare', 'Agency', 'Fintech']);
    const crm = pick(['Salesforce', 'HubSpot', 'Pipedrive', 'Zoho', '', 'Salesforce; Gong', 'HubSpot, Slack']);
    const funding = pick(['Seed', 'Series A', 'Bootstrapped', 'Seed', 'Series A', 'Bootstrapped', 'Series A', 'Series B', 'PE-backed', 'Public']);
    const revOps = chance(0.35);
    const logit =
      -1.2 +
      (employees >= 200 && employees <= 2000 ? DEMO_HISTORY_EFFECTS['Company size'] : 0) +
      (['SaaS', 'Software', 'Technology'].includes(industry) ? DEMO_HISTORY_EFFECTS.Industry : 0) +
      (/salesforce|hubspot/i.test(crm) ? DEMO_HISTORY_EFFECTS.CRM : 0) +
      (['Series B', 'Series C', 'Series D', 'PE-backed', 'Public'].includes(funding) ? DEMO_HISTORY_EFFECTS.Funding : 0) +
      (revOps ? DEMO_HISTORY_EFFECTS.RevOps : 0);
    const won = chance(1 / (1 + Math.exp(-logit)));
    const created = Math.floor(random() * HISTORY_SPAN_DAYS);
    const late = created >= HISTORY_SPAN_DAYS - 182;
    const cycle = late ? 55 + Math.floor(random() * 100) : 25 + Math.floor(random() * 65);
    // Deals created lately are more often still open.
    const open = chance(late ? 0.15 : 0.02);
    const stage = open ? '' : won ? (chance(0.01) ? 'Closed - Won' : pick(['Closed Won', 'Closed Won', 'Won', 'closed won'])) : pick(['Closed Lost', 'Closed Lost', 'Lost']);
    const amount = won ? 8000 + Math.round(random() * 40) * 1000 + (employees > 1000 ? 20000 : 0) : open ? '' : pick(['', '', 12000, 24000]);
    grid.push([
      `Account ${String(i + 1).padStart(4, '0')}`,
      chance(0.03) ? pick(['n/a', 'unknown']) : chance(0.3) ? employees.toLocaleString('en-US') : employees,
      chance(0.1) ? ` ${industry.toLowerCase()} ` : industry,
      crm,
      chance(0.1) ? funding.toLowerCase() : funding,
      revOps ? pick(['yes', 'Yes', 'Y', 'TRUE']) : pick(['no', 'No', 'N', '']),
      stage,
      typeof amount === 'number' && chance(0.4) ? `$${amount.toLocaleString('en-US')}` : chance(0.01) ? 'n/a' : amount,
      chance(0.02) ? '' : iso(created),
      open ? '' : iso(created + cycle),
    ]);
  }
  return grid;
}
