import { writeTransaction, type Database as Client } from './database.ts';
import { generateDepartment, TABLE_NAMES, type CalendarDate } from '@clinicdesk/domain';
import { currentVersion, putRow } from './rows.ts';

/** True when the database holds no synced rows yet. */
export async function isEmpty(db: Client): Promise<boolean> {
  const rs = await db.execute('SELECT 1 FROM rows LIMIT 1');
  return rs.rows.length === 0;
}

/**
 * Fills an empty database with the synthetic demo department, in one transaction so that a
 * half-seeded database never exists. Every person in it is invented (NHS test-range numbers).
 */
export async function seedDemoDepartment(
  db: Client,
  options: { today: CalendarDate; referrals: number; seed?: number },
): Promise<number> {
  const dept = generateDepartment({
    seed: options.seed ?? 20261124,
    today: options.today,
    referrals: options.referrals,
  });
  return writeTransaction(db, async (tx) => {
    // Checked again inside the write transaction: two servers starting together seed once.
    if ((await tx.execute('SELECT 1 FROM rows LIMIT 1')).rows.length) return 0;
    let version = await currentVersion(tx);
    for (const table of TABLE_NAMES) {
      for (const row of dept[table]) {
        await putRow(tx, table, row as { id: string }, ++version);
      }
    }
    await tx.execute({
      sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('seeded_at', ?)",
      args: [new Date().toISOString()],
    });
    return version;
  });
}
