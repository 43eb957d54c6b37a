import { describe, expect, it } from 'vitest';
import { type Cell, PRESETS, bindModel, evaluateRow, personaMatcher, presetGrid, readModel } from '../../core/index.ts';

const TODAY = new Date(2026, 8, 30);

/** Per dimension (or per criterion), the most points available: the weights the docs give. */
function weights(id: string, by: 'dimension' | 'name'): Record<string, number> {
  const model = readModel(presetGrid(id));
  const out: Record<string, number> = {};
  for (const c of model.criteria) {
    const key = by === 'dimension' ? c.dimension : c.name;
    out[key] = (out[key] ?? 0) + c.possible;
  }
  return out;
}

/** Score one prospect given as {header: value}. */
function score(id: string, prospect: Record<string, Cell>) {
  const model = readModel(presetGrid(id));
  const headers = Object.keys(prospect);
  return evaluateRow(bindModel(model, headers, { today: TODAY }), Object.values(prospect), true);
}

describe('presets', () => {
  it('every preset is a valid worksheet whose fields are all scored by some row', () => {
    for (const preset of PRESETS) {
      const model = readModel(presetGrid(preset.id));
      expect(model.criteria.length, preset.id).toBeGreaterThan(0);
      expect(model.criteria.reduce((s, c) => s + c.possible, 0), preset.id).toBe(100);
      expect(preset.description.length).toBeGreaterThan(20);
    }
  });

  it('B2B SaaS: 30/20/25/15/10 and 70+ is Priority (glossary), scoring the SPEC §6 prospect 85', () => {
    expect(Object.values(weights('b2b-saas', 'name'))).toEqual([30, 20, 25, 15, 10]);
    const result = score('b2b-saas', {
      Employees: 450, Industry: 'SaaS', 'Tech stack': 'HubSpot; Gong', 'Funding stage': 'Series A', 'Has RevOps': 'yes',
    });
    expect([result.score, result.tier]).toEqual([85, 'Priority']);
  });

  it('tiered: Tier 1 needs the sweet spot, Tier 2 fits the adjacent bands, with each tier’s approach', () => {
    const model = readModel(presetGrid('tiered'));
    expect(model.tiers.map((t) => t.name)).toEqual(['Tier 1 — Ideal', 'Tier 2 — Good Fit', 'Tier 3 — Possible Fit']);
    expect(model.tiers[0]!.note).toContain('Account-based plays');
    const ideal = score('tiered', {
      Employees: '1,001-5,000', Revenue: '$120M', 'Funding stage': 'Series C', 'Tech stack': 'Salesforce, Gong',
      'Has RevOps': 'yes', 'Review site intent': 'yes', 'Last funding or hire': '2026-08-01', 'Leadership change date': '',
    });
    // 1,001-5,000 reads as 3,000.5: the 2,500–5,000 band (15), so not the Tier 1 profile (0); revenue 15,
    // Series C 15, Salesforce 10, RevOps 10, review-site intent 5, a hire 60 days ago 5: 75.
    expect([ideal.score, ideal.tier]).toEqual([75, 'Tier 1 — Ideal']);
    const adjacent = score('tiered', {
      Employees: 180, Revenue: '$20M', 'Funding stage': 'PE-backed', 'Tech stack': 'HubSpot',
      'Has RevOps': 'no', 'Review site intent': 'yes', 'Last funding or hire': '', 'Leadership change date': '2026-09-01',
    });
    // 180 employees is the 100–250 band (15), revenue outside (0), PE-backed 15, HubSpot 10, no RevOps 0,
    // review-site intent 5, no funding/hire date 0, leadership change 29 days ago 5: 50 → Tier 2.
    expect([adjacent.score, adjacent.tier]).toEqual([50, 'Tier 2 — Good Fit']);
  });

  it('tiered: the Tier 1 profile is a combination: 250–2,500 employees and $50M–$500M revenue and Series B–D or PE-backed', () => {
    const model = readModel(presetGrid('tiered'));
    const profile = model.criteria.find((c) => c.name === 'Tier 1 profile')!;
    expect(profile.bands[0]!.conditions.map((c) => [c.field, c.rule])).toEqual([['Revenue', 'between'], ['Funding stage', 'is any of']]);
    const prospect = { Employees: 450, Revenue: '$120M', 'Funding stage': 'Series C', 'Tech stack': '', 'Has RevOps': '', 'Review site intent': '', 'Last funding or hire': '', 'Leadership change date': '' };
    // Size 25 + revenue 15 + funding 15 + the profile 10 = 65; with Series A the funding and the profile fail: 40.
    expect(score('tiered', prospect).score).toBe(65);
    expect(score('tiered', { ...prospect, 'Funding stage': 'Series A' }).score).toBe(40);
  });

  it('tiered: the three buyer personas read from their titles', () => {
    const personas = personaMatcher(readModel(presetGrid('tiered')));
    expect(personas.match('Chief Revenue Officer')).toBe('Economic Buyer');
    expect(personas.match('VP Sales Enablement')).toBe('Champion / Influencer');
    expect(personas.match('Director of RevOps')).toBe('Champion / Influencer');
    expect(personas.match('Salesforce Admin')).toBe('Technical Evaluator');
    expect(personas.match('Head of Security')).toBe('Technical Evaluator');
    expect(personas.match('Marketing Manager')).toBe('');
  });

  it('7-attribute points: 20/15/15/10/10/20/10, 80+ Tier 1, 60–79 Tier 2', () => {
    expect(Object.values(weights('points-7', 'name'))).toEqual([20, 15, 15, 10, 10, 20, 10]);
    const model = readModel(presetGrid('points-7'));
    expect(model.tiers.map((t) => [t.name, t.min])).toEqual([['Tier 1', 80], ['Tier 2', 60], ['Do not pursue', 0]]);
  });

  it('5 dimensions: 30/20/25/15/10 with Perfect/Strong/Moderate/Weak fit at 80/60/40/0', () => {
    expect(weights('five-dimensions', 'dimension')).toEqual({
      Firmographics: 30, Technographics: 20, Behavioral: 25, 'Business needs': 15, 'Growth potential': 10,
    });
    const model = readModel(presetGrid('five-dimensions'));
    expect(model.tiers.map((t) => [t.name, t.min])).toEqual([['Perfect Fit', 80], ['Strong Fit', 60], ['Moderate Fit', 40], ['Weak Fit', 0]]);
  });

  it('expansion: adoption, team growth, engagement and strategic fit; a churn risk is excluded', () => {
    expect(Object.keys(weights('expansion', 'dimension'))).toEqual(['Adoption', 'Team growth', 'Engagement', 'Strategic fit']);
    const atRisk = score('expansion', {
      'Core features used': 9, 'User team headcount growth': '25%', 'Weekly active users': '70%', 'Champion active': 'yes',
      'Open escalations': 0, 'Roadmap alignment': 'High', 'Renewal risk': 'At risk',
    });
    expect(atRisk.tier).toBe('Excluded');
    const heavySupport = score('expansion', {
      'Core features used': 9, 'User team headcount growth': '25%', 'Weekly active users': '70%', 'Champion active': 'yes',
      'Open escalations': 4, 'Roadmap alignment': 'High', 'Renewal risk': '',
    });
    expect(heavySupport.score).toBe(90); // 30+25+15+10-10+20 = 90 of 100
  });
});
