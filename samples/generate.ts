/**
 * The sample workbook for the local preview and the README demo, generated from a fixed seed:
 *
 *   samples/prospects.csv  500 prospects with messy CRM values (bands, "$1.2M", "yes/x", blanks, typos)
 *   samples/history.csv    1,000 closed deals whose outcomes follow planted effects, and what became of
 *                          the customers won (Churned, ARR now: the best-fitting churn less and grow more)
 *   samples/model.csv      the scoring worksheet (the Tiered ICP preset, adapted to these columns)
 *
 * Run `npx tsx samples/generate.ts` to write them; a test checks the committed files equal this output.
 */
import { MODEL_COLUMNS } from '../core/index.ts';
import { seededRandom } from '../core/learn/stats.ts';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

export const PROSPECT_COUNT = 500;
export const HISTORY_COUNT = 1000;
/** The model's `as of` day: time rules count back from it, so scores never depend on today. */
export const AS_OF = '2026-06-30';

export const FIELD_HEADERS = [
  'Company',
  'Employees',
  'Revenue',
  'Industry',
  'Region',
  'Tech stack',
  'Funding stage',
  'Has RevOps',
  'Review site intent',
  'Last funding or hire',
  'Leadership change date',
  'Title',
] as const;
export const HISTORY_HEADERS = [...FIELD_HEADERS, 'Outcome', 'Amount', 'Created', 'Closed', 'Churned', 'ARR now'] as const;

type Row = Record<string, string | number>;

/** The core's seeded generator (mulberry32) with helpers: the same seed gives the same workbook. */
function random(seed: number) {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  /** One of `items`, drawn with the given weights. */
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let roll = next() * total;
    for (const [item, w] of items) if ((roll -= w) < 0) return item;
    return items[items.length - 1]![0];
  };
  const chance = (p: number) => next() < p;
  const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  return { next, pick, weighted, chance, between };
}
type Random = ReturnType<typeof random>;

const NAME_HEADS = [
  'Acme', 'Apex', 'Arbor', 'Atlas', 'Beacon', 'Birch', 'Blue', 'Bright', 'Cedar', 'Cinder', 'Cobalt', 'Copper', 'Crest', 'Delta',
  'Drift', 'Echo', 'Ember', 'Everest', 'Falcon', 'Fern', 'Flint', 'Forge', 'Glacier', 'Granite', 'Harbor', 'Helix', 'Horizon',
  'Indigo', 'Iron', 'Juniper', 'Keystone', 'Kite', 'Lark', 'Linden', 'Lumen', 'Maple', 'Meridian', 'Mosaic', 'Nimbus', 'North',
  'Nova', 'Oak', 'Onyx', 'Orbit', 'Pine', 'Pioneer', 'Prism', 'Quartz', 'Quill', 'Raven', 'Redwood', 'Ridge', 'Sage', 'Slate',
  'Solstice', 'Sparrow', 'Summit', 'Tally', 'Terra', 'Tide', 'Umber', 'Vale', 'Vector', 'Willow', 'Zenith', 'Zephyr',
];
const NAME_TAILS = [
  'Labs', 'Cloud', 'Systems', 'Analytics', 'Health', 'Pay', 'AI', 'Works', 'Data', 'Logistics', 'Retail', 'Bio', 'Security',
  'Software', 'Robotics', 'Media', 'Energy', 'Capital', 'HR', 'Learning',
];
const NAME_ENDINGS = ['', '', '', '', ' Inc.', ' Inc', ', Inc.', ' LLC', ' Ltd', ' GmbH', ' Co.'];

const INDUSTRIES: readonly (readonly [string, number])[] = [
  ['SaaS', 22], ['Software', 14], ['Fintech', 9], ['Technology', 6], ['Healthcare', 9], ['Retail', 8], ['Manufacturing', 8],
  ['Financial Services', 6], ['Education', 5], ['Logistics', 5], ['Media', 4], ['Gambling', 1.5], ['Tobacco', 1],
];
const REGIONS: readonly (readonly [string, number])[] = [['North America', 45], ['EMEA', 30], ['APAC', 15], ['LATAM', 10]];
const STAGES: readonly (readonly [string, number])[] = [
  ['Seed', 8], ['Series A', 16], ['Series B', 16], ['Series C', 12], ['Series D', 6], ['Series E', 2], ['PE-backed', 8],
  ['Public', 7], ['Bootstrapped', 8],
];
const CRMS = ['Salesforce', 'HubSpot', 'Pipedrive', 'Zoho CRM', 'Microsoft Dynamics'];
const TOOLS = ['Gong', 'Outreach', 'Salesloft', 'Slack', 'Zendesk', 'Marketo', 'Intercom', 'Jira', 'Snowflake', 'Segment'];
const TITLES: readonly (readonly [string, number])[] = [
  ['VP Sales', 8], ['VP of Sales', 3], ['Chief Revenue Officer', 4], ['CRO, EMEA', 2], ['CEO', 4], ['Director of RevOps', 5],
  ['Director of Revenue Operations', 3], ['Head of Sales Operations', 4], ['Head of RevOps', 3], ['VP Sales Enablement', 3],
  ['Salesforce Admin', 4], ['CRM Admin', 2], ['IT Manager', 3], ['Head of Security', 2], ['Marketing Manager', 6],
  ['Account Executive', 6], ['Office Manager', 3], ['Founder', 3], ['Product Manager', 3],
];
const DAY = 86_400_000;

// ---- the underlying company, then its messy CRM spelling -------------------------------------

interface Company {
  name: string;
  employees: number;
  revenue: number;
  industry: string;
  region: string;
  crm: string | null;
  tools: string[];
  stage: string;
  revops: boolean;
  reviewIntent: boolean;
  /** Days before the reference day of the last funding round or senior hire (null: none known). */
  fundingAgeDays: number | null;
  leadershipAgeDays: number | null;
  title: string;
}

function company(r: Random, used: Set<string>): Company {
  let name = '';
  do name = `${r.pick(NAME_HEADS)} ${r.pick(NAME_TAILS)}`;
  while (used.has(name));
  used.add(name);
  // Log-uniform size from 8 to 20,000 people; revenue roughly $150k per head, give or take.
  const employees = Math.round(Math.exp(Math.log(8) + r.next() * (Math.log(20_000) - Math.log(8))));
  const revenue = Math.round(employees * 150_000 * (0.4 + r.next() * 1.6));
  const crm = r.chance(0.82) ? r.pick(CRMS) : null;
  const tools = TOOLS.filter(() => r.chance(0.18));
  return {
    name,
    employees,
    revenue,
    industry: r.weighted(INDUSTRIES),
    region: r.weighted(REGIONS),
    crm,
    tools,
    stage: r.weighted(STAGES),
    revops: r.chance(employees > 200 ? 0.55 : 0.2),
    reviewIntent: r.chance(0.3),
    fundingAgeDays: r.chance(0.7) ? r.between(5, 720) : null,
    leadershipAgeDays: r.chance(0.45) ? r.between(5, 540) : null,
    title: r.weighted(TITLES),
  };
}

const BANDS: readonly [number, number][] = [[1, 10], [11, 50], [51, 200], [201, 500], [501, 1000], [1001, 5000], [5001, 10000]];

/** Employee count as CRMs export it: a plain number, "1,200", a band "201-500", "10,000+", or blank / junk. */
function employeesCell(r: Random, n: number): string | number {
  const roll = r.next();
  if (roll < 0.05) return '';
  if (roll < 0.07) return r.pick(['n/a', 'unknown', 'TBD']);
  if (roll < 0.42) {
    const band = BANDS.find(([low, high]) => n >= low && n <= high);
    return band ? `${band[0]}-${band[1]}` : '10,000+';
  }
  if (roll < 0.6 && n >= 1000) return n.toLocaleString('en-US');
  return n;
}

function money(r: Random, amount: number): string | number {
  const roll = r.next();
  if (amount < 1e6) return roll < 0.5 ? `$${Math.round(amount / 1000)}K` : roll < 0.75 ? `$${amount.toLocaleString('en-US')}` : amount;
  if (amount >= 1e9 && roll < 0.5) return `$${(amount / 1e9).toFixed(1)}B`;
  if (roll < 0.45) return `$${(amount / 1e6).toFixed(amount < 1e7 ? 1 : 0)}M`;
  if (roll < 0.6) return `$${Math.round(amount).toLocaleString('en-US')}`;
  if (roll < 0.7) return `USD ${(amount / 1e6).toFixed(1)}M`;
  return Math.round(amount / 1000) * 1000;
}

function revenueCell(r: Random, amount: number): string | number {
  const roll = r.next();
  if (roll < 0.12) return '';
  if (roll < 0.14) return r.pick(['undisclosed', 'ask finance']);
  if (roll < 0.2) {
    // A band such as "$10M-$50M" (read as its midpoint).
    const low = Math.max(1, Math.floor(amount / 1e7)) * 10;
    return `$${low}M-$${low * 5}M`;
  }
  return money(r, amount);
}

function spelled(r: Random, text: string): string {
  const roll = r.next();
  if (roll < 0.1) return text.toLowerCase();
  if (roll < 0.14) return ` ${text} `;
  if (roll < 0.17) return text.toUpperCase();
  return text;
}

function stackCell(r: Random, c: Company): string {
  const items = [...(c.crm ? [c.crm] : []), ...c.tools];
  if (items.length === 0 || r.chance(0.06)) return '';
  const separator = r.pick(['; ', ', ', ' | ', ';', ', ']);
  return items.map((item) => (r.chance(0.1) ? item.toLowerCase() : item)).join(separator);
}

function yesNo(r: Random, value: boolean, blankChance = 0.12): string | number {
  if (r.chance(blankChance)) return '';
  if (r.chance(0.02)) return r.pick(['maybe', '?', 'pending']);
  return value ? r.pick(['yes', 'Yes', 'Y', 'x', 'TRUE', '1', '✓']) : r.pick(['no', 'No', 'N', 'FALSE', '0']);
}

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function dateCell(r: Random, reference: number, ageDays: number | null): string {
  if (ageDays === null) return '';
  if (r.chance(0.03)) return r.pick(['last spring', 'Q3?', 'recently']);
  return isoDay(reference - ageDays * DAY);
}

function fieldCells(r: Random, c: Company, reference: number): Row {
  return {
    Company: r.chance(0.05) ? c.name.toLowerCase() : c.name + r.pick(NAME_ENDINGS),
    Employees: employeesCell(r, c.employees),
    Revenue: revenueCell(r, c.revenue),
    Industry: r.chance(0.05) ? '' : spelled(r, c.industry),
    Region: r.chance(0.04) ? '' : c.region,
    'Tech stack': stackCell(r, c),
    'Funding stage': r.chance(0.08) ? '' : spelled(r, c.stage),
    'Has RevOps': yesNo(r, c.revops),
    'Review site intent': yesNo(r, c.reviewIntent, 0.25),
    'Last funding or hire': dateCell(r, reference, c.fundingAgeDays),
    'Leadership change date': dateCell(r, reference, c.leadershipAgeDays),
    Title: r.chance(0.06) ? '' : c.title,
  };
}

// ---- the planted effects ------------------------------------------------------------------

/**
 * The log-odds of winning a deal with this company. Planted so that learning has something to
 * find, as a real history holds what a model misses (issue 21): a CRM the product plugs into,
 * RevOps, Series B–D / PE money and SaaS or software industries raise the odds as the model says;
 * but the size sweet spot is 80–400 people, below the model's 250–2500 band; healthcare, which the
 * model does not name, wins; review-site intent, worth 5 points in the model, loses; Series A wins
 * in North America and loses elsewhere (a combination); APAC deals are harder; gambling and tobacco
 * almost never close. Only the outcomes follow these odds: every other cell is drawn as before.
 */
export function plantedLogOdds(c: Omit<Company, 'name' | 'title' | 'tools'> & { tools?: string[] }): number {
  let logit = -1.7;
  if (c.employees >= 80 && c.employees <= 400) logit += 1.6;
  else if (c.employees > 400 && c.employees <= 2500) logit += 0.3;
  if (c.crm === 'Salesforce' || c.crm === 'HubSpot') logit += 0.8;
  if (c.revops) logit += 0.7;
  if (['Series B', 'Series C', 'Series D', 'PE-backed'].includes(c.stage)) logit += 0.55;
  if (['SaaS', 'Software'].includes(c.industry)) logit += 0.9;
  if (c.industry === 'Healthcare') logit += 1.3;
  if (c.stage === 'Series A') logit += c.region === 'North America' ? 2.2 : -0.6;
  if (c.reviewIntent) logit -= 0.8;
  if (c.region === 'APAC') logit -= 0.6;
  if (c.fundingAgeDays !== null && c.fundingAgeDays <= 180) logit += 0.35;
  if (['Gambling', 'Tobacco'].includes(c.industry)) logit -= 3;
  return logit;
}

/** A closed deal: its row, and what the customer life that follows needs (won or not, the amount at close, the close day). */
interface Deal {
  row: Row;
  company: Company;
  won: boolean;
  amount: number;
  closed: number;
}

function historyRow(r: Random, c: Company, created: number): Deal {
  const won = r.next() < 1 / (1 + Math.exp(-plantedLogOdds(c)));
  const cycle = r.between(20, 160);
  const closed = created + cycle * DAY;
  const size = 8000 + Math.min(c.employees, 5000) * (20 + r.next() * 40);
  const outcome = won
    ? r.weighted([['Closed Won', 90], ['Won', 6], ['closed won', 4]] as const)
    : r.weighted([['Closed Lost', 88], ['Lost', 6], ['closed-lost', 3], ['No decision', 3]] as const);
  const amount = Math.round(size / 500) * 500;
  const row = { ...fieldCells(r, c, created), Outcome: outcome, Amount: money(r, amount), Created: isoDay(created), Closed: isoDay(closed) };
  return { row, company: c, won, amount, closed };
}

/**
 * How a won customer fares, planted so the proof table shows it: the companies the model puts in
 * Tier 1 (mid-size, $50M–$500M, Series B–D or PE money, a CRM the product plugs into, RevOps)
 * churn about half as often as the rest and expand their contracts, while small, seed-stage and
 * bootstrapped companies churn most. Returns the log-odds of churning and the mean log-growth of
 * the ARR of a customer that stays.
 */
export function plantedCustomerLife(c: Pick<Company, 'employees' | 'revenue' | 'stage' | 'crm' | 'revops' | 'industry'>): { churn: number; growth: number } {
  const sweetSpot = c.employees >= 250 && c.employees <= 2500;
  const funded = ['Series B', 'Series C', 'Series D', 'PE-backed'].includes(c.stage);
  const midMarket = c.revenue >= 50e6 && c.revenue <= 500e6;
  const plugsIn = c.crm === 'Salesforce' || c.crm === 'HubSpot';
  let churn = -0.5;
  if (sweetSpot) churn -= 0.7;
  if (funded) churn -= 0.4;
  if (midMarket) churn -= 0.3;
  if (plugsIn) churn -= 0.3;
  if (c.revops) churn -= 0.3;
  if (c.employees < 100) churn += 0.6;
  if (['Seed', 'Bootstrapped'].includes(c.stage)) churn += 0.5;
  // All three of the Tier 1 profile at once: the customers who stay and grow most.
  const profile = sweetSpot && funded && midMarket;
  if (profile) churn -= 0.3;
  let growth = 0.0;
  if (profile) growth += 0.04;
  if (sweetSpot) growth += 0.12;
  if (funded) growth += 0.08;
  if (midMarket) growth += 0.05;
  if (c.revops) growth += 0.04;
  if (['SaaS', 'Software', 'Fintech'].includes(c.industry)) growth += 0.04;
  if (c.employees < 100) growth -= 0.1;
  return { churn, growth };
}

/**
 * The Churned and ARR now cells of a deal, from their own seeded stream (so the deal columns stay
 * as they were). Lost deals have neither. A customer won in the last 90 days before the reference
 * day is too new to say (Churned blank). Churned reads as Churned, yes, or the churn date; staying
 * as Active, Renewed or no. A churned customer's ARR now is mostly blank (it counts 0), sometimes 0.
 */
function customerCells(r: Random, deal: Deal, reference: number): Row {
  if (!deal.won) return { Churned: '', 'ARR now': '' };
  const life = plantedCustomerLife(deal.company);
  const churned = r.next() < 1 / (1 + Math.exp(-life.churn));
  const tooNew = reference - deal.closed < 90 * DAY;
  if (churned && !tooNew) {
    const day = deal.closed + r.between(30, Math.max(30, Math.floor((reference - deal.closed) / DAY) - 1)) * DAY;
    return {
      Churned: r.weighted([['Churned', 60], ['yes', 15], [isoDay(day), 25]] as const),
      'ARR now': r.chance(0.75) ? '' : 0,
    };
  }
  // A normal draw (Box–Muller) around the planted growth.
  const normal = Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
  const arr = Math.round((deal.amount * Math.exp(life.growth + 0.15 * normal)) / 100) * 100;
  return {
    Churned: tooNew ? '' : r.weighted([['Active', 55], ['Renewed', 30], ['no', 15]] as const),
    'ARR now': r.chance(0.3) ? `$${arr.toLocaleString('en-US')}` : arr,
  };
}

// ---- the scoring worksheet ----------------------------------------------------------------

/**
 * The Tiered ICP preset adapted to the sample columns: an industry row, the Tier 1 profile (a
 * combination: a row and its `and` rows), an exclusion, a tier for the rest, a fixed `as of`.
 */
export const SAMPLE_MODEL: (string | number)[][] = [
  [...MODEL_COLUMNS],
  ['criterion', 'Company size', 'Employees', 'between', '250-2500', 25, 'Firmographics', 'Tier 1 sweet spot'],
  ['criterion', 'Company size', 'Employees', 'between', '100-250', 15, 'Firmographics', 'Tier 2: just below'],
  ['criterion', 'Company size', 'Employees', 'between', '2500-5000', 15, 'Firmographics', 'Tier 2: just above'],
  ['criterion', 'Revenue', 'Revenue', 'between', '$50M-$500M', 15, 'Firmographics', ''],
  ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS, Software, Fintech', 10, 'Firmographics', ''],
  ['criterion', 'Funding', 'Funding stage', 'is any of', 'Series B, Series C, Series D, PE-backed', 15, 'Firmographics', ''],
  ['criterion', 'Tier 1 profile', 'Employees', 'between', '250-2500', 10, 'Firmographics', 'All three Tier 1 firmographics at once'],
  ['and', '', 'Revenue', 'between', '$50M-$500M', '', '', ''],
  ['and', '', 'Funding stage', 'is any of', 'Series B, Series C, Series D, PE-backed', '', '', ''],
  ['criterion', 'Complementary tools', 'Tech stack', 'contains any', 'Salesforce, HubSpot, Outreach, Salesloft, Gong', 10, 'Technographics', 'Uses complementary tools in your category'],
  ['criterion', 'RevOps function', 'Has RevOps', 'is true', '', 10, 'Technographics', ''],
  ['criterion', 'Review-site activity', 'Review site intent', 'is true', '', 5, 'Behavioral', 'Active in your category on review sites'],
  ['criterion', 'Recent funding or hire', 'Last funding or hire', 'within days', 180, 5, 'Behavioral', ''],
  ['criterion', 'Leadership change', 'Leadership change date', 'within days', 90, 5, 'Behavioral', ''],
  ['exclude', 'Out of market: gambling or tobacco', 'Industry', 'is any of', 'Gambling, Tobacco', '', '', 'Brand policy'],
  ['tier', 'Tier 1 — Ideal', '', '', 75, '', '', 'Account-based plays · Executive-level outreach · Full sales cycle'],
  ['tier', 'Tier 2 — Good Fit', '', '', 50, '', '', 'Standard outbound sequence · May require more education'],
  ['tier', 'Tier 3 — Possible Fit', '', '', 25, '', '', 'Inbound response only · Do not pursue outbound'],
  ['tier', 'Not a fit', '', '', 0, '', '', 'Marketing nurture only'],
  ['persona', 'Champion / Influencer', 'Title', 'contains any', 'VP Sales Enablement, Director of RevOps, Director of Revenue Operations, Head of Sales Operations, Head of RevOps', '', '', 'Lead with workflow efficiency and quick wins'],
  ['persona', 'Economic Buyer', 'Title', 'contains any', 'CRO, Chief Revenue Officer, VP Sales, VP of Sales, VP Revenue, CEO', '', '', 'Lead with ROI and business outcomes; keep it short'],
  ['persona', 'Technical Evaluator', 'Title', 'contains any', 'CRM Admin, Salesforce Admin, IT, Security', '', '', 'Lead with security certs and integration docs'],
  ['setting', 'as of', '', '', AS_OF, '', '', 'Time rules count back from this day'],
];

// ---- the files ----------------------------------------------------------------------------

function csv(headers: readonly string[], rows: Row[]): string {
  return `${Papa.unparse({ fields: [...headers], data: rows.map((row) => headers.map((h) => row[h] ?? '')) }, { newline: '\n' })}\n`;
}

export interface Samples {
  prospects: string;
  history: string;
  model: string;
}

export function generateSamples(seed = 20260630): Samples {
  const r = random(seed);
  const asOf = Date.parse(`${AS_OF}T00:00:00Z`);
  const prospectNames = new Set<string>();
  const prospects = Array.from({ length: PROSPECT_COUNT }, () => fieldCells(r, company(r, prospectNames), asOf));
  const dealNames = new Set<string>();
  // Closed deals opened over the two years before the reference day; each company once.
  const deals = Array.from({ length: HISTORY_COUNT }, () => {
    const created = asOf - r.between(60, 760) * DAY;
    return historyRow(r, company(r, dealNames), created);
  }).sort((a, b) => String(a.row.Created).localeCompare(String(b.row.Created)));
  const life = random(seed + 1);
  const history = deals.map((deal) => ({ ...deal.row, ...customerCells(life, deal, asOf) }));
  const model = `${Papa.unparse(SAMPLE_MODEL, { newline: '\n' })}\n`;
  return { prospects: csv(FIELD_HEADERS, prospects), history: csv(HISTORY_HEADERS, history), model };
}

export const SAMPLES_DIR = path.dirname(fileURLToPath(import.meta.url));
export const SAMPLE_FILES = { prospects: 'prospects.csv', history: 'history.csv', model: 'model.csv' } as const;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const samples = generateSamples();
  for (const [key, file] of Object.entries(SAMPLE_FILES)) {
    writeFileSync(path.join(SAMPLES_DIR, file), samples[key as keyof Samples]);
    console.log(`samples/${file}  ${samples[key as keyof Samples].split('\n').length - 2} rows`);
  }
}
