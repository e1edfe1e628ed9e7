import { generateDepartment } from '../demo/generate-department.ts';
import { testRangeNhsNumbers } from '../demo/synthetic-people.ts';
import { planImport } from './plan-import.ts';
import type { ImportKind, ImportPlan } from './import-plan.ts';
import { importStateFrom, withImportWrites, type ImportTables } from './import-state.ts';

/** Monday 2 March 2026: the day every import test runs on. */
export const TODAY = '2026-03-02';
const CONTEXT = {
  today: TODAY,
  now: '2026-03-02T10:15:00.000Z',
  actor: { userId: 'user-manager', name: 'Morgan Manager' },
};

/** A small synthetic department to import into. */
export function department(): ImportTables {
  return generateDepartment({ seed: 7, today: TODAY, referrals: 20 });
}

/** Valid test-range NHS numbers that the demo department does not use. */
export function freshNhsNumbers(count: number): string[] {
  const numbers = testRangeNhsNumbers(500_000);
  return Array.from({ length: count }, () => numbers.next().value as string);
}

/** Plans a file against the tables, as the dry run does. */
export function plan(kind: ImportKind, csv: string, tables: ImportTables): ImportPlan {
  return planImport(kind, csv, importStateFrom(tables, CONTEXT));
}

/** Plans and applies a file, failing the test when any row is refused. */
export function applied(kind: ImportKind, csv: string, tables: ImportTables): ImportTables {
  const p = plan(kind, csv, tables);
  if (p.fileProblem || p.counts.refused)
    throw new Error(p.fileProblem ?? JSON.stringify(p.rows.filter((r) => r.action === 'refused')));
  return withImportWrites(tables, p.writes);
}

/** A CSV file from a header and rows of fields (quoted where they need it). */
export function csv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const quote = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  return [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}
