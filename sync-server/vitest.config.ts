import { defineConfig } from 'vitest/config';
import { UNIT_TEST_WORKERS } from '../vitest.workers.ts';

export default defineConfig({ test: { maxWorkers: UNIT_TEST_WORKERS } });
