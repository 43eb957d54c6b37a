/** A user's clasp project file (their script id) can never be committed. */
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';

const ignored = (file: string) => {
  try {
    execFileSync('git', ['check-ignore', '--quiet', '--no-index', file]);
    return true;
  } catch {
    return false;
  }
};

it('ignores .clasp.json, and keeps .clasp.json.example in the repository', () => {
  expect(ignored('.clasp.json')).toBe(true);
  expect(ignored('.clasp.json.example')).toBe(false);
});
