/** Deterministic messy prospect rows for benchmarks: values as CRM exports give them. */
import { type Cell, MODEL_COLUMNS } from '../core/index.ts';
import { seededRandom as random } from '../core/learn/stats.ts';

export const PROSPECT_HEADERS = ['Company', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps', 'Revenue', 'Last touch'];

const EMPLOYEES: Cell[] = [450, '201-500', '1,200', '5,000+', 'lots', '', 80, '10K', '51-200', 2400, '1,001-5,000'];
const INDUSTRIES: Cell[] = ['SaaS', 'Software', 'Retail', 'Manufacturing', 'technology ', ' Fintech', 'Internet', '', 'Health care', 'saas'];
const STACKS: Cell[] = ['HubSpot; Gong', 'Salesforce, Outreach', 'Pipedrive', '', 'Microsoft Dynamics', 'salesforce', 'Zoho|Gong', 'HubSpot'];
const FUNDING: Cell[] = ['Series A', 'Series B', 'PE-backed', 'Seed', '', 'Public', 'series c', 'Bootstrapped', 'Series D'];
const REVOPS: Cell[] = ['yes', 'no', '', 'TRUE', true, 'x', 'N', 'maybe'];
const REVENUE: Cell[] = ['$1.2M', '$50M-$100M', '250000000', '', '$2bn', 'n/a', 12_000_000, '€75M'];
const TOUCH: Cell[] = ['2026-09-01', '2026-05-14', '', 'last week', '2025-12-31', '2026-09-29'];


export function prospectRows(count: number, seed = 42): Cell[][] {
  const next = random(seed);
  const pick = (list: Cell[]) => list[Math.floor(next() * list.length)]!;
  const rows = new Array<Cell[]>(count);
  for (let i = 0; i < count; i++) {
    rows[i] = [`Company ${i}`, pick(EMPLOYEES), pick(INDUSTRIES), pick(STACKS), pick(FUNDING), pick(REVOPS), pick(REVENUE), pick(TOUCH)];
  }
  return rows;
}

/** A 40-row model: banded size and revenue, term lists, recency, exclusions and tiers. */
export function bandedModel(): Cell[][] {
  const rows: Cell[][] = [[...MODEL_COLUMNS]];
  const sizeBands: [number, number, number][] = [[1, 50, 2], [51, 100, 4], [101, 200, 8], [201, 500, 14], [501, 1000, 20], [1001, 2000, 25], [2001, 5000, 18], [5001, 10000, 10], [10001, 100000, 5]];
  for (const [lo, hi, pts] of sizeBands) rows.push(['criterion', 'Company size', 'Employees', 'between', `${lo}-${hi}`, pts, 'Firmographics']);
  const revenueBands: [string, number][] = [['$1M-$10M', 4], ['$10M-$50M', 10], ['$50M-$250M', 20], ['$250M-$1B', 15], ['$1B-$100B', 8]];
  for (const [range, pts] of revenueBands) rows.push(['criterion', 'Revenue', 'Revenue', 'between', range, pts, 'Firmographics']);
  rows.push(
    ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS, Software, Internet', 15, 'Firmographics'],
    ['criterion', 'Industry', 'Industry', 'is any of', 'Technology, Fintech', 10, 'Firmographics'],
    ['criterion', 'Industry', 'Industry', 'is any of', 'Health care, Manufacturing', 4, 'Firmographics'],
    ['criterion', 'CRM', 'Tech stack', 'contains any', 'Salesforce', 15, 'Technographics'],
    ['criterion', 'CRM', 'Tech stack', 'contains any', 'HubSpot', 12, 'Technographics'],
    ['criterion', 'CRM', 'Tech stack', 'contains any', 'Pipedrive, Zoho', 5, 'Technographics'],
    ['criterion', 'Engagement tools', 'Tech stack', 'contains any', 'Outreach, Gong, Salesloft', 8, 'Technographics'],
    ['criterion', 'Legacy', 'Tech stack', 'contains any', 'Microsoft Dynamics', -5, 'Technographics'],
    ['criterion', 'Funding', 'Funding stage', 'is any of', 'Series B, Series C, Series D', 12, 'Environmental'],
    ['criterion', 'Funding', 'Funding stage', 'is any of', 'PE-backed, Public', 8, 'Environmental'],
    ['criterion', 'Funding', 'Funding stage', 'is any of', 'Series A', 4, 'Environmental'],
    ['criterion', 'RevOps', 'Has RevOps', 'is true', '', 10, 'Behavioral'],
    ['criterion', 'No RevOps', 'Has RevOps', 'is false', '', -3, 'Behavioral'],
    ['criterion', 'Recent touch', 'Last touch', 'within days', 30, 10, 'Behavioral'],
    ['criterion', 'Recent touch', 'Last touch', 'within days', 90, 6, 'Behavioral'],
    ['criterion', 'Recent touch', 'Last touch', 'decays over days', 60, 4, 'Behavioral'],
    ['criterion', 'Known size', 'Employees', 'is not blank', '', 2, 'Data quality'],
    ['exclude', 'Bootstrapped', 'Funding stage', 'is any of', 'Bootstrapped'],
    ['exclude', 'Too small', 'Employees', 'at most', 10],
    ['exclude', 'Competitor stack', 'Tech stack', 'contains all', 'Zoho, Gong'],
    ['tier', 'Tier 1', '', '', 75],
    ['tier', 'Tier 2', '', '', 55],
    ['tier', 'Tier 3', '', '', 35],
    ['tier', 'Nurture', '', '', 0],
    ['setting', 'as of', '', '', '2026-09-30'],
    ['setting', 'missing', '', '', 'zero'],
  );
  return rows;
}
