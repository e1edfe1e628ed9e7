import { availableParallelism } from 'node:os';

/**
 * Workers for the unit suites. Vitest's default is one fewer than the cores: a single worker on
 * the two-core machines CI runs on, where the tests wait on SQLite's disk and IndexedDB's timers
 * as much as on the processor. Two took the server's suite from 186 s to 121 s there, the web's
 * (with Node for its plain modules) from 233 s to 133 s, and the domain's from 31 s to 21 s.
 */
export const UNIT_TEST_WORKERS = Math.max(2, availableParallelism() - 1);
