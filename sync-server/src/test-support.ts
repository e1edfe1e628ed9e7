import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from './app.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';

/** A migrated libSQL database in a fresh temporary file, and the app on top of it. */
export async function createTestServer(now: () => Date = () => new Date('2026-11-24T10:00:00Z')) {
  const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-test-'));
  const db: Database = await openDatabase({ url: `file:${join(dir, 'test.db')}` });
  await migrate(db);
  const app = createApp({ db, now });
  return {
    db,
    app,
    dir,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
