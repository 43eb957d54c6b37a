/**
 * Ready-made scoring worksheets, taken from the models in the reference docs
 * (../shared/reference). Each is plain worksheet rows: load one, then edit it.
 */
import { type ModelRow, rowsToGrid } from './model.ts';
import type { Cell } from './values.ts';

export interface Preset {
  id: string;
  name: string;
  /** One sentence for the preset picker. */
  description: string;
  /** The reference doc the model comes from. */
  source: string;
  rows: ModelRow[];
}

type RowTuple = [kind: string, name: string, field: string, rule: string, value: Cell, points: Cell, dimension?: string, note?: string];

function rows(tuples: RowTuple[]): ModelRow[] {
  return tuples.map(([kind, name, field, rule, value, points, dimension = '', note = '']) => ({
    kind, name, field, rule, value, points, dimension, note,
  }));
}

const FIRMO = 'Firmographics';
const TECHNO = 'Technographics';
const BEHAV = 'Behavioral';
const ENVIRO = 'Environmental';

export const PRESETS: readonly Preset[] = [
  {
    id: 'b2b-saas',
    name: 'B2B SaaS (weighted)',
    description: 'Five weighted criteria, 30/20/25/15/10; 70+ gets priority routing.',
    source: 'icp-glossary.txt',
    rows: rows([
      ['criterion', 'Company size', 'Employees', 'between', '200-2000', 30, FIRMO],
      ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS, Software, Technology', 20, FIRMO],
      ['criterion', 'CRM', 'Tech stack', 'contains any', 'Salesforce, HubSpot', 25, TECHNO],
      ['criterion', 'Funding', 'Funding stage', 'is any of', 'Series B, Series C, Series D, Series E, PE-backed, Public', 15, ENVIRO],
      ['criterion', 'RevOps', 'Has RevOps', 'is true', '', 10, BEHAV],
      ['tier', 'Priority', '', '', 70, '', '', 'Priority routing and a higher SLA'],
      ['tier', 'Standard', '', '', 0, '', '', 'Standard routing'],
    ]),
  },
  {
    id: 'tiered',
    name: 'Tiered ICP (Tier 1/2/3 + personas)',
    description: 'Employee and revenue bands, Series B–D or PE-backed, and the three together as the Tier 1 profile; tech and behavioral signals; three tiers with their approach and the three buyer personas.',
    source: 'tiered-icp-framework.txt',
    rows: rows([
      ['criterion', 'Company size', 'Employees', 'between', '250-2500', 25, FIRMO, 'Tier 1 sweet spot'],
      ['criterion', 'Company size', 'Employees', 'between', '100-250', 15, FIRMO, 'Tier 2: just below'],
      ['criterion', 'Company size', 'Employees', 'between', '2500-5000', 15, FIRMO, 'Tier 2: just above'],
      ['criterion', 'Revenue', 'Revenue', 'between', '$50M-$500M', 15, FIRMO],
      ['criterion', 'Funding', 'Funding stage', 'is any of', 'Series B, Series C, Series D, PE-backed', 15, FIRMO],
      ['criterion', 'Tier 1 profile', 'Employees', 'between', '250-2500', 10, FIRMO, 'All three Tier 1 firmographics at once'],
      ['and', '', 'Revenue', 'between', '$50M-$500M', ''],
      ['and', '', 'Funding stage', 'is any of', 'Series B, Series C, Series D, PE-backed', ''],
      ['criterion', 'Complementary tools', 'Tech stack', 'contains any', 'Salesforce, HubSpot, Outreach, Salesloft, Gong', 10, TECHNO, 'Uses complementary tools in your category'],
      ['criterion', 'RevOps function', 'Has RevOps', 'is true', '', 10, TECHNO],
      ['criterion', 'Review-site activity', 'Review site intent', 'is true', '', 5, BEHAV, 'Active in your category on review sites'],
      ['criterion', 'Recent funding or hire', 'Last funding or hire', 'within days', 180, 5, BEHAV],
      ['criterion', 'Leadership change', 'Leadership change date', 'within days', 90, 5, BEHAV],
      ['tier', 'Tier 1 — Ideal', '', '', 75, '', '', 'Account-based plays · Executive-level outreach · Full sales cycle'],
      ['tier', 'Tier 2 — Good Fit', '', '', 50, '', '', 'Standard outbound sequence · May require more education'],
      ['tier', 'Tier 3 — Possible Fit', '', '', 25, '', '', 'Inbound response only · Do not pursue outbound'],
      ['persona', 'Champion / Influencer', 'Title', 'contains any', 'VP Sales Enablement, Director of RevOps, Director of Revenue Operations, Head of Sales Operations, Head of RevOps', '', '', 'Lead with workflow efficiency and quick wins'],
      ['persona', 'Economic Buyer', 'Title', 'contains any', 'CRO, Chief Revenue Officer, VP Sales, VP of Sales, VP Revenue, CEO', '', '', 'Lead with ROI and business outcomes; keep it short'],
      ['persona', 'Technical Evaluator', 'Title', 'contains any', 'CRM Admin, Salesforce Admin, IT, Security', '', '', 'Lead with security certs and integration docs'],
    ]),
  },
  {
    id: 'points-7',
    name: '7-attribute points model',
    description: 'Industry 20, revenue 15, tech stack 15, growth 10, funding 10, intent 20, persona 10; 80+ Tier 1, 60–79 Tier 2.',
    source: 'icp-definition-framework.txt',
    rows: rows([
      ['criterion', 'Industry match', 'Industry', 'is any of', 'SaaS, Software, Fintech, Internet', 20, FIRMO],
      ['criterion', 'Revenue range', 'Revenue', 'between', '$10M-$250M', 15, FIRMO],
      ['criterion', 'Tech stack fit', 'Tech stack', 'contains any', 'Salesforce, HubSpot, Outreach, Salesloft', 15, TECHNO],
      ['criterion', 'Growth rate', 'Headcount growth', 'at least', '20%', 10, FIRMO],
      ['criterion', 'Growth rate', 'Headcount growth', 'at least', '10%', 5, FIRMO],
      ['criterion', 'Funding stage', 'Funding stage', 'is any of', 'Series A, Series B, Series C', 10, FIRMO],
      ['criterion', 'Intent signals', 'Intent score', 'at least', 70, 20, BEHAV],
      ['criterion', 'Intent signals', 'Intent score', 'at least', 40, 10, BEHAV],
      ['criterion', 'Persona match', 'Contact title', 'contains any', 'CRO, VP Sales, VP Revenue, Head of Sales, RevOps', 10, BEHAV],
      ['tier', 'Tier 1', '', '', 80, '', '', 'Tier 1 targets'],
      ['tier', 'Tier 2', '', '', 60, '', '', 'Tier 2'],
      ['tier', 'Do not pursue', '', '', 0, '', '', 'Below 60: do not pursue'],
    ]),
  },
  {
    id: 'five-dimensions',
    name: '5-dimension fit score',
    description: 'Firmographics 30, technographics 20, behavioral 25, business needs 15, growth potential 10; Perfect/Strong/Moderate/Weak fit.',
    source: 'icp-scoring-skill.txt',
    rows: rows([
      ['criterion', 'Revenue', 'Revenue', 'between', '$10M-$500M', 10, FIRMO],
      ['criterion', 'Employees', 'Employees', 'between', '100-5000', 10, FIRMO],
      ['criterion', 'Region', 'Region', 'is any of', 'North America, Europe', 5, FIRMO],
      ['criterion', 'Funding stage', 'Funding stage', 'is any of', 'Series B, Series C, Series D, Series E, Public', 5, FIRMO],
      ['criterion', 'CRM', 'Tech stack', 'contains any', 'Salesforce, HubSpot', 10, TECHNO],
      ['criterion', 'Cloud', 'Tech stack', 'contains any', 'AWS, Azure, GCP', 5, TECHNO],
      ['criterion', 'Uses a competitor', 'Uses competitor', 'is true', '', 5, TECHNO, 'Displacement opportunity'],
      ['criterion', 'Website activity', 'Last website visit', 'decays over days', 30, 10, BEHAV, 'Full points today, half after 30 days'],
      ['criterion', 'Buying intent', 'Intent topics', 'contains any', 'sales engagement, revenue operations, lead scoring', 10, BEHAV],
      ['criterion', 'Hiring for the need', 'Hiring sales roles', 'is true', '', 5, BEHAV],
      ['criterion', 'Primary pain', 'Primary pain', 'is any of', 'Forecasting, Pipeline visibility, Lead routing', 10, 'Business needs'],
      ['criterion', 'Budget', 'IT budget', 'is any of', 'High', 5, 'Business needs'],
      ['criterion', 'Budget', 'IT budget', 'is any of', 'Medium', 3, 'Business needs'],
      ['criterion', 'Seat growth', 'Headcount growth', 'at least', '20%', 5, 'Growth potential'],
      ['criterion', 'Reference potential', 'Reference potential', 'is true', '', 5, 'Growth potential'],
      ['tier', 'Perfect Fit', '', '', 80, '', '', 'Prioritize all resources'],
      ['tier', 'Strong Fit', '', '', 60, '', '', 'High priority for targeting'],
      ['tier', 'Moderate Fit', '', '', 40, '', '', 'Selective targeting'],
      ['tier', 'Weak Fit', '', '', 0, '', '', 'Exclude from outbound, accept inbound only'],
    ]),
  },
  {
    id: 'expansion',
    name: 'Expansion ICP (existing customers)',
    description: 'Which customers will buy more: adoption depth, team growth, engagement and strategic fit; churn risk excluded.',
    source: 'icp-living-revenue-system.txt',
    rows: rows([
      ['criterion', 'Adoption depth', 'Core features used', 'at least', 8, 30, 'Adoption', 'Using core features, not scratching the surface'],
      ['criterion', 'Adoption depth', 'Core features used', 'at least', 5, 20, 'Adoption'],
      ['criterion', 'Adoption depth', 'Core features used', 'at least', 3, 10, 'Adoption'],
      ['criterion', 'Team growth', 'User team headcount growth', 'at least', '20%', 25, 'Team growth', 'Hiring in the departments that use the product'],
      ['criterion', 'Team growth', 'User team headcount growth', 'at least', '10%', 15, 'Team growth'],
      ['criterion', 'Login cadence', 'Weekly active users', 'at least', '60%', 15, 'Engagement'],
      ['criterion', 'Champion active', 'Champion active', 'is true', '', 10, 'Engagement'],
      ['criterion', 'Support escalations', 'Open escalations', 'at least', 3, -10, 'Engagement', 'Heavy support load holds expansion back'],
      ['criterion', 'Strategic fit', 'Roadmap alignment', 'is any of', 'High', 20, 'Strategic fit', 'Goals align with the roadmap'],
      ['criterion', 'Strategic fit', 'Roadmap alignment', 'is any of', 'Medium', 10, 'Strategic fit'],
      ['exclude', 'Renewal at risk: work retention first', 'Renewal risk', 'is any of', 'At risk, Churning, Notice given', ''],
      ['tier', 'Expand now', '', '', 70, '', '', 'Account manager plays: seats, products, higher tiers'],
      ['tier', 'Nurture', '', '', 40, '', '', 'CS-led value reviews'],
      ['tier', 'Monitor', '', '', 0, '', '', 'Watch adoption'],
    ]),
  },
];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}

/** A preset as a worksheet grid, header row first. */
export function presetGrid(id: string): Cell[][] {
  const preset = findPreset(id);
  if (!preset) throw new Error(`unknown preset "${id}"; the presets are ${PRESETS.map((p) => p.id).join(', ')}`);
  return rowsToGrid(preset.rows);
}
