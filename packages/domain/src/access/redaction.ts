import type { RowOf, TableName } from '../sync/tables.ts';
import { canSeeReligion, type Role } from './roles.ts';

/**
 * A row as a role may receive it (issue 9): a day-case admission's religion and chaplaincy
 * consent is special category data, so the server leaves it out of what roles that do not
 * need it pull. Every other row goes as it is.
 */
export function rowForRole<T extends TableName>(table: T, row: RowOf<T>, role: Role): RowOf<T> {
  if (isRedactedFor(table, role)) {
    const admission = row as RowOf<'admissions'>;
    if (admission.religion !== null) return { ...admission, religion: null } as RowOf<T>;
  }
  return row;
}

/**
 * Whether `rowForRole` may leave something out of this table's rows for this role: a sender
 * that passes other rows on as they are asks this first.
 */
export function isRedactedFor(table: TableName, role: Role): boolean {
  return table === 'admissions' && !canSeeReligion(role);
}
