/**
 * Generated won/lost histories of known shape, for the learner's tests and for `npm run bench --
 * learn`, which compares the suggestion against scikit-learn on each of them. Every shape has the
 * same deal columns at its end (Outcome, Amount, Created, Closed) and a starting model: the
 * analyst's guess the learner starts from. Each account's chance of winning is σ(logit) with a
 * logit the shape chooses, so what there is to find is known. Seeded: the same seed gives the
 * same history.
 */
import type { Cell } from '../../core/index.ts';
import { seededRandom } from '../../core/learn/stats.ts';

export const DEAL_COLUMNS = ['Outcome', 'Amount', 'Created', 'Closed'] as const;
export const SHAPE_COLUMNS = { outcome: 'Outcome', amount: 'Amount', created: 'Created', closed: 'Closed' } as const;

/** One account's fields (by header) as the history holds them, and the quarter (0 oldest) it was created in. */
export type Fields = Record<string, Cell>;

export interface ShapeSpec {
  /** The prospect columns, in order (Company first is added). */
  headers: readonly string[];
  /** Draw one account's fields. */
  draw: (random: () => number, index: number) => Fields;
  /** Win log-odds of an account created on `day` (0 … spanDays). */
  logit: (fields: Fields, day: number) => number;
  /** Days over which accounts are created (default 720, eight quarters). */
  spanDays?: number;
}

export interface Shape {
  name: string;
  grid: Cell[][];
  model: Cell[][];
  /** The true win probability of each account (for the best AUC any model could reach). */
  truth: number[];
}

const DAY_MS = 86_400_000;
const START = Date.parse('2024-01-01T00:00:00Z');
const iso = (day: number) => new Date(START + day * DAY_MS).toISOString().slice(0, 10);
export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The header row of a spec's history. */
export const headersOf = (spec: ShapeSpec): string[] => ['Company', ...spec.headers, ...DEAL_COLUMNS];

/** Each deal of a history of `rows` deals of the given spec, in turn (for writing a large file row by row): every deal decided, closed 30–120 days after it was created. */
export function eachRow(spec: ShapeSpec, rows: number, seed: number, onRow: (row: Cell[], truth: number) => void): void {
  const random = seededRandom(seed);
  const span = spec.spanDays ?? 720;
  for (let i = 0; i < rows; i++) {
    const fields = spec.draw(random, i);
    const day = Math.floor(random() * span);
    const p = sigmoid(spec.logit(fields, day));
    const won = random() < p;
    const closed = day + 30 + Math.floor(random() * 90);
    onRow(
      [`Account ${i + 1}`, ...spec.headers.map((h) => fields[h] ?? ''), won ? 'Closed Won' : 'Closed Lost', won ? Math.round(10_000 + random() * 90_000) : '', iso(day), iso(closed)],
      p,
    );
  }
}

/** A history of `rows` deals of the given spec, header row first, with each deal's true win probability. */
export function generate(spec: ShapeSpec, rows: number, seed: number): { grid: Cell[][]; truth: number[] } {
  const grid: Cell[][] = [headersOf(spec)];
  const truth: number[] = [];
  eachRow(spec, rows, seed, (row, p) => {
    grid.push(row);
    truth.push(p);
  });
  return { grid, truth };
}

const pick = <T,>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const HEADER = ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Dimension', 'Note'];
const TIERS: Cell[][] = [
  ['tier', 'Tier 1', '', '', 70, '', '', ''],
  ['tier', 'Tier 2', '', '', 40, '', '', ''],
  ['tier', 'Tier 3', '', '', 0, '', '', ''],
];
const modelOf = (...rows: Cell[][]): Cell[][] => [HEADER, ...rows.map((r) => [...r, '', '']), ...TIERS];

const INDUSTRIES = ['SaaS', 'Software', 'Fintech', 'Retail', 'Manufacturing', 'Healthcare'];
const REGIONS = ['North America', 'EMEA', 'APAC', 'LATAM'];
const employees = (random: () => number) => Math.round(10 * 10 ** (random() * 3.7));

/** Higher is better: web visits win from 60 up (a threshold), company size has a sweet spot at 500–5,000. */
export const SWEET_SPOT_AND_THRESHOLD: ShapeSpec = {
  headers: ['Employees', 'Web visits', 'Industry', 'Region'],
  draw: (r) => ({ Employees: employees(r), 'Web visits': Math.floor(r() * 200), Industry: pick(r, INDUSTRIES), Region: pick(r, REGIONS) }),
  logit: (f) => {
    const size = f.Employees as number;
    return -1.3 + (size >= 500 && size <= 5000 ? 1.2 : 0) + ((f['Web visits'] as number) >= 60 ? 1.0 : 0) + (f.Industry === 'SaaS' ? 0.4 : 0);
  },
};

/** Fintech wins only in EMEA: alone, each is at about the base rate (a ninth of the deals are both). */
export const INTERACTION: ShapeSpec = {
  headers: ['Employees', 'Industry', 'Region'],
  draw: (r) => ({ Employees: employees(r), Industry: pick(r, ['SaaS', 'Fintech', 'Retail']), Region: pick(r, ['North America', 'EMEA', 'APAC']) }),
  logit: (f) => {
    const fintech = f.Industry === 'Fintech';
    const emea = f.Region === 'EMEA';
    return -0.9 + (fintech && emea ? 1.8 : 0) - (fintech ? 0.6 : 0) - (emea ? 0.6 : 0) + ((f.Employees as number) >= 200 ? 0.5 : 0);
  },
};

/** A city column of 1,000 values, one of them (1% of deals) strongly winning (+2 log-odds); the others are noise. */
export const HIGH_CARDINALITY: ShapeSpec = {
  headers: ['Employees', 'Industry', 'City'],
  draw: (r) => ({
    Employees: employees(r),
    Industry: pick(r, INDUSTRIES),
    City: r() < 0.01 ? 'Springfield' : `City ${1 + Math.floor(r() ** 1.5 * 999)}`,
  }),
  logit: (f) => -1 + (f.City === 'Springfield' ? 2 : 0) + (f.Industry === 'SaaS' ? 0.6 : 0) + ((f.Employees as number) >= 300 ? 0.5 : 0),
};

/** Drift: Fintech wins strongly for six quarters, then no more than any industry in the newest two; APAC always loses. */
export const DRIFT: ShapeSpec = {
  headers: ['Employees', 'Industry', 'Region'],
  draw: (r) => ({ Employees: employees(r), Industry: pick(r, INDUSTRIES), Region: pick(r, REGIONS) }),
  logit: (f, day) => -0.9 + (f.Industry === 'Fintech' && day < 540 ? 1.6 : 0) + (f.Region === 'APAC' ? -0.9 : 0) + ((f.Employees as number) >= 300 ? 0.6 : 0),
};

const TOOLS = ['Salesforce', 'HubSpot', 'Gong', 'Outreach', 'Zoho', 'Slack', 'Intercom', 'Snowflake', 'dbt', 'Pipedrive', 'Marketo', 'Zendesk'];

/** A multi-value tech stack: Gong and Salesforce win, Zoho loses. */
export const TERMS: ShapeSpec = {
  headers: ['Employees', 'Industry', 'Tech stack'],
  draw: (r) => {
    const count = Math.floor(r() * 5);
    const stack = new Set<string>();
    for (let k = 0; k < count; k++) stack.add(pick(r, TOOLS));
    return { Employees: employees(r), Industry: pick(r, INDUSTRIES), 'Tech stack': [...stack].join(pick(r, ['; ', ', ', ' | '])) };
  },
  logit: (f) => {
    const stack = String(f['Tech stack']);
    return -1 + (/Gong/.test(stack) ? 0.9 : 0) + (/Salesforce/.test(stack) ? 0.6 : 0) + (/Zoho/.test(stack) ? -0.8 : 0) + (f.Industry === 'Retail' ? -0.5 : 0);
  },
};

/** One segment in a small history: SaaS wins. */
export const ONE_SEGMENT: ShapeSpec = {
  headers: ['Employees', 'Industry', 'Region'],
  draw: (r) => ({ Employees: employees(r), Industry: pick(r, INDUSTRIES), Region: pick(r, REGIONS) }),
  logit: (f) => -1 + (f.Industry === 'SaaS' ? 1.8 : 0),
};

/** Pure noise: every account wins 3 times in 10. */
export const NOISE: ShapeSpec = {
  headers: ['Employees', 'Industry', 'Region', 'Web visits'],
  draw: (r) => ({ Employees: employees(r), Industry: pick(r, INDUSTRIES), Region: pick(r, REGIONS), 'Web visits': Math.floor(r() * 200) }),
  logit: () => Math.log(0.3 / 0.7),
};

const COUNTRIES = Array.from({ length: 60 }, (_, k) => `Country ${k + 1}`);
const SOURCES = ['Web', 'Event', 'Partner', 'Outbound', 'Referral', 'Paid search'];
const FUNDING = ['Seed', 'Series A', 'Series B', 'Series C', 'Public', 'Bootstrapped', ''];

/**
 * Realistic, 15 columns: a size sweet spot, revenue, industries, a region and a country of 60 values
 * (one rare and strong), a multi-value stack, funding, RevOps, web visits (higher is better), lead
 * source, and Fintech winning in EMEA only; numbers typed as exports give them, some blanks.
 */
export const REALISTIC: ShapeSpec = {
  headers: ['Employees', 'Revenue', 'Industry', 'Region', 'Country', 'Tech stack', 'Funding stage', 'Has RevOps', 'Web visits', 'Lead source'],
  draw: (r) => {
    const size = employees(r);
    const stack = new Set<string>();
    for (let k = Math.floor(r() * 4); k > 0; k--) stack.add(pick(r, TOOLS));
    const country = r() < 0.015 ? 'Country 37' : pick(r, COUNTRIES);
    return {
      Employees: r() < 0.3 ? size.toLocaleString('en-US') : size,
      Revenue: r() < 0.1 ? '' : `$${((size * (50 + r() * 300)) / 1e6).toFixed(1)}M`,
      Industry: pick(r, INDUSTRIES),
      Region: pick(r, REGIONS),
      Country: country,
      'Tech stack': [...stack].join('; '),
      'Funding stage': pick(r, FUNDING),
      'Has RevOps': r() < 0.35 ? 'yes' : 'no',
      'Web visits': r() < 0.05 ? '' : Math.floor(r() * 150),
      'Lead source': pick(r, SOURCES),
    };
  },
  logit: (f) => {
    const size = typeof f.Employees === 'number' ? f.Employees : Number(String(f.Employees).replace(/,/g, ''));
    const stack = String(f['Tech stack']);
    const visits = typeof f['Web visits'] === 'number' ? f['Web visits'] : 0;
    return (
      -1.6 +
      (size >= 300 && size <= 3000 ? 0.9 : 0) +
      (f.Industry === 'SaaS' ? 0.5 : f.Industry === 'Retail' ? -0.5 : 0) +
      (f.Industry === 'Fintech' && f.Region === 'EMEA' ? 1.4 : 0) +
      (f.Country === 'Country 37' ? 1.5 : 0) +
      (/Gong/.test(stack) ? 0.5 : 0) +
      (f['Funding stage'] === 'Series B' || f['Funding stage'] === 'Series C' ? 0.4 : 0) +
      (f['Has RevOps'] === 'yes' ? 0.6 : 0) +
      (visits >= 40 ? 0.5 : 0) +
      (f['Lead source'] === 'Referral' ? 0.4 : 0)
    );
  },
};

/** The starting models: the analyst's guess for each shape. */
export const GUESSES = {
  sweetSpot: modelOf(['criterion', 'Company size', 'Employees', 'between', '200-2000', 30], ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS, Software', 30]),
  interaction: modelOf(['criterion', 'Industry', 'Industry', 'is any of', 'Fintech, SaaS', 20], ['criterion', 'Company size', 'Employees', 'at least', 100, 20]),
  highCardinality: modelOf(['criterion', 'Industry', 'Industry', 'is any of', 'SaaS, Software', 30], ['criterion', 'Company size', 'Employees', 'at least', 100, 20]),
  drift: modelOf(['criterion', 'Industry', 'Industry', 'is any of', 'Fintech, SaaS', 30], ['criterion', 'Company size', 'Employees', 'at least', 300, 20]),
  terms: modelOf(['criterion', 'CRM', 'Tech stack', 'contains any', 'Salesforce, HubSpot', 30], ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS', 20]),
  oneSegment: modelOf(['criterion', 'Industry', 'Industry', 'is any of', 'SaaS, Software', 30], ['criterion', 'Region', 'Region', 'is any of', 'EMEA', 20]),
  noise: modelOf(['criterion', 'Industry', 'Industry', 'is any of', 'SaaS, Software', 30], ['criterion', 'Company size', 'Employees', 'between', '200-2000', 30]),
  realistic: modelOf(
    ['criterion', 'Company size', 'Employees', 'between', '200-2000', 25],
    ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS, Software', 25],
    ['criterion', 'CRM', 'Tech stack', 'contains any', 'Salesforce, HubSpot', 20],
    ['criterion', 'Funding', 'Funding stage', 'is any of', 'Series B, Series C', 15],
    ['criterion', 'RevOps', 'Has RevOps', 'is true', '', 15],
  ),
} satisfies Record<string, Cell[][]>;

/** Every generated shape of the bench, with its size. */
export const SHAPES = [
  { name: 'sweet spot + threshold (higher is better)', spec: SWEET_SPOT_AND_THRESHOLD, model: GUESSES.sweetSpot, rows: 5_000 },
  { name: 'interaction (Fintech only in EMEA)', spec: INTERACTION, model: GUESSES.interaction, rows: 6_000 },
  { name: 'high cardinality (1 rare strong city in 1,000)', spec: HIGH_CARDINALITY, model: GUESSES.highCardinality, rows: 20_000 },
  { name: 'drift in the newest quarters', spec: DRIFT, model: GUESSES.drift, rows: 6_000 },
  { name: 'multi-value terms column', spec: TERMS, model: GUESSES.terms, rows: 5_000 },
  { name: '300 deals, one segment', spec: ONE_SEGMENT, model: GUESSES.oneSegment, rows: 300 },
  { name: 'pure noise', spec: NOISE, model: GUESSES.noise, rows: 3_000 },
  { name: '50,000 × 15 realistic', spec: REALISTIC, model: GUESSES.realistic, rows: 50_000 },
] as const;

export function shape(spec: ShapeSpec, model: Cell[][], rows: number, seed: number, name = ''): Shape {
  const { grid, truth } = generate(spec, rows, seed);
  return { name, grid, model, truth };
}
