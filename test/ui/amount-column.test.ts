/**
 * The Summary tab's amount column: a deal's own value, never the company's size. Header lists
 * are as CRM exports and hand-made sheets name them (Salesforce, HubSpot, Pipedrive, the
 * preview's samples).
 */
import { describe, expect, it } from 'vitest';
import { chooseAmountColumn } from '../../ui/amount-column.ts';

const pick = (headers: string[]) => chooseAmountColumn(headers).header;

describe('choosing the deal amount column', () => {
  it('never takes the company size: the preview prospects (Revenue, Employees) have no amount', () => {
    const prospects = ['Company', 'ICP Score', 'ICP Tier', 'ICP Why', 'ICP Persona', 'Employees', 'Revenue', 'Industry', 'Region', 'Tech stack', 'Funding stage', 'Has RevOps', 'Review site intent', 'Last funding or hire', 'Leadership change date', 'Title'];
    expect(chooseAmountColumn(prospects)).toEqual({ header: '', reason: 'no column is named like a deal amount (Amount, ACV, Deal size, Bookings…)' });
  });

  it('takes Amount over the company Revenue beside it: the preview history', () => {
    const history = ['Company', 'ICP Score', 'ICP Tier', 'ICP Why', 'Employees', 'Revenue', 'Industry', 'Region', 'Tech stack', 'Funding stage', 'Has RevOps', 'Review site intent', 'Last funding or hire', 'Leadership change date', 'Title', 'Outcome', 'Amount', 'Created', 'Closed'];
    expect(chooseAmountColumn(history)).toEqual({ header: 'Amount', reason: 'its name says deal amount ("Amount")' });
  });

  it('reads Salesforce and HubSpot exports, API names included', () => {
    expect(pick(['Account Name', 'Annual Revenue', 'Employees', 'Opportunity Name', 'Stage', 'Amount', 'Close Date'])).toBe('Amount');
    expect(pick(['Account.AnnualRevenue', 'Account.NumberOfEmployees', 'Opp_Amount__c', 'StageName'])).toBe('Opp_Amount__c');
    expect(pick(['Company name', 'Annual revenue', 'Number of employees', 'Deal Stage', 'Deal amount', 'Close date'])).toBe('Deal amount');
    expect(pick(['Organization', 'Organization - Annual revenue', 'Deal - Value', 'Deal - Status'])).toBe('Deal - Value');
    expect(pick(['Company name', 'Annual revenue', 'Amount in company currency', 'Deal stage'])).toBe('Amount in company currency');
    expect(pick(['Account Name', 'Opportunity Amount (Company Currency)', 'Annual Revenue (Company Currency)'])).toBe('Opportunity Amount (Company Currency)');
  });

  it('takes ACV, TCV, deal size and bookings, and prefers a plain amount to a weighted one', () => {
    expect(pick(['Company', 'ARR', 'ACV', 'Outcome'])).toBe('ACV');
    expect(pick(['Account', 'Company ARR', 'Annual contract value (USD)'])).toBe('Annual contract value (USD)');
    expect(pick(['Company', 'Revenue', 'Deal size'])).toBe('Deal size');
    expect(pick(['Company', 'Employees', 'Bookings'])).toBe('Bookings');
    expect(pick(['Weighted amount', 'Amount', 'Revenue'])).toBe('Amount');
    expect(pick(['Expected amount', 'Revenue'])).toBe('Expected amount');
    expect(pick(['TCV', 'Deal size'])).toBe('TCV');
  });

  it('takes ARR, MRR or revenue only when the header ties it to the deal', () => {
    expect(pick(['Company', 'Revenue', 'New ARR'])).toBe('New ARR');
    expect(pick(['Company', 'Closed won revenue', 'Annual revenue'])).toBe('Closed won revenue');
    expect(pick(['Company', 'ARR', 'MRR', 'Annual revenue', 'Revenue (USD)', 'Revenue band'])).toBe('');
  });

  it('never takes company size, funding or headcount, whatever other word they carry', () => {
    for (const header of ['Revenue', 'Annual revenue', 'Company ARR', 'Company revenue', 'Account revenue band', 'Employees', 'Employee count', 'Headcount', 'Company size', 'Funding amount', 'Total funding amount', 'Amount raised', 'Valuation', 'Market cap', 'Budget amount', 'IT spend']) {
      expect(pick(['Company', header]), header).toBe('');
    }
  });

  it('skips blank headers and finds nothing in an empty row', () => {
    expect(pick([])).toBe('');
    expect(pick(['', '  ', 'Amount'])).toBe('Amount');
  });
});
