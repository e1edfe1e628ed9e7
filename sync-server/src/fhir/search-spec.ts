import type { TableName } from '@clinicdesk/domain';
import type { FhirResource, ResourceType } from './fhir-resource.ts';
import { SearchError, type TimeBound } from './search-params.ts';

/** A piece of a WHERE clause over `rows r` and its arguments. */
export interface Filter {
  sql: string;
  args: (string | number)[];
}

/** A stored row as a search reads it: the JSON document, its version, and joined extras. */
export interface StoredRow {
  data: Record<string, unknown>;
  version: number;
  extra: Record<string, unknown>;
}

/** Who may see which rows of a table, as the pull scopes them (ADR 0002, issue 3). */
export type Scope = 'site' | 'patient' | 'department';

/** How one resource type is searched: its table, parameters, order and mapping. */
export interface SearchSpec {
  type: ResourceType;
  table: TableName;
  scope: Scope;
  /** Each supported parameter: its FHIR type, a line for the CapabilityStatement, its filter. */
  params: Record<string, { type: string; doc: string; filter(value: string): Filter[] }>;
  /** SQL expressions the results are ordered (and paged) by, before `r.id`. */
  order: string[];
  /** Extra columns (`expr AS name`) and joins, e.g. an appointment's slot length. */
  select?: string;
  join?: string;
  map(row: StoredRow): FhirResource;
  /** Patient whose data a resource holds, for the audit trail (patient data only). */
  patientOf?(row: StoredRow): string;
}

/** A JSON field of the searched row, as SQL (the partial indexes are on these expressions). */
export const field = (name: string) => `json_extract(r.data, '$.${name}')`;

/**
 * Time bounds on a row held as a London day and `HH:MM` start. The day condition alone is
 * what an index on (date, startTime) can range over; the minute key then settles the edges.
 */
export function startFilters(bounds: TimeBound[]): Filter[] {
  return bounds.map(({ op, key }) => ({
    sql: `${field('date')} ${op === '>=' ? '>=' : '<='} ? AND (${field('date')} || 'T' || ${field('startTime')}) ${op} ?`,
    args: [key.slice(0, 10), key],
  }));
}

/** `_id`: one or more ids, comma-separated. */
export function idFilter(value: string): Filter[] {
  const ids = value.split(',');
  if (ids.some((id) => !/^[A-Za-z0-9\-.]{1,64}$/.test(id))) {
    throw new SearchError(`${value} is not a resource id`);
  }
  return [{ sql: `r.id IN (${ids.map(() => '?').join(', ')})`, args: ids }];
}

export const fieldEquals = (name: string, value: string): Filter => ({
  sql: `${field(name)} = ?`,
  args: [value],
});

export const fieldIn = (name: string, values: readonly string[]): Filter => ({
  sql: `${field(name)} IN (${values.map(() => '?').join(', ')})`,
  args: [...values],
});
