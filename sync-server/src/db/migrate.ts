import type { Client } from '@libsql/client';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Applies the numbered SQL migrations not yet applied, each in its own transaction. */
export async function migrate(db: Client): Promise<string[]> {
  await db.execute(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  const done = new Set(
    (await db.execute('SELECT name FROM schema_migrations')).rows.map((r) => String(r['name'])),
  );
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}-.*\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const sql = readFileSync(MIGRATIONS_DIR + file, 'utf8');
    const tx = await db.transaction('write');
    try {
      await tx.executeMultiple(sql);
      await tx.execute({
        sql: 'INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)',
        args: [file, new Date().toISOString()],
      });
      await tx.commit();
      applied.push(file);
    } finally {
      tx.close();
    }
  }
  return applied;
}
