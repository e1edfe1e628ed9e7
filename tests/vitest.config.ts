import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['specs/**/*.spec.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Two journeys at a time: each starts its own server on its own port and database, and its
    // own browser. On 2 cores this took the journeys from 732 to 597 s (issue 10: the whole
    // `npm test` had reached CI's 20-minute budget).
    maxWorkers: 2,
  },
});
