/** `icp check` reports the model's limits as the panel and the functions do. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { findFunction } from '../../core/index.ts';
import { docFromGrid } from '../../ui/doc.ts';
import { validateDoc } from '../../ui/validate.ts';
import { icp, withTempDir } from '../fixtures/cli/run.ts';

it('icp check reports absurd Points and a term too long to match, by row and cell, and exits 1', async () => {
  await withTempDir(async (dir) => {
    const spaced = Array.from({ length: 2000 }, (_, i) => `d${i}.example.com`).join(' ');
    const file = path.join(dir, 'model.csv');
    await writeFile(file, ['Kind,Name,Field,Rule,Value,Points', 'criterion,Size,Employees,at least,1,"2,000,000"', `criterion,Domain,Website,contains any,${spaced},5`].join('\n'));
    const ran = await icp(['check', '-m', file]);
    expect(ran.code).toBe(1);
    expect(ran.stdout.split('\n').slice(0, 3)).toEqual([
      `${file} row 2, Points: Points must be between -1,000,000 and 1,000,000, not "2,000,000": only their ratio to the other criteria counts`,
      `${file} row 3, Value: the term "d0.example.com d1.example.com d2.example…" is 34,889 characters long; a term can be at most 200. Separate terms with commas, semicolons, | or line breaks (spaces do not separate terms)`,
      `2 problems in ${file}.`,
    ]);
  });
});

it('icp check, the panel and the functions list the valid rules for a rule that is nothing like one, in the same sentence', async () => {
  const rules =
    '(use between, at least, at most, equals, is any of, is none of, contains any, contains all, contains none, is true, is false, is blank, is not blank, within days, decays over days)';
  const sentence = `unknown rule "is kinda like" ${rules}`;
  const grid = [
    ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'],
    ['criterion', 'Size', 'Employees', 'at least', '100', '10'],
    ['criterion', 'Vibe', 'Industry', 'is kinda like', 'SaaS', '5'],
  ];
  await withTempDir(async (dir) => {
    const file = path.join(dir, 'model.csv');
    await writeFile(file, grid.map((row) => row.join(',')).join('\n'));
    const ran = await icp(['check', '-m', file]);
    expect(ran.code).toBe(1);
    expect(ran.stdout.split('\n')[0]).toBe(`${file} row 3, Rule: ${sentence}`);
  });
  const panel = validateDoc(docFromGrid(grid)).errors;
  expect(panel.map((p) => [p.row, p.column, p.message])).toEqual([[3, 'Rule', sentence]]);
  expect(() => findFunction('ICP_SCORE')!.run([[[450, 'SaaS']], [['Employees', 'Industry']], grid], { serialDates: false })).toThrow(
    `ICP model row 3: ${sentence}`,
  );
});
