import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The e2e tests spawn the built CLI; two cores on CI.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
