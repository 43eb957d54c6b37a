/**
 * A small demo workbook for the standalone panel page: a prospect sheet whose headers match the
 * B2B SaaS preset's Fields except one ("Employee Count" for "Employees"), with outcomes and amounts.
 */
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
