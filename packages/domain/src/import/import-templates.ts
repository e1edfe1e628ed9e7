import * as v from 'valibot';
import {
  ClinicTemplateSchema,
  SLOT_TYPES,
  TimeSchema,
  type ClinicTemplate,
  type Recurrence,
  type SlotPatternItem,
  type SlotType,
} from '../clinics/clinic.ts';
import { parseUkDate, weekdayOf } from '../calendar/calendar-date.ts';
import type { RowCheck } from './import-plan.ts';
import {
  decideUpsert,
  idFromPas,
  planFile,
  ukDay,
  type ImportPlan,
  type ImportState,
} from './import-plan.ts';

export const TEMPLATE_COLUMNS = [
  'pas_id',
  'name',
  'clinician_code',
  'site_code',
  'room',
  'weekday',
  'start_time',
  'slot_pattern',
  'recurrence',
  'valid_from',
  'valid_to',
] as const;

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const LABELS: Partial<Record<keyof ClinicTemplate, string>> = {
  name: 'name',
  clinicianId: 'clinician',
  siteId: 'site',
  room: 'room',
  weekday: 'weekday',
  startTime: 'start time',
  slotPattern: 'slot pattern',
  recurrence: 'recurrence',
  validFrom: 'valid from',
  validTo: 'valid to',
};

function readWeekday(check: RowCheck): number | undefined {
  const text = check.required('weekday', 'weekday').toLowerCase();
  if (!text) return undefined;
  const i = WEEKDAYS.findIndex((d) => d === text || d.slice(0, 3) === text);
  if (i < 0)
    check.refuse(`the weekday "${check.row.get('weekday')}" is not a day of the week, like Monday`);
  return i < 0 ? undefined : i + 1;
}

/** "new:20;new:20;follow-up:15" — the slots in order, each a type and its minutes. */
function readSlotPattern(check: RowCheck): SlotPatternItem[] | undefined {
  const text = check.required('slot_pattern', 'slot pattern');
  if (!text) return undefined;
  const items = text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
  const pattern: SlotPatternItem[] = [];
  for (const item of items) {
    const m = /^([a-z-]+)\s*:\s*(\d{1,3})$/i.exec(item);
    const type = m?.[1]?.toLowerCase();
    const minutes = Number(m?.[2]);
    if (!m || !(SLOT_TYPES as readonly string[]).includes(type!) || minutes < 5 || minutes > 240) {
      check.refuse(
        `the slot "${item}" is not a slot type (${SLOT_TYPES.join(', ')}) and 5 to 240 minutes, like new:20`,
      );
      return undefined;
    }
    pattern.push({ type: type as SlotType, minutes });
  }
  if (pattern.length === 0 || pattern.length > 60) {
    check.refuse('a clinic has 1 to 60 slots');
    return undefined;
  }
  return pattern;
}

/** "weekly", "alternate 06/01/2026" (a day of one of its weeks) or "monthly 1,3". */
function readRecurrence(check: RowCheck): Recurrence | undefined {
  const text = check.row.get('recurrence').toLowerCase();
  if (text === '' || text === 'weekly') return { kind: 'weekly' };
  const alternate = /^alternate\s+(\S+)$/.exec(text);
  const anchor = alternate && parseUkDate(alternate[1]!);
  if (anchor) return { kind: 'alternate', anchor };
  const monthly = /^monthly\s+([1-5](\s*,\s*[1-5])*)$/.exec(text);
  if (monthly)
    return { kind: 'monthly', weeks: [...new Set(monthly[1]!.split(',').map(Number))].sort() };
  check.refuse(
    `the recurrence "${check.row.get('recurrence')}" is not weekly, alternate dd/mm/yyyy or monthly 1,3`,
  );
  return undefined;
}

function readTemplate(check: RowCheck, state: ImportState): ClinicTemplate | undefined {
  const pasId = check.pasId('pas_id', 'PAS clinic id');
  const name = check.required('name', 'clinic name');
  const clinician = check.clinician(state.clinicians);
  const site = check.site(state.sites);
  const weekday = readWeekday(check);
  const startTime = check.required('start_time', 'start time');
  if (startTime && !v.is(TimeSchema, startTime))
    check.refuse(`the start time "${startTime}" is not a time like 09:30`);
  const slotPattern = readSlotPattern(check);
  const recurrence = readRecurrence(check);
  const validFrom = check.date('valid_from', 'valid-from date', true);
  const validTo = check.date('valid_to', 'valid-to date', true);
  if (validFrom && validTo && validTo < validFrom)
    check.refuse(`the clinic ends (${ukDay(validTo)}) before it starts (${ukDay(validFrom)})`);
  if (recurrence?.kind === 'alternate' && weekday && weekdayOf(recurrence.anchor) !== weekday)
    check.refuse(
      `the alternate-week anchor ${ukDay(recurrence.anchor)} is not on the clinic's weekday`,
    );
  if (slotPattern && startTime && v.is(TimeSchema, startTime)) {
    const minutes = slotPattern.reduce((sum, s) => sum + s.minutes, 0);
    if (Number(startTime.slice(0, 2)) * 60 + Number(startTime.slice(3)) + minutes > 24 * 60)
      check.refuse(`the slots run past midnight (${startTime} + ${minutes} minutes)`);
  }
  if (check.reasons.length || !clinician || !site || !weekday || !slotPattern || !recurrence)
    return undefined;
  return v.parse(ClinicTemplateSchema, {
    id: idFromPas('tpl', pasId),
    name,
    clinicianId: clinician.id,
    siteId: site.id,
    room: check.row.get('room'),
    weekday,
    startTime,
    slotPattern,
    recurrence,
    validFrom,
    validTo,
  });
}

/**
 * Plans a clinic templates extract. A new PAS id makes a template (its clinics are generated on
 * the Templates screen as usual); a changed one is updated only while no clinics have been
 * generated from it — after that it changes on the Templates screen, which keeps booked and
 * hand-changed clinics (hazard H11). Refused: unknown clinician or site, a bad weekday, time,
 * slot pattern, recurrence or date.
 */
export function planTemplatesImport(text: string, state: ImportState): ImportPlan {
  return planFile<ClinicTemplate>(text, {
    kind: 'templates',
    columns: TEMPLATE_COLUMNS,
    keyOf: (row) => row.get('pas_id'),
    read: (check) => readTemplate(check, state),
    uniqueKeys: (template) => [
      {
        key: template.id,
        repeated: (earlier) => `this PAS clinic id is also on row ${earlier}`,
      },
    ],
    decide(incoming) {
      const existing = state.templatesById.get(incoming.id);
      const decision = decideUpsert('clinicTemplates', existing, incoming, LABELS);
      if (decision.action === 'update' && state.templatesWithSessions.has(incoming.id))
        return {
          action: 'refused',
          reason: `clinics have been generated from ${existing!.name}: change its ${decision.changes.join(', ')} on the Templates screen`,
        };
      return decision;
    },
  });
}
