/**
 * The learner's decision sentences (core/learn/words.ts, issue 21): what to do in an analyst's
 * words, the evidence in one line, the verdict leading with what to do, why the Backtest sheet's
 * AUC differs, nothing found, and what was considered and not kept. Rows are written by hand here.
 */
import { describe, expect, it } from 'vitest';
import {
  type DecisionRow,
  accountsText,
  aucNote,
  consideredShown,
  consideredText,
  decisionText,
  evidenceLine,
  isDecision,
  nothingFoundText,
  plainReason,
  verdictLead,
} from '../../../core/learn/words.ts';

function row(patch: Partial<DecisionRow>): DecisionRow {
  return {
    kind: 'criterion',
    name: 'Industry',
    field: 'Industry',
    rule: 'is any of',
    value: 'Healthcare',
    and: null,
    origin: 'found',
    status: 'new',
    currentPoints: null,
    suggestedPoints: 15,
    triedPoints: 15,
    accounts: 93,
    winRate: 0.63,
    winRateRest: 0.3,
    ...patch,
  };
}

describe('decision sentences', () => {
  it('lead a found segment with the decision: who, how often they win, the points to give', () => {
    expect(decisionText(row({}))).toBe('Healthcare accounts win 2.1× as often as the rest: give them 15 points.');
    expect(evidenceLine(row({}))).toBe('93 deals: 63% won, against 30% for the rest.');
  });

  it('name a combination by both of its parts', () => {
    const pair = row({ field: 'Region', value: 'North America', and: { field: 'Funding stage', rule: 'is any of', value: 'Series A' }, suggestedPoints: 30, triedPoints: 30, winRate: 0.76, winRateRest: 0.4 });
    expect(decisionText(pair)).toBe('North America and Series A accounts win 1.9× as often as the rest: give them 30 points.');
  });

  it('say a loser the model rewards loses, and take points off instead', () => {
    const review = row({ name: 'Review-site activity', field: 'Review site intent', rule: 'is true', value: '', origin: 'model', status: 'negative', currentPoints: 5, suggestedPoints: -12, triedPoints: -12, winRate: 0.28, winRateRest: 0.47 });
    expect(decisionText(review)).toBe('Accounts with Review site intent win only 0.6× as often as the rest: take 12 points off instead of giving 5.');
    expect(isDecision(review)).toBe(true);
  });

  it('raise, lower, stop scoring, keep and move model rows by name', () => {
    const base = { origin: 'model' as const, name: 'RevOps function', field: 'Has RevOps', rule: 'is true', value: '', currentPoints: 10 };
    expect(decisionText(row({ ...base, status: 'raised', suggestedPoints: 16, triedPoints: 16, winRate: 0.5, winRateRest: 0.4 }))).toMatch(/: raise RevOps function from 10 to 16 points\.$/);
    expect(decisionText(row({ ...base, status: 'lowered', suggestedPoints: 4, triedPoints: 4, winRate: 0.42, winRateRest: 0.41 }))).toMatch(/: lower RevOps function from 10 to 4 points\.$/);
    const zero = row({ ...base, status: 'lowered', suggestedPoints: 0, triedPoints: 0, winRate: 0.5, winRateRest: 0.4 });
    // Its own win rates say it wins more: the sentence says why the points still go.
    expect(decisionText(zero)).toBe('Accounts with Has RevOps win 1.3× as often as the rest, which the other rows already explain: stop scoring RevOps function (10 → 0 points).');
    const kept = row({ ...base, status: 'unchanged', suggestedPoints: 10, triedPoints: 10 });
    expect(decisionText(kept)).toMatch(/: keep RevOps function at 10 points\.$/);
    expect(isDecision(kept)).toBe(false);
    const moved = row({ origin: 'moved', status: 'moved', name: 'Revenue', field: 'Revenue', rule: 'between', value: '14M-93M', previousValue: '$50M-$500M', currentPoints: 15, suggestedPoints: 16, triedPoints: 16, winRate: 0.59, winRateRest: 0.39 });
    expect(decisionText(moved)).toBe('Accounts with Revenue between 14M-93M win 1.5× as often as the rest: move Revenue to 14M-93M (was $50M-$500M), 16 points.');
  });

  it('say a suggestion not adopted would do it, with the points "apply anyway" writes', () => {
    const tried = row({ origin: 'model', status: 'unchanged', name: 'Funding', field: 'Funding stage', value: 'Series B, Series C', currentPoints: 15, suggestedPoints: 15, triedPoints: 0, winRate: 0.45, winRateRest: 0.44 });
    expect(decisionText(tried, false)).toBe('Series B or Series C accounts win 1.0× as often as the rest: the suggestion (not adopted) would stop scoring Funding (15 → 0 points).');
    expect(isDecision(tried)).toBe(true);
  });

  it('speak of exclusions as exclusions', () => {
    const exclusion = row({ kind: 'exclude', origin: 'model', status: 'exclusion supported', value: 'Gambling, Tobacco', suggestedPoints: null, triedPoints: null, winRate: 0, winRateRest: 0.45 });
    expect(decisionText(exclusion)).toBe('Gambling or Tobacco accounts win only 0.0× as often as the rest: keep excluding them.');
    expect(decisionText(row({ kind: 'exclude', status: 'new exclusion', value: 'Agency', winRate: 0.02, winRateRest: 0.4 }))).toMatch(/: exclude them\.$/);
  });

  it('name a model combination by every condition, not only its first', () => {
    const profile = row({ origin: 'model', status: 'lowered', name: 'Tier 1 profile', field: 'Employees', rule: 'between', value: '250-2500', conditions: [{ field: 'Revenue', rule: 'between', value: '$50M-$500M' }, { field: 'Funding stage', rule: 'is any of', value: 'Series B, Series C' }], currentPoints: 10, suggestedPoints: 0, triedPoints: 0, winRate: 0.41, winRateRest: 0.44 });
    expect(decisionText(profile)).toBe('Accounts with Employees between 250-2500 and Revenue between $50M-$500M and Series B or Series C win only 0.9× as often as the rest: stop scoring Tier 1 profile (10 → 0 points).');
  });

  it('name the accounts of other rules in words', () => {
    expect(accountsText({ field: 'Last funding or hire', rule: 'within days', value: '180' })).toBe('Accounts with Last funding or hire in the last 180 days');
    expect(accountsText({ field: 'Region', rule: 'is none of', value: 'APAC' })).toBe('Accounts with Region other than APAC');
    expect(accountsText({ field: 'Tech stack', rule: 'contains any', value: 'Salesforce, HubSpot' })).toBe('Accounts with Salesforce, HubSpot in Tech stack');
  });
});

describe('the verdict and the rest of the result in words', () => {
  it('leads with what to do', () => {
    expect(verdictLead({ usable: true, heldOut: 251, current: 0.63, suggested: 0.74, found: 4 })).toBe(
      'Apply the suggestion, with 4 segments found in the history: it ranks 251 held-out deals the learning never saw better than the current model (AUC 0.63 → 0.74).',
    );
    expect(verdictLead({ usable: false, heldOut: 251, current: 0.7, suggested: 0.69, found: 0 })).toBe(
      'Keep the current model: the suggestion did not rank 251 held-out deals better beyond chance (AUC 0.70 → 0.69).',
    );
  });

  it('says in one line why the Backtest sheet’s AUC differs', () => {
    expect(aucNote(251, true)).toBe("This AUC is on the 251 newest deals, which the learning never saw; the Backtest sheet's is on every closed deal, so the two differ.");
    expect(aucNote(1000, false)).toMatch(/^This AUC is on 1,000 deals, each scored by a model learned without it;/);
  });

  it('says when nothing new was found, and what was looked at', () => {
    expect(nothingFoundText({ looked: 526, pairLooked: 678, columns: 12 })).toBe(
      'Nothing new found: 526 segments in 12 columns and 678 pairs were looked at; none beat chance by enough to earn a row.',
    );
    expect(nothingFoundText(null)).toMatch(/^Nothing new was looked for/);
  });

  it('lists a segment considered and not kept with its reason, its statistics left for Details', () => {
    expect(plainReason('below the noise bar: |z| 3.31 < 3.69')).toBe('below the noise bar');
    expect(plainReason('no clear effect next to the other rows (|z| 0.16 < 1.00)')).toBe('no clear effect next to the other rows');
    expect(plainReason('a pair that adds too little beyond its two parts: interaction |z| 3.78 < 4.48')).toBe('a pair that adds too little beyond its two parts');
    const twice = [
      { label: 'Region = EMEA', reason: 'matches the same deals as "Region = EMEA"' },
      { label: 'Region = EMEA', reason: 'no clear effect next to the other rows (|z| 0.46 < 2.58)' },
      { label: 'Industry = Retail', reason: 'below the noise bar: |z| 3.31 < 3.69' },
      { label: 'Industry = Retail', reason: 'matches the same deals as model row 6 ("Industry")' },
    ];
    expect(consideredShown(twice).map((c) => c.reason)).toEqual([twice[1]!.reason, twice[2]!.reason]);
    expect(consideredShown(twice, 1)).toHaveLength(1);
    expect(consideredText({ label: 'Industry = Retail', deals: 72, winRate: 0.26, reason: 'below the noise bar: |z| 3.31 < 3.69' })).toBe('Industry = Retail: 72 deals, 26% won — below the noise bar.');
  });
});
