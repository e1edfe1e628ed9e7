import {
  canMakeMutation,
  londonDateOf,
  prioritiseWaitingList,
  type CalendarDate,
  type Referral,
  type Role,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';
import { keptValue, type ChangedKeys, type KeptValue } from './kept.ts';
import { keptValidationWorklist } from './kept-lists.ts';
import { triageQueue } from './pathway-queries.ts';
import { rebookWorklist } from './rebook-queries.ts';
import { followUpList } from './follow-up-queries.ts';
import { unsentLetters } from './letter-queries.ts';
import { openReviews } from './review-queries.ts';
import { openEscalations, openTasksOf } from './work-item-queries.ts';

/** One worklist on a person's My work page: how many, how many overdue, the earliest date. */
export interface WorklistSummary {
  key: string;
  label: string;
  href: string;
  count: number;
  overdue: number;
  /** The earliest due date on the list (what "due" means is said in `dueMeans`). */
  earliest: CalendarDate | null;
  dueMeans: string;
}

/** How many items a list has, how many are overdue, and the earliest due date. */
interface Counted {
  count: number;
  overdue: number;
  earliest: CalendarDate | null;
}

/** What My work says of a worklist whatever it is counted from. */
interface WorklistInfo {
  key: string;
  label: string;
  href: string;
  dueMeans: string;
  /** The edits that work the list: a role that can make none of them does not get the list. */
  worksIt: readonly string[];
}

/** A list counted with indexed queries, read again whenever what they read changes. */
interface Worklist extends WorklistInfo {
  load(db: ClinicDeskDatabase, today: CalendarDate, userId: string): Promise<Counted>;
}

/**
 * A list made from whole tables, counted from a value kept while My work shows it and brought
 * up to date row by row (ADR 0012): as a query it was read whole again at every change, which at
 * 55,000 pathways held the page for seconds at each edit made at another desk (issue 10).
 */
interface KeptWorklist extends WorklistInfo {
  /** Calls `counted` with the count now (once read) and after each change; returns the way to stop. */
  watch(db: ClinicDeskDatabase, today: CalendarDate, counted: (c: Counted) => void): () => void;
}

/** A list's items by their due dates: overdue when the date has passed; no date is not overdue. */
function byDueDate(dates: Iterable<CalendarDate | null>, today: CalendarDate): Counted {
  let count = 0;
  let overdue = 0;
  let earliest: CalendarDate | null = null;
  for (const date of dates) {
    count += 1;
    if (date === null) continue;
    if (date < today) overdue += 1;
    if (earliest === null || date < earliest) earliest = date;
  }
  return { count, overdue, earliest };
}

/** Items that are all urgent from the moment they appear, by the day each appeared. */
function allUrgent(instants: readonly string[]): Counted {
  const dates = instants.map((at) => londonDateOf(new Date(at)));
  return { ...byDueDate(dates, '9999-12-31'), overdue: dates.length };
}

const BOOKING_OFFICE = ['referral.add'];

/**
 * The worklists of issues 5–8, each loaded with the query its own page uses, and the edits that
 * work it. Conflicts and escalations count as overdue from the start: someone may believe they
 * are booked, or is waiting for a manager. Letters are overdue from the day after they were made.
 */
const WORKLISTS: Worklist[] = [
  {
    key: 'tasks',
    label: 'My tasks',
    href: '#tasks',
    dueMeans: 'due',
    worksIt: ['task.done'],
    load: async (db, today, userId) =>
      byDueDate(
        (await openTasksOf(db, userId)).map((t) => t.dueDate),
        today,
      ),
  },
  {
    key: 'conflicts',
    label: 'Conflicts to resolve',
    href: '/conflicts',
    dueMeans: 'refused',
    worksIt: ['appointment.book'],
    load: async (db) => allUrgent((await db.rejections.toArray()).map((r) => r.at)),
  },
  {
    key: 'escalations',
    label: 'Escalated calls',
    href: '/contacts?escalated=1',
    dueMeans: 'logged',
    worksIt: ['contact.close'],
    load: async (db) => allUrgent((await openEscalations(db)).map((c) => c.loggedAt)),
  },
  {
    key: 'triage',
    label: 'Triage awaiting clinician',
    href: '/triage',
    dueMeans: 'triage due',
    worksIt: ['referral.triage', ...BOOKING_OFFICE],
    load: async (db, today) =>
      byDueDate(
        (await triageQueue(db, today, { patients: false })).map((l) => l.dueDate),
        today,
      ),
  },
  {
    key: 'reviews',
    label: 'Reviews to decide',
    href: '/reviews',
    dueMeans: 'raised',
    worksIt: ['review.decide'],
    load: async (db, today) => {
      const lines = await openReviews(db, today, { patients: false });
      const dates = lines.map((l) => londonDateOf(new Date(l.review.raisedAt)));
      return { ...byDueDate(dates, today), overdue: 0 };
    },
  },
  {
    key: 'rebook',
    label: 'Rebooks',
    href: '/rebook',
    dueMeans: 'cancelled appointment',
    worksIt: ['rebook.return'],
    load: async (db, today) =>
      byDueDate(
        (await rebookWorklist(db, today)).map((l) => l.rebook.date),
        today,
      ),
  },
  {
    key: 'follow-ups',
    label: 'Follow-ups due',
    href: '/follow-ups',
    dueMeans: 'follow-up due',
    worksIt: BOOKING_OFFICE,
    load: async (db, today) =>
      byDueDate(
        (await followUpList(db, today, { patients: false }))
          .filter((l) => l.state === 'overdue' || l.state === 'book-now' || l.state === 'no-date')
          .map((l) => l.referral.followUpDueDate),
        today,
      ),
  },
  {
    key: 'letters',
    label: 'Unsent letters',
    href: '/letters',
    dueMeans: 'produced',
    worksIt: ['letter.printed'],
    load: async (db, today) =>
      byDueDate(
        (await unsentLetters(db)).map((l) => londonDateOf(new Date(l.producedAt))),
        today,
      ),
  },
];

/** Each waiting pathway's treat-by date (the end of its 18 weeks), and the day they are for. */
interface TreatByState {
  today: CalendarDate;
  treatBy: Map<string, CalendarDate | null>;
}

const waitingTreatBy = (referrals: readonly (Referral | undefined)[], today: CalendarDate) =>
  prioritiseWaitingList(referrals.filter((r) => r?.status === 'waiting') as Referral[], today).map(
    (e) => [e.referral.id, e.clock.treatByDate] as const,
  );

async function updateTreatBy(
  db: ClinicDeskDatabase,
  state: TreatByState,
  changed: ChangedKeys,
): Promise<boolean> {
  const ids = [...(changed.get('referrals') ?? [])];
  const before = new Map(ids.map((id) => [id, state.treatBy.get(id)]));
  for (const id of ids) state.treatBy.delete(id);
  const back = waitingTreatBy(await db.rows('referrals').bulkGet(ids), state.today);
  for (const [id, date] of back) state.treatBy.set(id, date);
  return ids.some((id) => state.treatBy.get(id) !== before.get(id));
}

/**
 * The waiting list's count for My work, kept while the page shows it: each waiting pathway's
 * treat-by date alone (a few MB at 45,000 waiting, where the waiting list's own kept list holds
 * every referral), without opening a sealed patient record.
 */
export function keptWaitingCount(
  db: ClinicDeskDatabase,
  today: CalendarDate,
): KeptValue<TreatByState, Counted> {
  return keptValue(db, 'my-work-waiting', today, {
    tables: ['referrals'],
    load: async (db) => {
      const waiting = await db.rows('referrals').where('status').equals('waiting').toArray();
      return { today, treatBy: new Map(waitingTreatBy(waiting, today)) };
    },
    update: updateTreatBy,
    view: (state) => byDueDate(state.treatBy.values(), state.today),
    releaseWhenUnwatched: true,
  });
}

/** A kept value's count, followed: `count` turns each value into the list's count. */
function watchKept<V>(
  kept: KeptValue<unknown, V>,
  count: (value: V) => Counted,
  counted: (c: Counted) => void,
): () => void {
  return kept.subscribe((value) => counted(count(value)));
}

const KEPT_WORKLISTS: KeptWorklist[] = [
  {
    key: 'waiting-list',
    label: 'Referrals to book',
    href: '/waiting-list',
    dueMeans: '18-week treat-by',
    worksIt: BOOKING_OFFICE,
    watch: (db, today, counted) => watchKept(keptWaitingCount(db, today), (c) => c, counted),
  },
  {
    key: 'validation',
    label: 'Validation items',
    href: '/validation',
    dueMeans: '',
    worksIt: ['pathway.validate'],
    // The validation page's own kept worklist: opening it from here shows it at once.
    watch: (db, today, counted) =>
      watchKept(
        keptValidationWorklist(db, today),
        (lines) => ({
          count: lines.filter((l) => !l.validated).length,
          overdue: 0,
          earliest: null,
        }),
        counted,
      ),
  },
];

const worksList = (role: Role) => (w: WorklistInfo) =>
  w.worksIt.some((name) => canMakeMutation(role, name));

const summaryOf = (w: WorklistInfo, { count, overdue, earliest }: Counted): WorklistSummary => ({
  key: w.key,
  label: w.label,
  href: w.href,
  dueMeans: w.dueMeans,
  count,
  overdue,
  earliest,
});

/**
 * Most urgent first: lists with overdue items (most overdue first), then by the earliest date
 * on the list, then the busiest; empty lists last.
 */
export function orderWorklists(lists: readonly WorklistSummary[]): WorklistSummary[] {
  return [...lists].sort(
    (a, b) =>
      Number(b.count > 0) - Number(a.count > 0) ||
      b.overdue - a.overdue ||
      (a.earliest ?? '9999').localeCompare(b.earliest ?? '9999') ||
      b.count - a.count,
  );
}

/** The keys of the lists counted with indexed queries, whoever works them. */
export const LOADED_WORKLIST_KEYS: readonly string[] = WORKLISTS.map((w) => w.key);

/**
 * One list counted with indexed queries (a live query each: a change re-counts only the lists
 * that read it), or null when the person's role does not work it.
 */
export async function loadWorklist(
  db: ClinicDeskDatabase,
  key: string,
  role: Role,
  userId: string,
  today: CalendarDate,
): Promise<WorklistSummary | null> {
  const list = WORKLISTS.find((w) => w.key === key);
  if (!list || !worksList(role)(list)) return null;
  return summaryOf(list, await list.load(db, today, userId));
}

/** The keys of the lists made from whole tables that the person's role works. */
export function keptWorklistKeys(role: Role): string[] {
  return KEPT_WORKLISTS.filter(worksList(role)).map((w) => w.key);
}

/**
 * Follows the lists made from whole tables that the person's role works: calls `summarised`
 * with each list's summary once it has been read and after each change. Returns the way to stop.
 */
export function watchKeptWorklists(
  db: ClinicDeskDatabase,
  role: Role,
  today: CalendarDate,
  summarised: (summary: WorklistSummary) => void,
): () => void {
  const stops = KEPT_WORKLISTS.filter(worksList(role)).map((w) =>
    w.watch(db, today, (c) => summarised(summaryOf(w, c))),
  );
  return () => stops.forEach((stop) => stop());
}

/**
 * The signed-in person's My work (issue 8) at one moment: each worklist their role works, with
 * its count, overdue count and earliest date, most urgent first. The page follows the same lists
 * as they change (`loadWorklist`, `watchKeptWorklists`).
 */
export async function myWorklists(
  db: ClinicDeskDatabase,
  role: Role,
  userId: string,
  today: CalendarDate,
): Promise<WorklistSummary[]> {
  const kept = new Map<string, WorklistSummary>();
  const expected = keptWorklistKeys(role).length;
  const [loaded] = await Promise.all([
    Promise.all(LOADED_WORKLIST_KEYS.map((key) => loadWorklist(db, key, role, userId, today))),
    new Promise<void>((resolve) => {
      if (expected === 0) return resolve();
      const stop = watchKeptWorklists(db, role, today, (summary) => {
        kept.set(summary.key, summary);
        if (kept.size < expected) return;
        queueMicrotask(() => stop());
        resolve();
      });
    }),
  ]);
  return orderWorklists([...loaded.filter((l) => l !== null), ...kept.values()]);
}
