import { describe, expect, it } from 'vitest';
import { type Cell, type RuleName, bindModel, evaluateRow, readModel } from '../../core/index.ts';
import { PERSONA_RULES, RULES, makeTest, parseOperand, parseRuleName, readerOf } from '../../core/rules.ts';
import { modelGrid } from '../fixtures/workbook.ts';

const TODAY = new Date(2026, 8, 30); // 2026-09-30

/** Does a one-row model with this rule earn its 10 points on this cell? Returns the points earned. */
function earned(rule: string, value: Cell, cell: Cell): number {
  const model = readModel(modelGrid([['criterion', 'C', 'Field', rule, value, 10]]));
  const bound = bindModel(model, ['Field', 'Other'], { today: TODAY });
  const result = evaluateRow(bound, [cell, 'keeps the row from being blank'], true);
  return result.criteria[0]!.earned;
}

const matches = (rule: string, value: Cell, cell: Cell) => earned(rule, value, cell) === 10;

describe('one fixture per rule (SPEC §2)', () => {
  it('between: inclusive at both ends', () => {
    expect(matches('between', '200-2000', 200)).toBe(true);
    expect(matches('between', '200-2000', 2000)).toBe(true);
    expect(matches('between', '200-2000', 199)).toBe(false);
    expect(matches('between', '200-2000', 2000.01)).toBe(false);
    expect(matches('between', '$50M–$500M', '$120M')).toBe(true);
    expect(matches('between', '250 to 2,500', '201-500')).toBe(true); // cell range → midpoint 350.5
  });
  it('at least / at most', () => {
    expect(matches('at least', '$10M', 10_000_000)).toBe(true);
    expect(matches('at least', '$10M', '9.9M')).toBe(false);
    expect(matches('at most', 100, '100')).toBe(true);
    expect(matches('at most', 100, 101)).toBe(false);
  });
  it('equals: a number', () => {
    expect(matches('equals', 3, '3')).toBe(true);
    expect(matches('equals', '3', 3.5)).toBe(false);
  });
  it('is any of: whole value, case and spacing ignored', () => {
    expect(matches('is any of', 'SaaS, Software; Internet', ' saas ')).toBe(true);
    expect(matches('is any of', 'SaaS, Software; Internet', 'internet')).toBe(true);
    expect(matches('is any of', 'Series B, Series C', 'series   b')).toBe(true);
    expect(matches('is any of', 'SaaS, Software', 'SaaS platform')).toBe(false);
  });
  it('is none of: not blank and none of them', () => {
    expect(matches('is none of', 'Gambling, Tobacco', 'Retail')).toBe(true);
    expect(matches('is none of', 'Gambling, Tobacco', 'tobacco')).toBe(false);
    expect(matches('is none of', 'Gambling, Tobacco', '')).toBe(false);
  });
  it('contains any / all / none: whole words', () => {
    expect(matches('contains any', 'Salesforce, HubSpot', 'HubSpot; Gong')).toBe(true);
    expect(matches('contains any', 'CRO', 'CRO, EMEA')).toBe(true);
    expect(matches('contains any', 'CRO', 'Microsoft')).toBe(false);
    expect(matches('contains any', 'VP Sales', 'Senior VP  Sales')).toBe(true);
    expect(matches('contains any', 'VP Sales', 'SVP Sales')).toBe(false);
    expect(matches('contains all', 'Salesforce | Outreach', 'outreach, salesforce, gong')).toBe(true);
    expect(matches('contains all', 'Salesforce | Outreach', 'salesforce')).toBe(false);
    expect(matches('contains none', 'Pipedrive', 'Salesforce')).toBe(true);
    expect(matches('contains none', 'Pipedrive', 'pipedrive crm')).toBe(false);
    expect(matches('contains none', 'Pipedrive', '')).toBe(false);
  });
  it('treats regular-expression characters in terms as plain text', () => {
    expect(matches('contains any', 'C++, .NET', 'Stack: C++ and Go')).toBe(true);
    expect(matches('contains any', 'a.c', 'abc')).toBe(false);
  });
  it('splits term lists on commas, semicolons, | and line breaks', () => {
    for (const cell of ['a', 'b', 'c', 'd', 'e']) expect(matches('is any of', 'a, b; c | d\ne', cell)).toBe(true);
  });
  it('is true / is false', () => {
    expect(matches('is true', '', 'yes')).toBe(true);
    expect(matches('is true', '', 'no')).toBe(false);
    expect(matches('is false', '', 'N')).toBe(true);
    expect(matches('is false', '', '')).toBe(false);
  });
  it('is blank / is not blank: the only rules that see blank cells', () => {
    expect(matches('is blank', '', '')).toBe(true);
    expect(matches('is blank', '', '  ')).toBe(true);
    expect(matches('is blank', '', 'x')).toBe(false);
    expect(matches('is not blank', '', 'x')).toBe(true);
    expect(matches('is not blank', '', '')).toBe(false);
  });
  it('within days: 0 to N days before the as-of day', () => {
    expect(matches('within days', 90, '2026-09-30')).toBe(true);
    expect(matches('within days', 90, '2026-07-02')).toBe(true); // 90 days before
    expect(matches('within days', 90, '2026-07-01')).toBe(false); // 91 days before
    expect(matches('within days', 90, '2026-10-01')).toBe(false); // in the future
    expect(matches('within days', 90, new Date(2026, 8, 1))).toBe(true);
  });
  it('decays over days: full points on the day, half after one half-life', () => {
    expect(earned('decays over days', 30, '2026-09-30')).toBe(10);
    expect(earned('decays over days', 30, '2026-08-31')).toBeCloseTo(5, 10);
    expect(earned('decays over days', 30, '2026-08-01')).toBeCloseTo(2.5, 10);
    expect(earned('decays over days', 30, '2026-10-01')).toBe(0);
  });
  it('accepts Kind and Rule words in any case and spacing', () => {
    const model = readModel(modelGrid([['CRITERION', 'C', 'Field', '  Is  Any  OF ', 'a', 10]]));
    expect(model.criteria[0]!.bands[0]!.rule).toBe('is any of');
  });
  it('no rule but is blank matches a blank cell', () => {
    const rules: [string, Cell][] = [
      ['between', '1-2'], ['at least', 0], ['at most', 0], ['equals', 0], ['is any of', 'a'], ['is none of', 'a'],
      ['contains any', 'a'], ['contains all', 'a'], ['contains none', 'a'], ['is true', ''], ['is false', ''],
      ['is not blank', ''], ['within days', 9], ['decays over days', 9],
    ];
    for (const [rule, value] of rules) expect(matches(rule, value, ''), rule).toBe(false);
  });
});

describe('cells a rule cannot read', () => {
  it('count as blank and are reported as unreadable', () => {
    const model = readModel(modelGrid([['criterion', 'Size', 'Employees', 'at least', 100, 10]]));
    const bound = bindModel(model, ['Employees', 'Name']);
    const result = evaluateRow(bound, ['lots', 'Acme'], true);
    expect(result.criteria[0]).toMatchObject({ earned: 0, possible: 10, status: 'unreadable', cell: 'lots' });
  });
  it('treat spreadsheet error text (#N/A) as unreadable, and as blank for is blank', () => {
    expect(earned('at least', 1, '#N/A')).toBe(0);
    expect(earned('is any of', '#N/A', '#N/A')).toBe(0);
    expect(earned('is blank', '', '#REF!')).toBe(10);
  });
  it('read a number as text for text rules', () => {
    expect(matches('is any of', '3, 4', 3)).toBe(true);
  });
  it('read dates as dates only in date rules', () => {
    expect(matches('at least', 1, new Date(2026, 0, 1))).toBe(false);
    expect(matches('within days', 30, 'yesterday')).toBe(false);
  });
});

describe('the rule table (core/rules.ts)', () => {
  it.each(RULES.map((r) => [r.name, r] as const))('%s: its name reads back, and every SPEC example of its Value is accepted', (name, rule) => {
    expect(parseRuleName(name.toUpperCase().replace(/ /g, '_'))).toBe(name);
    expect(rule.matches).not.toBe('');
    for (const example of rule.examples) expect(parseOperand(name, example), example).not.toHaveProperty('problem');
    if (rule.value === 'none') expect(rule.examples).toEqual([]);
    else expect(rule.examples.length).toBeGreaterThan(0);
  });

  it('lets persona rows use the text rules only', () => {
    expect(PERSONA_RULES.length).toBeGreaterThan(0);
    for (const name of PERSONA_RULES) expect(readerOf(name)).toBe('text');
  });

  it('names an undeclared rule, and the nearest one, when code asks for it', () => {
    expect(() => readerOf('betwen' as RuleName)).toThrow('unknown rule "betwen" — did you mean "between"?');
    expect(() => makeTest('is one of' as RuleName, { kind: 'none' }, { asOf: 0 })).toThrow(/unknown rule "is one of" — did you mean "is none of"\?/);
  });
});
