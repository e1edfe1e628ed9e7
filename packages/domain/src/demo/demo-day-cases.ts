import { addDays, startOfWeek, type CalendarDate } from '../calendar/calendar-date.ts';
import type { Clinician } from '../clinics/clinic.ts';
import {
  SURGICAL_PRIORITIES,
  type DayCaseDetails,
  type DayCaseList,
} from '../day-cases/day-case.ts';
import type { Condition, Referral } from '../referrals/referral.ts';
import { DEMO_SITES } from './demo-clinics.ts';

// The demo department's day cases. Nothing here draws from the seeded generator: every value
// comes from the rows' ids, so adding day cases leaves the rest of the demo unchanged.

const PROCEDURES: Partial<Record<Condition, readonly [string, number]>> = {
  'third-molars': ['Surgical removal of lower third molars', 60],
  'oral-lesion': ['Excision biopsy of oral lesion', 30],
  salivary: ['Excision of submandibular gland', 90],
  'facial-skin': ['Excision of facial skin lesion with local flap', 45],
  cyst: ['Enucleation of jaw cyst', 60],
  tmj: ['Arthrocentesis of temporomandibular joint', 45],
};

/** The number in an id like `ref-123`, for choosing values without the random generator. */
const numberOf = (id: string) => Number(id.replace(/\D/g, '')) || 0;

/** Day-case details for a demo pathway on the day-case list, decided at its last clinic. */
export function demoDayCaseDetails(referral: Referral, clinician: Clinician): DayCaseDetails {
  const n = numberOf(referral.id);
  const [procedure, minutes] = PROCEDURES[referral.condition] ?? [
    'Surgical removal of lower third molars',
    60,
  ];
  const decided = referral.rttEvents.at(-1)!.date;
  const preOpNeeded = n % 3 !== 0;
  return {
    procedure,
    // Mostly P3 and P4, a few P2: P1 patients are booked within days and seldom wait on a list.
    priority: SURGICAL_PRIORITIES[[2, 3, 2, 1, 3, 2][n % 6]!]!,
    decisionDate: decided,
    estimatedMinutes: minutes,
    preOp: preOpNeeded
      ? n % 2 === 0
        ? { needed: true, outcome: 'fit', date: addDays(decided, 7) }
        : { needed: true, outcome: 'not-done', date: null }
      : { needed: false, outcome: 'not-done', date: null },
    unavailable:
      n % 7 === 0
        ? [{ from: addDays(decided, 35), to: addDays(decided, 49), reason: 'Holiday abroad' }]
        : [],
    reviewReason: null,
    addedAt: `${decided}T12:00:00.000Z`,
    addedBy: { userId: `demo-${clinician.id}`, name: clinician.name },
  };
}

/**
 * One day-case list per site a week for the next six weeks (Tuesday at the first site,
 * Wednesday and Thursday at the others), six procedures each, with a rota of surgeons.
 */
export function demoDayCaseLists(
  clinicians: readonly Clinician[],
  today: CalendarDate,
): DayCaseList[] {
  const lists: DayCaseList[] = [];
  const monday = startOfWeek(today);
  for (let week = 0; week < 7; week++) {
    DEMO_SITES.forEach((site, i) => {
      const date = addDays(monday, week * 7 + i + 1);
      if (date < today || date > addDays(today, 42)) return;
      const clinician = clinicians[(week * DEMO_SITES.length + i) % clinicians.length]!;
      lists.push({
        id: `dcl-${site.id}-${date}`,
        date,
        siteId: site.id,
        clinicianId: clinician.id,
        name: `${clinician.name.split(' ').at(-1)} day-case list`,
        capacity: { kind: 'procedures', count: 6 },
        status: 'open',
        addedAt: `${addDays(today, -28)}T09:00:00.000Z`,
        addedBy: { userId: 'demo-coordinator', name: 'Demo Co-ordinator' },
        cancelledAt: null,
        cancelledBy: null,
        cancellationReason: null,
      });
    });
  }
  return lists;
}
