import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SECTIONS, withSections } from '../scripts/docs.ts';

describe('the docs', () => {
  it.each(Object.keys(SECTIONS))('%s carries its sections as generated from the declarations (run `npm run docs` after changing them)', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(withSections(file, text));
  });
});
