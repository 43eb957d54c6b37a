import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withReference } from '../scripts/function-reference.ts';

describe('the README', () => {
  it('carries the function reference as generated from the declarations (run `npm run docs` after changing them)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toBe(withReference(readme));
  });
});
