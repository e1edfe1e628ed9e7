import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one worker on a two-core CI machine,
    // where the tests wait on SQLite's disk as much as on the processor. Two workers took the
    // suite from 186 s to 121 s there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
