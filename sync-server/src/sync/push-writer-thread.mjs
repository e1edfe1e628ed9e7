// Loads the writer thread's TypeScript: Node 20 does not pass tsx's loader on to a worker.
import { tsImport } from 'tsx/esm/api';

await tsImport('./push-writer-thread.ts', import.meta.url);
