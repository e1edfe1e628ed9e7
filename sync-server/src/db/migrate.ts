import { writeTransaction, type Database as Client } from './database.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies the numbered SQL migrations not yet applied, each in its own write transaction that
 * checks again inside it, so several server processes starting together apply each once.
 */
export async function migrate(db: Client): Promise<string[]> {
  await db.execute(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}-.*\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    const sql = readFileSync(MIGRATIONS_DIR + file, 'utf8');
    const done = await writeTransaction(db, async (tx) => {
      const seen = await tx.execute({
        sql: 'SELECT 1 FROM schema_migrations WHERE name = ?',
        args: [file],
      });
      if (seen.rows.length) return true;
      await tx.executeMultiple(sql);
      await tx.execute({
        sql: 'INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)',
        args: [file, new Date().toISOString()],
      });
      return false;
    });
    if (!done) applied.push(file);
  }
  return applied;
}
