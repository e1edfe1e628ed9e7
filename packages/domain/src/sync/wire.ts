import * as v from 'valibot';
import { TableNameSchema, type TableName } from './tables.ts';

/** Wire version of the sync protocol; a device older than the server is told to update. */
export const SYNC_PROTOCOL_VERSION = 1;

/**
 * The sync client of one user on one device: each has its own mutation sequence, so that users
 * who share a reception tablet each push their own edits under their own sign-in.
 */
export function clientIdFor(deviceId: string, userId: string): string {
  return `${deviceId}/${userId}`;
}

/** One queued edit as it travels from a device to the server (DESIGN.md, Sync step 1). */
export const MutationSchema = v.object({
  id: v.pipe(v.string(), v.nonEmpty('id is missing'), v.maxLength(120)),
  clientId: v.pipe(v.string(), v.nonEmpty('clientId is missing'), v.maxLength(100)),
  seq: v.pipe(
    v.number('seq must be a number'),
    v.integer('seq must be a whole number'),
    v.minValue(1),
  ),
  name: v.pipe(v.string(), v.maxLength(64)),
  args: v.unknown(),
  at: v.pipe(v.string(), v.isoTimestamp('at must be an ISO timestamp')),
  /** The device's hybrid logical clock when the edit was made (sync/hlc.ts). */
  hlc: v.optional(v.pipe(v.string(), v.maxLength(200))),
});
export type Mutation = v.InferOutput<typeof MutationSchema>;

export const PushRequestSchema = v.object({
  protocolVersion: v.number(),
  clientId: v.pipe(v.string(), v.nonEmpty(), v.maxLength(100)),
  mutations: v.pipe(v.array(MutationSchema), v.maxLength(500, 'Send at most 500 mutations a push')),
  /**
   * The oldest seq the device still holds. A device drops an edit once a server has decided
   * it, so when the server's lastSeq is behind this (its database restored from a backup) the
   * edits in between can never be sent again: the server takes the push from here instead of
   * answering 409 for ever.
   */
  heldFrom: v.optional(
    v.pipe(v.number(), v.integer('heldFrom must be a whole number'), v.minValue(1)),
  ),
});
export type PushRequest = v.InferOutput<typeof PushRequestSchema>;

/** What the server decided about one mutation: applied, or rejected with words to show. */
export type MutationResult =
  | { id: string; seq: number; status: 'applied' }
  | { id: string; seq: number; status: 'rejected'; reason: string; message: string };

export interface PushResponse {
  lastSeq: number;
  results: MutationResult[];
  /**
   * The server has lost edits it once decided (restored from a backup), so the device's copy
   * may hold rows the server no longer has: copy the data afresh (ADR 0005).
   */
  afresh?: true;
}

/** A row as it changed on the server; `row: null` means it was deleted. */
export interface RowChange {
  table: TableName;
  id: string;
  version: number;
  row: Record<string, unknown> | null;
}

export const RowChangeSchema = v.object({
  table: TableNameSchema,
  id: v.string(),
  version: v.number(),
  row: v.nullable(v.record(v.string(), v.unknown())),
});

export const PullResponseSchema = v.object({
  cursor: v.number(),
  hasMore: v.boolean(),
  total: v.number(),
  lastSeq: v.number(),
  /** The device's cursor is past every version the server has (restored from a backup). */
  afresh: v.optional(v.literal(true)),
  changes: v.array(RowChangeSchema),
});
export type PullResponse = v.InferOutput<typeof PullResponseSchema>;
