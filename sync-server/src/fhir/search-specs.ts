import {
  normaliseNhsNumber,
  type Appointment,
  type AppointmentStatus,
  type Clinician,
  type ClinicSession,
  type Patient,
  type Site,
  type Slot,
} from '@clinicdesk/domain';
import type { ResourceType } from './fhir-resource.ts';
import { appointmentResource, scheduleResource, slotResource } from './map-clinics.ts';
import {
  locationResource,
  NHS_NUMBER_SYSTEM,
  patientResource,
  practitionerResource,
} from './map-people.ts';
import { parseDateValue, parseReference, parseTokens, SearchError } from './search-params.ts';
import {
  field,
  fieldEquals,
  fieldIn,
  idFilter,
  startFilters,
  type Filter,
  type SearchSpec,
} from './search-spec.ts';

const ID = { type: 'token', doc: 'Resource id(s), comma-separated', filter: idFilter };
const BY_START = [field('date'), field('startTime')];

/** Stored statuses that a FHIR status token stands for (the mappers' tables, read backwards). */
const SLOT_STATUSES: Record<string, Slot['status'][]> = {
  free: ['free'],
  busy: ['booked'],
  'busy-unavailable': ['blocked'],
  'busy-tentative': [],
  'entered-in-error': [],
};
const APPOINTMENT_STATUSES: Record<string, AppointmentStatus[]> = {
  booked: ['booked'],
  arrived: ['arrived'],
  fulfilled: ['seen'],
  noshow: ['did-not-attend'],
  cancelled: ['could-not-wait', 'cancelled-by-patient', 'cancelled-by-hospital'],
  proposed: [],
  pending: [],
  'entered-in-error': [],
  'checked-in': [],
  waitlist: [],
};

function statusFilter(table: Record<string, string[]>, name: string) {
  return (value: string): Filter[] => {
    const stored = parseTokens(value, Object.keys(table), name).flatMap((t) => table[t] ?? []);
    return [stored.length ? fieldIn('status', stored) : { sql: '0', args: [] }];
  };
}

const dateFilter = (value: string) => startFilters(parseDateValue(value));
const referenceTo = (type: ResourceType, name: string) => (value: string) => [
  fieldEquals(name, parseReference(value, type)),
];

const patient: SearchSpec = {
  type: 'Patient',
  table: 'patients',
  scope: 'patient',
  params: {
    _id: ID,
    identifier: {
      type: 'token',
      doc: `NHS number: ${NHS_NUMBER_SYSTEM}|9990001234 (or the number alone)`,
      filter(value) {
        const bar = value.lastIndexOf('|');
        const system = bar < 0 ? undefined : value.slice(0, bar);
        const number = normaliseNhsNumber(value.slice(bar + 1));
        if (!/^\d{10}$/.test(number)) throw new SearchError(`${value} is not an NHS number`);
        if (system && system !== NHS_NUMBER_SYSTEM) return [{ sql: '0', args: [] }];
        return [fieldEquals('nhsNumber', number)];
      },
    },
  },
  order: [],
  map: (row) => patientResource(row.data as Patient, row.version),
  patientOf: (row) => String(row.data['id']),
};

const practitioner: SearchSpec = {
  type: 'Practitioner',
  table: 'clinicians',
  scope: 'department',
  params: { _id: ID },
  order: [],
  map: (row) => practitionerResource(row.data as Clinician, row.version),
};

const location: SearchSpec = {
  type: 'Location',
  table: 'sites',
  scope: 'site',
  params: { _id: ID },
  order: [],
  map: (row) => locationResource(row.data as Site, row.version),
};

const schedule: SearchSpec = {
  type: 'Schedule',
  table: 'clinicSessions',
  scope: 'site',
  params: {
    _id: ID,
    actor: {
      type: 'reference',
      doc: 'Practitioner/{id} or Location/{id}',
      filter(value) {
        if (/(^|\/)Location\/[^/]+$/.test(value)) {
          return [{ sql: 'r.site_id = ?', args: [parseReference(value, 'Location')] }];
        }
        return [fieldEquals('clinicianId', parseReference(value, 'Practitioner'))];
      },
    },
    date: { type: 'date', doc: 'Start of the clinic (London days)', filter: dateFilter },
  },
  order: BY_START,
  map: (row) => scheduleResource(row.data as ClinicSession, row.version),
};

const slot: SearchSpec = {
  type: 'Slot',
  table: 'slots',
  scope: 'site',
  params: {
    _id: ID,
    status: {
      type: 'token',
      doc: 'free, busy, busy-unavailable',
      filter: statusFilter(SLOT_STATUSES, 'status'),
    },
    start: { type: 'date', doc: 'Slot start, e.g. ge2026-12-01 (London days)', filter: dateFilter },
    schedule: {
      type: 'reference',
      doc: 'Schedule/{id}',
      filter: referenceTo('Schedule', 'sessionId'),
    },
  },
  order: BY_START,
  map: (row) => slotResource(row.data as Slot, row.version),
};

const appointment: SearchSpec = {
  type: 'Appointment',
  table: 'appointments',
  scope: 'site',
  params: {
    _id: ID,
    date: {
      type: 'date',
      doc: 'Appointment start, e.g. ge2026-12-01 (London days)',
      filter: dateFilter,
    },
    patient: {
      type: 'reference',
      doc: 'Patient/{id}',
      filter: referenceTo('Patient', 'patientId'),
    },
    practitioner: {
      type: 'reference',
      doc: 'Practitioner/{id}',
      filter: referenceTo('Practitioner', 'clinicianId'),
    },
    location: {
      type: 'reference',
      doc: 'Location/{id}',
      filter: referenceTo('Location', 'siteId'),
    },
    status: {
      type: 'token',
      doc: 'booked, arrived, fulfilled, noshow, cancelled',
      filter: statusFilter(APPOINTMENT_STATUSES, 'status'),
    },
  },
  order: BY_START,
  select: "json_extract(s.data, '$.minutes') AS minutes",
  join: "LEFT JOIN rows s ON s.tbl = 'slots' AND s.id = json_extract(r.data, '$.slotId')",
  map(row) {
    const minutes = row.extra['minutes'];
    // Slots are never deleted (issue 6: taken-out slots are blocked), so this is an invariant.
    if (typeof minutes !== 'number')
      throw new Error(`appointment ${String(row.data['id'])} has no slot`);
    return appointmentResource(row.data as Appointment, minutes, row.version);
  },
  patientOf: (row) => String(row.data['patientId']),
};

/** Every resource type served, by its FHIR name. */
export const SEARCH_SPECS: Record<ResourceType, SearchSpec> = {
  Patient: patient,
  Practitioner: practitioner,
  Location: location,
  Schedule: schedule,
  Slot: slot,
  Appointment: appointment,
};
