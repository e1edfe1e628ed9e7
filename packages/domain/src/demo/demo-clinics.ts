import { addDays, startOfWeek, weekdayOf, type CalendarDate } from '../calendar/calendar-date.ts';
import { buildSession } from '../clinics/recurrence.ts';
import {
  type Clinician,
  type ClinicSession,
  type ClinicTemplate,
  type Site,
  type Slot,
  type SlotType,
} from '../clinics/clinic.ts';

// The demo department's sites, clinicians and weekly clinics: 10 clinicians × 6 clinics a week.

export const DEMO_SITES: Site[] = [
  { id: 'site-ktc', name: 'Kidderminster Treatment Centre', code: 'KTC' },
  { id: 'site-alx', name: 'Alexandra Hospital, Redditch', code: 'ALX' },
  { id: 'site-wrh', name: 'Worcestershire Royal Hospital', code: 'WRH' },
];

export const CLINICIAN_NAMES = [
  'Mr Adrian Whitcombe',
  'Ms Helen Okonjo',
  'Mr Rajesh Varma',
  'Miss Claire Denholm',
  'Mr Stuart Pennington',
  'Ms Fatima Qureshi',
  'Mr Gareth Llewellyn',
  'Dr Nadia Petrova',
  'Mr Owen Castleford',
  'Ms Ruth Abernethy',
];

const AM: { type: SlotType; minutes: number }[] = [
  { type: 'urgent', minutes: 20 },
  { type: 'new', minutes: 20 },
  { type: 'new', minutes: 20 },
  { type: 'new', minutes: 20 },
  { type: 'follow-up', minutes: 15 },
  { type: 'follow-up', minutes: 15 },
  { type: 'new', minutes: 20 },
  { type: 'follow-up', minutes: 15 },
  { type: 'follow-up', minutes: 15 },
  { type: 'new', minutes: 20 },
];
const PM: { type: SlotType; minutes: number }[] = [
  { type: 'procedure', minutes: 45 },
  { type: 'procedure', minutes: 45 },
  { type: 'new', minutes: 20 },
  { type: 'urgent', minutes: 20 },
  { type: 'follow-up', minutes: 15 },
  { type: 'follow-up', minutes: 15 },
  { type: 'new', minutes: 20 },
];

export function buildTemplates(clinicians: Clinician[]): ClinicTemplate[] {
  const templates: ClinicTemplate[] = [];
  clinicians.forEach((c, ci) => {
    for (let k = 0; k < 6; k++) {
      const weekday = ((ci + k) % 5) + 1;
      const am = k % 2 === 0;
      const site = DEMO_SITES[(ci + k) % DEMO_SITES.length]!;
      templates.push({
        id: `tpl-${ci + 1}-${k + 1}`,
        name: `${c.name.split(' ').at(-1)} ${am ? 'AM' : 'PM'} OMFS`,
        clinicianId: c.id,
        siteId: site.id,
        room: `OPD ${site.code} ${(ci % 4) + 1}`,
        weekday,
        startTime: am ? '09:00' : '13:30',
        slotPattern: am ? AM : PM,
        recurrence: { kind: 'weekly' },
        validFrom: null,
        validTo: null,
      });
    }
  });
  return templates;
}

export function buildSessions(templates: ClinicTemplate[], today: CalendarDate) {
  const sessions: ClinicSession[] = [];
  const slots: Slot[] = [];
  const firstMonday = addDays(startOfWeek(today), -8 * 7);
  for (let week = 0; week < 21; week++) {
    for (const t of templates) {
      const built = buildSession(t, addDays(firstMonday, week * 7 + t.weekday - 1));
      sessions.push(built.session);
      slots.push(...built.slots);
    }
  }
  // A weekend has no weekly clinics: the demo runs a waiting-list initiative clinic at each
  // site that day, so the reception desk always has today's patients to show (issue 8).
  if (weekdayOf(today) > 5) {
    DEMO_SITES.forEach((site, i) => {
      const template = templates.find((t) => t.siteId === site.id && t.startTime === '09:00')!;
      const built = buildSession({ ...template, id: `wli-${site.code.toLowerCase()}` }, today);
      const session = {
        ...built.session,
        templateId: null,
        name: `${template.name.split(' ')[0]} WLI OMFS`,
        room: `OPD ${site.code} ${i + 1}`,
      };
      sessions.push(session);
      slots.push(...built.slots);
    });
  }
  return { sessions, slots };
}
