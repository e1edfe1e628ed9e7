import type {
  DBCore,
  DBCoreCursor,
  DBCoreKeyRange,
  DBCoreQuery,
  DBCoreTable,
  Middleware,
} from 'dexie';
import type Dexie from 'dexie';
import {
  blindIndex,
  openText,
  openTextAsync,
  sealingOf,
  sealValue,
  sealValueAsync,
  textSealer,
  type DataKeys,
} from '../crypto/field-seal.ts';
import { BoundedTextCache } from './text-cache.ts';

/**
 * Which tables hold patient-identifying data, and the fields each keeps readable: keys and
 * indexes only. Everything else is sealed with AES-256-GCM before it reaches IndexedDB, so a
 * copied browser profile shows no patient names, NHS numbers or addresses (issue 3).
 */
const SEALED: Record<string, { plain: readonly string[]; blind?: string }> = {
  patients: { plain: ['id'], blind: 'nhsNumber' },
  outbox: { plain: ['localId', 'clientId', 'seq'] },
  rejections: { plain: ['id'] },
  // A letter holds the patient's name and address as they were when it was produced.
  letters: {
    plain: ['id', 'producedAt', 'printedAt', 'withdrawnAt', 'patientId', 'appointmentId', 'siteId'],
  },
  // A call or a work item says who rang and what about: only keys and indexes stay readable.
  contacts: { plain: ['id', 'status', 'loggedAt', 'patientId', 'siteId'] },
  tasks: {
    plain: ['id', 'assigneeUserId', 'status', 'dueDate', 'patientId', 'siteId'],
  },
};

let keys: DataKeys | null = null;

/**
 * The JSON text of values opened under the current keys, by their sealing (IV and tag), so that
 * a value read again is parsed rather than decrypted again (issue 10: opening 55,000 patients
 * in pure-JS AES took about 3 s of the main thread on every read of the whole table). Text,
 * not objects: each read still gets rows of its own to change. Emptied whenever the keys change,
 * so nothing opened stays readable once the device is locked (ADR 0011).
 */
/**
 * The most text kept, in characters (about as many bytes for these one-byte strings): every
 * patient of a large department (about 20 million at 55,000) and the outbox, letters, calls
 * and tasks beside them. The first opened go first.
 */
const MOST_OPENED_LENGTH = 48_000_000;
let opened = new BoundedTextCache(MOST_OPENED_LENGTH);

/** Gives the middleware the keys (at unlock) or takes them away (at lock and sign-out). */
export function setDataKeys(next: DataKeys | null): void {
  keys = next;
  opened = new BoundedTextCache(MOST_OPENED_LENGTH);
  keysSet += 1;
  for (const listener of [...keysListeners]) listener();
}

const keysListeners = new Set<() => void>();

/**
 * Calls `listener` each time the keys are set or taken away, after the change: what was kept
 * of patient data in memory must go with them (ADR 0012). Returns the way to stop.
 */
export function onKeysChange(listener: () => void): () => void {
  keysListeners.add(listener);
  return () => keysListeners.delete(listener);
}

let keysSet = 0;

const lockListeners = new Set<() => void>();

/**
 * Calls `listener` as the device locks, while the keys are still set: what it seals then with a
 * `sealerUnderKeys` can be opened after the next unlock under the same keys (ADR 0012, session
 * 15).
 * Returns the way to stop.
 */
export function onLocking(listener: () => void): () => void {
  lockListeners.add(listener);
  return () => lockListeners.delete(listener);
}

/**
 * Locks: tells whoever seals what it keeps over a lock, then takes the keys away. Sign-out and
 * signing in as someone else take the keys away without this (`setDataKeys(null)`).
 */
export function lockDataKeys(): void {
  if (keys) for (const listener of [...lockListeners]) listener();
  setDataKeys(null);
}

/**
 * Seals text under the keys set now, by WebCrypto off the main thread. The keys are taken at
 * this call, so the text may be given after the device has locked: the sealer holds their
 * non-extractable WebCrypto key, not the raw keys, which go at the lock as ever.
 */
export function sealerUnderKeys(): (plain: string) => Promise<Uint8Array> {
  return textSealer(currentKeys());
}

/** Opens what a sealer from `sealerUnderKeys` sealed, under the keys set now; rejects under other keys. */
export function openUnderKeys(bytes: Uint8Array): Promise<string> {
  return openTextAsync(currentKeys(), bytes);
}

/** Counts the times keys were set or taken away: work for one unlock stops when it moves. */
export function keysGeneration(): number {
  return keysSet;
}

/** How many opened values are kept (for tests). */
export function openedValuesKept(): number {
  return opened.size;
}

function openSecret(k: DataKeys, bytes: Uint8Array): Row {
  const sealing = sealingOf(bytes);
  let text = opened.get(sealing);
  if (text === undefined) {
    text = openText(k, bytes);
    opened.set(sealing, text);
  }
  return JSON.parse(text) as Row;
}

/**
 * `openSecret` by WebCrypto, off the main thread, for reads outside a transaction: `k` and
 * `cache` are the keys and the opened text of when the read began.
 */
async function openSecretAsync(
  k: DataKeys,
  cache: BoundedTextCache,
  bytes: Uint8Array,
): Promise<Row> {
  const sealing = sealingOf(bytes);
  let text = cache.get(sealing);
  if (text === undefined) {
    text = await openTextAsync(k, bytes);
    // Locked (or unlocked again) while it was opened: keep nothing into the new keys' time.
    if (cache === opened) cache.set(sealing, text);
  }
  return JSON.parse(text) as Row;
}

export function hasDataKeys(): boolean {
  return keys !== null;
}

function currentKeys(): DataKeys {
  if (!keys) throw new Error('ClinicDesk is locked: unlock it to read or change patient data');
  return keys;
}

type Row = Record<string, unknown>;

/** A row's readable part and the part to seal, by its table's spec. */
function split(spec: (typeof SEALED)[string], row: Row, k: DataKeys): { stored: Row; secret: Row } {
  const stored: Row = {};
  const secret: Row = {};
  for (const [field, value] of Object.entries(row)) {
    if (spec.plain.includes(field)) stored[field] = value;
    else secret[field] = value;
  }
  if (spec.blind && typeof row[spec.blind] === 'string')
    stored[spec.blind] = blindIndex(k, row[spec.blind] as string);
  return { stored, secret };
}

/**
 * Rows sealed ahead of their write (`sealInAdvance`), with the keys that sealed them and the row
 * as it was, in case the keys changed before the write (the device was locked and another key
 * set): then the row is sealed again, as any other.
 */
const sealedAhead = new WeakMap<Row, { keys: DataKeys; row: Row }>();

function seal(table: string, row: Row): Row {
  const spec = SEALED[table];
  if (!spec) return row;
  const k = currentKeys();
  const ahead = sealedAhead.get(row);
  if (ahead) return ahead.keys === k ? row : seal(table, ahead.row);
  const { stored, secret } = split(spec, row, k);
  stored['sealed'] = sealValue(k, secret);
  return stored;
}

/**
 * Seals rows of a sealed table before the transaction that writes them (issue 10: a first copy
 * of 100,000 rows spent seconds of the main thread in pure-JS AES while IndexedDB waited).
 * WebCrypto answers with promises, which would end an IndexedDB transaction, so this runs
 * outside one; the middleware then writes the returned rows as they are. Rows of other tables
 * come back unchanged.
 */
export async function sealInAdvance<T extends object>(table: string, rows: T[]): Promise<T[]> {
  const spec = SEALED[table];
  if (!spec) return rows;
  const k = currentKeys();
  return Promise.all(
    rows.map(async (row) => {
      const { stored, secret } = split(spec, row as Row, k);
      stored['sealed'] = await sealValueAsync(k, secret);
      sealedAhead.set(stored, { keys: k, row: row as Row });
      return stored as T;
    }),
  );
}

/** Whether a row is already in its stored, sealed form (nothing may be added to it). */
export function isSealedInAdvance(row: object): boolean {
  return sealedAhead.has(row as Row);
}

/** A stored row's readable part and its sealed bytes (none: the row is not sealed). */
function sealedPart(stored: Row): { plain: Row; bytes: Uint8Array | null } {
  const { sealed, ...plain } = stored;
  // IndexedDB may hand back bytes from another realm: view them as this realm's Uint8Array.
  if (!ArrayBuffer.isView(sealed)) return { plain: stored, bytes: null };
  return { plain, bytes: new Uint8Array(sealed.buffer, sealed.byteOffset, sealed.byteLength) };
}

function open(table: string, stored: unknown): unknown {
  if (!SEALED[table] || !stored || typeof stored !== 'object') return stored;
  const { plain, bytes } = sealedPart(stored as Row);
  return bytes ? { ...plain, ...openSecret(currentKeys(), bytes) } : plain;
}

/** Reads one page of a table's stored rows after `after` (a primary key), as IndexedDB holds them. */
interface StoredPage {
  rows: Row[];
  last: IDBValidKey | null;
}

function storedPage(
  db: Dexie,
  table: string,
  after: IDBValidKey | null,
  count: number,
): Promise<StoredPage> {
  return new Promise<StoredPage>((resolve, reject) => {
    const store = db.backendDB().transaction(table, 'readonly').objectStore(table);
    const range = after === null ? null : IDBKeyRange.lowerBound(after, true);
    const keys = store.getAllKeys(range, count);
    const values = store.getAll(range, count);
    values.onsuccess = () =>
      resolve({
        rows: values.result as Row[],
        last: (keys.result as IDBValidKey[]).at(-1) ?? null,
      });
    values.onerror = () => reject(values.error);
    keys.onerror = () => reject(keys.error);
  });
}

/**
 * Every row of a table, a page at a time, for a read of the whole table outside any transaction
 * (a kept value, ADR 0012). Sealed rows are opened by WebCrypto, off the main thread: the
 * middleware cannot, as a promise other than IndexedDB's ends its transaction (ADR 0003). The
 * next page is read while this one is opened, after `between` (say, the browser's next idle
 * moment); the text opened is kept as the middleware keeps it (ADR 0011). Rejects if the device
 * is locked meanwhile, or a row was altered.
 */
export async function readWholeTable<T>(
  db: Dexie,
  table: string,
  { page = 250, between }: { page?: number; between?: () => Promise<void> } = {},
): Promise<T[]> {
  const k = currentKeys();
  const cache = opened;
  const generation = keysSet;
  if (!db.isOpen()) await db.open();
  const out: T[] = [];
  let next: Promise<StoredPage> | null = storedPage(db, table, null, page);
  while (next) {
    const { rows, last }: StoredPage = await next;
    if (between && rows.length === page) await between();
    next = rows.length === page ? storedPage(db, table, last, page) : null;
    const opened = await Promise.all(
      rows.map(async (stored) => {
        const { plain, bytes } = SEALED[table]
          ? sealedPart(stored)
          : { plain: stored, bytes: null };
        return (bytes ? { ...plain, ...(await openSecretAsync(k, cache, bytes)) } : plain) as T;
      }),
    );
    if (keysSet !== generation)
      throw new Error('ClinicDesk is locked: unlock it to read patient data');
    for (const row of opened) out.push(row);
  }
  return out;
}

/** Looks an encrypted indexed field up by its blind index instead of its value. */
function blindRange(table: string, query: DBCoreQuery): DBCoreQuery {
  const blind = SEALED[table]?.blind;
  if (!blind || query.index.name !== blind) return query;
  const k = currentKeys();
  const map = (v: unknown) => (typeof v === 'string' ? blindIndex(k, v) : v);
  const range: DBCoreKeyRange = {
    ...query.range,
    lower: map(query.range.lower),
    upper: map(query.range.upper),
  };
  return { ...query, range };
}

function openCursor(table: string, cursor: DBCoreCursor): DBCoreCursor {
  return Object.create(cursor, {
    value: { get: () => open(table, cursor.value) },
  }) as DBCoreCursor;
}

function sealedTable(down: DBCoreTable): DBCoreTable {
  const name = down.name;
  return {
    ...down,
    mutate: (req) =>
      req.type === 'add' || req.type === 'put'
        ? down.mutate({ ...req, values: req.values.map((v) => seal(name, v as Row)) })
        : down.mutate(req),
    get: async (req) => open(name, await down.get(req)),
    getMany: async (req) => (await down.getMany(req)).map((v) => open(name, v)),
    query: async (req) => {
      const res = await down.query({ ...req, query: blindRange(name, req.query) });
      return req.values ? { ...res, result: res.result.map((v) => open(name, v)) } : res;
    },
    openCursor: async (req) => {
      const cursor = await down.openCursor({ ...req, query: blindRange(name, req.query) });
      return cursor && openCursor(name, cursor);
    },
    count: (req) => down.count({ ...req, query: blindRange(name, req.query) }),
  };
}

/** The Dexie middleware that seals and opens patient data on its way to and from IndexedDB. */
export const encryptionMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'clinicdesk-encryption',
  create: (down) => ({
    ...down,
    table: (name) => (SEALED[name] ? sealedTable(down.table(name)) : down.table(name)),
  }),
};
