import {
  canMakeMutation,
  londonDateOf,
  prioritiseWaitingList,
  type CalendarDate,
  type Role,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';
import { triageQueue, validationWorklist } from './pathway-queries.ts';
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

interface Counted {
  count: number;
  overdue: number;
  dates: CalendarDate[];
}

interface Worklist {
  key: string;
  label: string;
  href: string;
  dueMeans: string;
  /** The edits that work the list: a role that can make none of them does not get the list. */
  worksIt: readonly string[];
  load(db: ClinicDeskDatabase, today: CalendarDate, userId: string): Promise<Counted>;
}

/** A list's items by their due dates: overdue when the date has passed; no date is not overdue. */
function byDueDate(dates: readonly (CalendarDate | null)[], today: CalendarDate): Counted {
  const known = dates.filter((d): d is CalendarDate => !!d);
  return { count: dates.length, overdue: known.filter((d) => d < today).length, dates: known };
}

/** Items that are all urgent from the moment they appear, by the day each appeared. */
function allUrgent(instants: readonly string[]): Counted {
  const dates = instants.map((at) => londonDateOf(new Date(at)));
  return { count: dates.length, overdue: dates.length, dates };
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
        (await triageQueue(db, today)).map((l) => l.dueDate),
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
      const lines = await openReviews(db, today);
      const dates = lines.map((l) => londonDateOf(new Date(l.review.raisedAt)));
      return { count: dates.length, overdue: 0, dates };
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
        (await followUpList(db, today))
          .filter((l) => l.state === 'overdue' || l.state === 'book-now' || l.state === 'no-date')
          .map((l) => l.referral.followUpDueDate),
        today,
      ),
  },
  {
    key: 'waiting-list',
    label: 'Referrals to book',
    href: '/waiting-list',
    dueMeans: '18-week treat-by',
    worksIt: BOOKING_OFFICE,
    load: async (db, today) => {
      // The waiting list's own order and clocks, without opening every sealed patient record.
      const waiting = await db.rows('referrals').where('status').equals('waiting').toArray();
      return byDueDate(
        prioritiseWaitingList(waiting, today).map((e) => e.clock.treatByDate),
        today,
      );
    },
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
  {
    key: 'validation',
    label: 'Validation items',
    href: '/validation',
    dueMeans: '',
    worksIt: ['pathway.validate'],
    load: async (db, today) => {
      const open = (await validationWorklist(db, today)).filter((l) => !l.validated);
      return { count: open.length, overdue: 0, dates: [] };
    },
  },
];

const earliestOf = (dates: readonly CalendarDate[]) =>
  dates.reduce<CalendarDate | null>((min, d) => (min === null || d < min ? d : min), null);

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

/**
 * The signed-in person's My work (issue 8): each worklist their role works, with its count,
 * overdue count and earliest date, most urgent first.
 */
export async function myWorklists(
  db: ClinicDeskDatabase,
  role: Role,
  userId: string,
  today: CalendarDate,
): Promise<WorklistSummary[]> {
  const mine = WORKLISTS.filter((w) => w.worksIt.some((name) => canMakeMutation(role, name)));
  const loaded = await Promise.all(mine.map((w) => w.load(db, today, userId)));
  return orderWorklists(
    mine.map((w, i) => {
      const { count, overdue, dates } = loaded[i]!;
      return {
        key: w.key,
        label: w.label,
        href: w.href,
        dueMeans: w.dueMeans,
        count,
        overdue,
        earliest: earliestOf(dates),
      };
    }),
  );
}
