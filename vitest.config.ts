import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Any stray console output in a test is a bug: fail the test that printed it.
    onConsoleLog: () => false,
    pool: 'forks',
  },
});
