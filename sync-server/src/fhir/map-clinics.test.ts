import { describe, expect, it } from 'vitest';
import {
  appointmentInSlot,
  type AppointmentStatus,
  type ClinicSession,
  type Slot,
} from '@clinicdesk/domain';
import { expectValidFhir } from './fhir-schema.test-support.ts';
import { appointmentResource, scheduleResource, slotResource } from './map-clinics.ts';

const slot = (over: Partial<Slot> = {}): Slot => ({
  id: 'ses-tpl-1-1-2026-12-01-1',
  sessionId: 'ses-tpl-1-1-2026-12-01',
  siteId: 'site-ktc',
  clinicianId: 'clin-1',
  date: '2026-12-01',
  startTime: '09:00',
  minutes: 20,
  type: 'new',
  status: 'free',
  appointmentId: null,
  blockedReason: null,
  ...over,
});

const session = (over: Partial<ClinicSession> = {}): ClinicSession => ({
  id: 'ses-tpl-1-1-2026-12-01',
  templateId: 'tpl-1-1',
  name: 'Whitcombe AM OMFS',
  clinicianId: 'clin-1',
  siteId: 'site-ktc',
  room: 'OPD KTC 1',
  date: '2026-12-01',
  startTime: '09:00',
  endTime: '12:15',
  status: 'open',
  cancellationReason: null,
  leaveId: null,
  changedBy: null,
  changedAt: null,
  cashedUp: null,
  reopenings: [],
  ...over,
});

describe('slotResource', () => {
  it.each([
    // GMT: London is UTC.
    [
      '2026-12-01',
      '09:00',
      20,
      '2026-12-01T09:00:00+00:00',
      '2026-12-01T09:00:00.000Z',
      '2026-12-01T09:20:00+00:00',
    ],
    // BST: 09:00 in London is 08:00 UTC.
    [
      '2026-06-01',
      '09:00',
      20,
      '2026-06-01T09:00:00+01:00',
      '2026-06-01T08:00:00.000Z',
      '2026-06-01T09:20:00+01:00',
    ],
    // The Mondays after the clocks change (29/03/2026 forward, 25/10/2026 back).
    [
      '2026-03-30',
      '13:30',
      45,
      '2026-03-30T13:30:00+01:00',
      '2026-03-30T12:30:00.000Z',
      '2026-03-30T14:15:00+01:00',
    ],
    [
      '2026-10-26',
      '13:30',
      45,
      '2026-10-26T13:30:00+00:00',
      '2026-10-26T13:30:00.000Z',
      '2026-10-26T14:15:00+00:00',
    ],
    // The Friday before the clocks go back is still BST.
    [
      '2026-10-23',
      '16:45',
      15,
      '2026-10-23T16:45:00+01:00',
      '2026-10-23T15:45:00.000Z',
      '2026-10-23T17:00:00+01:00',
    ],
  ])(
    'on %s at %s for %i minutes starts %s (%s UTC)',
    (date, startTime, minutes, start, utc, end) => {
      const r = slotResource(slot({ date, startTime, minutes }));
      expectValidFhir(r);
      expect(r['start']).toBe(start);
      expect(new Date(String(r['start'])).toISOString()).toBe(utc);
      expect(r['end']).toBe(end);
    },
  );

  it.each([
    ['free', 'free'],
    ['booked', 'busy'],
    ['blocked', 'busy-unavailable'],
  ] as const)('shows a %s slot as %s', (status, fhir) => {
    const r = slotResource(
      slot({ status, blockedReason: status === 'blocked' ? 'Clinic reduced' : null }),
    );
    expectValidFhir(r);
    expect(r['status']).toBe(fhir);
    expect(r['comment']).toBe(status === 'blocked' ? 'Clinic reduced' : undefined);
  });

  it.each([
    ['new', 'ROUTINE', 'New'],
    ['follow-up', 'FOLLOWUP', 'Follow-up'],
    ['urgent', undefined, 'Urgent'],
    ['two-week-wait', undefined, 'Two-week wait'],
    ['procedure', undefined, 'Procedure'],
  ] as const)('gives a %s slot the appointment type %s', (type, code, text) => {
    const r = slotResource(slot({ type }));
    expectValidFhir(r);
    expect(r['appointmentType']).toEqual({
      ...(code
        ? { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0276', code }] }
        : {}),
      text,
    });
    expect(r['schedule']).toEqual({ reference: 'Schedule/ses-tpl-1-1-2026-12-01' });
    expect(r.meta?.profile).toEqual(['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Slot']);
  });
});

describe('scheduleResource', () => {
  it('is a dated clinic: its clinician and site, its hours as the planning horizon', () => {
    const r = scheduleResource(session({ date: '2026-07-07' }), 3);
    expectValidFhir(r);
    expect(r).toMatchObject({
      active: true,
      actor: [{ reference: 'Practitioner/clin-1' }, { reference: 'Location/site-ktc' }],
      planningHorizon: { start: '2026-07-07T09:00:00+01:00', end: '2026-07-07T12:15:00+01:00' },
      comment: 'Whitcombe AM OMFS – OPD KTC 1',
      meta: {
        versionId: '3',
        profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Schedule'],
      },
    });
  });

  it('is inactive once the clinic is cancelled, and says why', () => {
    const r = scheduleResource(
      session({ status: 'cancelled', cancellationReason: 'Annual leave' }),
    );
    expectValidFhir(r);
    expect(r['active']).toBe(false);
    expect(r['comment']).toBe('Whitcombe AM OMFS – OPD KTC 1 – Cancelled: Annual leave');
  });
});

describe('appointmentResource', () => {
  const appointment = (status: AppointmentStatus, cancellationReason: string | null = null) => ({
    ...appointmentInSlot(
      slot({ date: '2026-06-10', startTime: '10:20', status: 'booked' }),
      { id: 'ref-1', patientId: 'pat-1' },
      { id: 'appt-1', kind: 'follow-up', status, bookedAt: '2026-05-01T09:12:00.000Z' },
    ),
    cancellationReason,
  });

  it.each([
    ['booked', 'booked', undefined],
    ['arrived', 'arrived', undefined],
    ['with-clinician', 'arrived', undefined],
    ['seen', 'fulfilled', undefined],
    ['did-not-attend', 'noshow', undefined],
    ['could-not-wait', 'cancelled', 'pat'],
    ['cancelled-by-patient', 'cancelled', 'pat'],
    ['cancelled-by-hospital', 'cancelled', 'prov'],
  ] as const)('shows %s as %s', (status, fhir, reason) => {
    const r = appointmentResource(appointment(status, reason ? 'Clinician ill' : null), 15);
    expectValidFhir(r);
    expect(r['status']).toBe(fhir);
    expect(
      (r['cancelationReason'] as { coding: { code: string }[] } | undefined)?.coding[0]?.code,
    ).toBe(reason);
  });

  it('keeps the words of a cancellation with who cancelled', () => {
    const r = appointmentResource(appointment('cancelled-by-hospital', 'Clinician ill'), 15);
    expect(r['cancelationReason']).toEqual({
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason',
          code: 'prov',
        },
      ],
      text: 'Cancelled by hospital: Clinician ill',
    });
  });

  it('names the patient, clinician, site and slot, in BST with the slot’s length', () => {
    const r = appointmentResource(appointment('booked'), 15, 9);
    expectValidFhir(r);
    expect(r).toMatchObject({
      start: '2026-06-10T10:20:00+01:00',
      end: '2026-06-10T10:35:00+01:00',
      minutesDuration: 15,
      created: '2026-05-01T09:12:00.000Z',
      slot: [{ reference: 'Slot/ses-tpl-1-1-2026-12-01-1' }],
      appointmentType: { coding: [{ code: 'FOLLOWUP' }] },
      participant: [
        { actor: { reference: 'Patient/pat-1' }, status: 'accepted' },
        { actor: { reference: 'Practitioner/clin-1' }, status: 'accepted' },
        { actor: { reference: 'Location/site-ktc' }, status: 'accepted' },
      ],
      meta: {
        versionId: '9',
        profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Appointment'],
      },
    });
  });
});

describe('the FHIR R4 schema check', () => {
  it('refuses what FHIR does not allow, so that the checks above mean something', () => {
    expect(() => expectValidFhir({ resourceType: 'Slot', id: 'x', status: 'booked' })).toThrow();
    expect(() =>
      expectValidFhir({ resourceType: 'Patient', id: 'x', birthDate: '02/04/1980' }),
    ).toThrow();
    expect(() =>
      expectValidFhir({ resourceType: 'Patient', id: 'x', nhsNumber: '9990001235' }),
    ).toThrow();
  });
});
