import Dexie, { type Table } from 'dexie';
import { withRowDefaults, type Mutation, type RowOf, type TableName } from '@clinicdesk/domain';
import { encryptionMiddleware } from './encryption.ts';

/** The pre-image of a row an optimistic edit wrote, so the edit can be undone on rebase. */
export interface UndoRecord {
  table: TableName;
  id: string;
  before: Record<string, unknown> | null;
}

/** A queued edit: the mutation as it will be pushed, and how to undo its local effect. */
export interface OutboxEntry extends Mutation {
  /** Order of the edit on this device, across its users (the table's own key). */
  localId?: number;
  undo: UndoRecord[];
  /** The server's answer, once it has one; the entry leaves at the next rebase. */
  decided?: { status: 'applied' } | { status: 'rejected'; reason: string; message: string };
}

/** An edit the server refused, kept until a person has read and dismissed it. */
export interface RejectedEdit {
  id: string;
  name: string;
  args: unknown;
  at: string;
  reason: string;
  message: string;
  summary: string;
}

/**
 * A person who has signed in on this device: who they are, and the device's data key wrapped
 * with a key derived from their PIN, so that they can unlock the device offline.
 */
export interface DeviceUser {
  userId: string;
  username: string;
  displayName: string;
  role: string;
  siteIds: string[];
  pinSalt: Uint8Array;
  wrappedKey: Uint8Array;
  wrapIv: Uint8Array;
  failedPins: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

type SyncedTables = { [T in TableName]: Table<RowOf<T>, string> };

/** The device's copy of ClinicDesk in IndexedDB. The only place that defines its shape. */
export class ClinicDeskDatabase extends Dexie {
  outbox!: Table<OutboxEntry, number>;
  deviceUsers!: Table<DeviceUser, string>;
  rejections!: Table<RejectedEdit, string>;
  meta!: Table<MetaRow, string>;

  constructor(name = 'clinicdesk') {
    // Strict durability: a transaction is on disk before it is reported done, so an edit the
    // screen shows as saved survives a power cut (Chromium relaxes this by default).
    // No query cache: Dexie's cache deep-copies every live query's answer and keeps the
    // original while it is watched — for the PTL, 57,000 referrals copied in 300 ms on the main
    // thread, twice the memory held. Our edits run in explicit transactions, which the cache
    // never updates ahead of their commit, so it gave us nothing in return (ADR 0009, issue 10).
    super(name, { chromeTransactionDurability: 'strict', cache: 'disabled' });
    this.version(1).stores({
      sites: 'id',
      clinicians: 'id',
      patients: 'id, nhsNumber',
      referrals: 'id, status, patientId',
      clinicTemplates: 'id',
      clinicSessions: 'id, date',
      slots: 'id, sessionId, [status+date]',
      appointments: 'id, sessionId, referralId, slotId',
      outbox: '++localId, &[clientId+seq]',
      deviceUsers: 'userId',
      rejections: 'id',
      meta: 'key',
    });
    // Version 2 (issue 5): the Trust's settings, referrals by clinician for triage queues and
    // by status and age for the PTL's first screen, appointments by status so the PTL reads
    // only the booked ones.
    this.version(2).stores({
      settings: 'id',
      referrals: 'id, status, patientId, clinicianId, [status+receivedDate]',
      appointments: 'id, sessionId, referralId, slotId, status',
    });
    // Version 3 (issue 6): a template's sessions and a clinician's week, slots by day for the
    // vacancy summary, clinician leave and the Rebook worklist.
    this.version(3).stores({
      clinicSessions: 'id, date, [templateId+date], [clinicianId+date]',
      slots: 'id, sessionId, [status+date], date',
      leave: 'id, clinicianId',
      rebooks: 'id, status, referralId',
    });
    // Version 4 (issue 7): day-case lists by day for the booking form and the weekly report,
    // admissions by list (capacity), by pathway and by status (the 28-day rebook list); letters, oldest first for the unsent list (printedAt is indexed so
    // that printed ones can be counted without opening them: IndexedDB leaves nulls out of an
    // index), by patient and by appointment; the managers' wording of each kind; access-policy
    // overrides for their report. Rows stored before fields were added to their tables get the
    // fields' defaults, so screens and rules never meet a missing list (patients are sealed:
    // their one new field, `vulnerable`, is read as false when absent).
    this.version(4)
      .stores({
        letters: 'id, producedAt, printedAt, patientId, appointmentId',
        letterTemplates: 'id',
        policyOverrides: 'id, at',
        dayCaseLists: 'id, date',
        admissions: 'id, listId, referralId, status',
      })
      .upgrade(async (tx) => {
        for (const table of [
          'referrals',
          'settings',
          'slots',
          'clinicSessions',
          'clinicTemplates',
        ] as const) {
          await tx
            .table(table)
            .toCollection()
            .modify((row: Record<string, unknown>) => {
              Object.assign(row, withRowDefaults(table, row as never));
            });
        }
      });
    // Version 5 (issue 8): case-notes volumes by patient (their volumes, the pull list, the
    // clinic list); a scan needs no index, the row's id is made from the barcode.
    this.version(5).stores({
      caseNotes: 'id, patientId',
    });
    // Version 6 (issue 8): the contact log (escalated calls by status for the managers'
    // worklist, newest first for the log) and work items by owner and status (My work, cover).
    this.version(6).stores({
      contacts: 'id, status, loggedAt, patientId',
      tasks: 'id, [assigneeUserId+status], status, dueDate, patientId',
    });
    // Version 7 (issue 8, the reception desk): appointments gain their arrival time, the end
    // of their wait and whether they walked in; clinics a running-late note. No new index: the
    // desk reads today's clinics by date and their appointments by session.
    this.version(7)
      .stores({})
      .upgrade(async (tx) => {
        for (const table of ['appointments', 'clinicSessions'] as const) {
          await tx
            .table(table)
            .toCollection()
            .modify((row: Record<string, unknown>) => {
              Object.assign(row, withRowDefaults(table, row as never));
            });
        }
      });
    // Version 8 (issue 8): appointments carry their clinic outcome and clinics their cash-up;
    // rows stored before get the fields' defaults (no outcome, not cashed up). A device that
    // skipped 7 fills both sets of fields here: the defaults are filled whole, idempotently.
    this.version(8)
      .stores({})
      .upgrade(async (tx) => {
        for (const table of ['appointments', 'clinicSessions'] as const) {
          await tx
            .table(table)
            .toCollection()
            .modify((row: Record<string, unknown>) => {
              Object.assign(row, withRowDefaults(table, row as never));
            });
        }
      });
    // Version 9 (issue 10): referrals by how many reviews they hold, so the menu's count of
    // open reviews reads the few pathways with a review instead of every open one, and is not
    // re-run by edits to pathways without one. IndexedDB's key paths read an array's length.
    this.version(9).stores({
      referrals: 'id, status, patientId, clinicianId, [status+receivedDate], reviews.length',
    });
    // Version 11 (hazard H18): a letter withdrawn (its did-not-attend taken back) leaves the
    // unsent list; withdrawnAt is indexed so that the unsent count never opens a sealed letter.
    // Letters stored before have no withdrawnAt and so are not in the index: not withdrawn.
    this.version(11).stores({
      letters: 'id, producedAt, printedAt, withdrawnAt, patientId, appointmentId',
    });
    // Version 12 (issue 10): waiting pathways by priority and clinician, so the access policy's
    // "someone has waited longer" check reads that clinician's queue, not every waiting pathway
    // (it ran twice per booking and took most of a booking's time at 100,000 rows). IndexedDB
    // leaves a pathway with no clinician out of a compound index: those are read by status.
    // And by priority and age, so the waiting list's first screen reads the oldest of each
    // priority instead of the whole list.
    this.version(12).stores({
      referrals:
        'id, status, patientId, clinicianId, [status+receivedDate], reviews.length, [status+priority+clinicianId], [status+priority+receivedDate]',
    });
    // Version 13 (issue 10): a clinician's queue at a priority by age, so the book-in-turn check
    // reads only the pathways received early enough to have waited longer (it read the whole
    // queue: hundreds of referrals a booking at a department's scale). It replaces version
    // 12's `[status+priority+clinicianId]`, which it covers.
    this.version(13).stores({
      referrals:
        'id, status, patientId, clinicianId, [status+receivedDate], reviews.length, [status+priority+clinicianId+receivedDate], [status+priority+receivedDate]',
    });
    this.use(encryptionMiddleware);
    // Another tab opened a newer ClinicDesk: close here and let the layout ask for a reload,
    // rather than block that tab's upgrade or fail half-way through an edit.
    this.on('versionchange', () => {
      this.close();
      if (typeof window !== 'undefined')
        window.dispatchEvent(new CustomEvent('clinicdesk:outdated'));
      return false;
    });
  }

  /** The Dexie table behind a synced table name. */
  rows<T extends TableName>(table: T): SyncedTables[T] {
    return this.table(table) as unknown as SyncedTables[T];
  }
}

/**
 * Whether an error is the device's database closed under this tab: a newer ClinicDesk upgraded
 * it in another tab, and the layout asks for a reload. Until then there is nothing to send or
 * count, and a sync started by the timer or by the tab's focus stops quietly rather than
 * rejecting with no one to hear it.
 */
export function isDatabaseClosed(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === Dexie.errnames.DatabaseClosed;
}

/**
 * Runs some work on the device's database and answers `whenClosed` if a newer ClinicDesk has
 * closed the database under this tab (see `isDatabaseClosed`). Any other failure is thrown as
 * it was. The one place the status line, the sync and the idle lock meet that case.
 */
export async function unlessClosed<T>(work: () => Promise<T>, whenClosed: T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isDatabaseClosed(error)) return whenClosed;
    throw error;
  }
}

/** Reads a value from the device's meta table. */
export async function readMeta<T>(db: ClinicDeskDatabase, key: string, fallback: T): Promise<T> {
  const row = await db.meta.get(key);
  return row === undefined ? fallback : (row.value as T);
}
