import type { Appointment, Patient, Slot } from '@clinicdesk/domain';
import { describe, expect, it } from 'vitest';
import { appointmentResource, slotResource } from './map-clinics.ts';
import { locationResource, patientResource, practitionerResource } from './map-people.ts';
import { profileProblems } from './ukcore-profile.test-support.ts';

// The profile check itself: each rule it claims to check, shown failing on a resource that
// breaks it (and passing on the mapper's own output), so that a green route test means the
// rule held rather than that the check looked nowhere.

const patient: Patient = {
  id: 'pat-1',
  nhsNumber: '9990000018',
  givenName: 'Ada',
  familyName: 'Lovelace',
  dateOfBirth: '1980-02-29',
  phone: '07700 900123',
  address: { line1: '1 Chapel Lane', town: 'Maidstone', postcode: 'ME14 1AA' },
  gpPractice: 'Chapel Lane Surgery',
} as Patient;
const slot = {
  id: 'slot-1',
  sessionId: 'ses-1',
  date: '2026-12-01',
  startTime: '09:00',
  minutes: 20,
  status: 'booked',
  type: 'new',
} as Slot;
const appointment = {
  id: 'appt-1',
  status: 'booked',
  date: '2026-12-01',
  startTime: '09:00',
  kind: 'new',
  slotId: 'slot-1',
  patientId: 'pat-1',
  clinicianId: 'clin-1',
  siteId: 'site-ktc',
  bookedAt: '2026-11-01T10:00:00.000Z',
} as Appointment;

const clinician = (name: string) => ({
  id: 'clin-1',
  name,
  grade: 'Consultant',
  specialty: 'OMFS',
});

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => structuredClone(v);
const nhsIdentifier = (r: Json) => (r['identifier'] as Json[])[0]!;
const verification = (r: Json) => (nhsIdentifier(r)['extension'] as Json[])[0]!;

describe('the UK Core profile check', () => {
  it('passes what the mappers send', () => {
    expect(profileProblems(patientResource(patient, 1))).toEqual([]);
    expect(profileProblems(practitionerResource(clinician('Mr A Whitcombe'), 1))).toEqual([]);
    expect(profileProblems(slotResource(slot, 1))).toEqual([]);
    const blocked = { ...slot, status: 'blocked', blockedReason: 'Room closed' } as Slot;
    expect(profileProblems(slotResource(blocked, 1))).toEqual([]);
    expect(profileProblems(appointmentResource(appointment, 20, 1))).toEqual([]);
  });

  it.each<[string, (r: Json) => void, string]>([
    [
      'a verification status code outside the UK Core value set',
      (r) => {
        (verification(r)['valueCodeableConcept'] as { coding: Json[] }).coding[0]!['code'] = '09';
      },
      'is not in https://fhir.hl7.org.uk/ValueSet/UKCore-NHSNumberVerificationStatus',
    ],
    [
      'a verification status extension with no value',
      (r) => delete verification(r)['valueCodeableConcept'],
      'Extension.value[x]: 0 found, at least 1 allowed',
    ],
    [
      'a verification status as a Coding rather than a CodeableConcept',
      (r) => {
        const v = verification(r);
        v['valueCoding'] = (v['valueCodeableConcept'] as { coding: Json[] }).coding[0];
        delete v['valueCodeableConcept'];
      },
      'valueCoding is not one of CodeableConcept',
    ],
    [
      'two NHS numbers',
      (r) => (r['identifier'] as Json[]).push(clone(nhsIdentifier(r))),
      'Patient.identifier:nhsNumber: 2 found, at most 1 allowed',
    ],
    [
      'an NHS number without its value',
      (r) => delete nhsIdentifier(r)['value'],
      'Patient.identifier:nhsNumber.value: 0 found, at least 1',
    ],
    [
      'an extension with neither value nor extensions (ext-1)',
      (r) => (r['extension'] = [{ url: 'https://example.org/x' }]),
      'ext-1',
    ],
  ])('finds a Patient with %s', (_, breakIt, problem) => {
    const r = clone(patientResource(patient, 1)) as Json;
    breakIt(r);
    expect(profileProblems(r).join('\n')).toContain(problem);
  });

  it.each<[string, (r: Json) => void, string]>([
    ['a booking with no end (app-2, app-3)', (r) => delete r['end'], 'app-2'],
    [
      'a participant with neither type nor actor (app-1)',
      (r) => delete (r['participant'] as Json[])[0]!['actor'],
      'app-1',
    ],
    [
      'a participant without a status',
      (r) => delete (r['participant'] as Json[])[1]!['status'],
      'Appointment.participant.status: 0 found, at least 1',
    ],
    [
      'a cancellation reason on a booked appointment (app-4)',
      (r) => (r['cancelationReason'] = { text: 'ill' }),
      'app-4',
    ],
    [
      'a slot reference that names a Patient',
      (r) => (r['slot'] = [{ reference: 'Patient/pat-1' }]),
      'Appointment.slot: a Patient is not an allowed target',
    ],
  ])('finds an Appointment with %s', (_, breakIt, problem) => {
    const r = clone(appointmentResource(appointment, 20, 1)) as Json;
    breakIt(r);
    expect(profileProblems(r).join('\n')).toContain(problem);
  });

  it('finds a Slot with no Schedule (R4 requires one)', () => {
    const r = clone(slotResource(slot, 1)) as Json;
    delete r['schedule'];
    expect(profileProblems(r).join('\n')).toContain('Slot.schedule: 0 found, at least 1');
  });

  it('finds an ODS site code without its value on a Location', () => {
    const r = locationResource({ id: 'site-ktc', name: 'Kent', code: 'KTC' }, 1) as Json;
    r['identifier'] = [{ system: 'https://fhir.nhs.uk/Id/ods-site-code' }];
    expect(profileProblems(r).join('\n')).toContain('Location.identifier:odsSiteCode.value: 0');
  });

  it('refuses what it cannot check rather than passing it', () => {
    const r = practitionerResource(clinician('Dr B Khan'), 1) as Json;
    r['communication'] = [{ coding: [{ system: 'urn:ietf:bcp:47', code: 'cy' }] }];
    expect(profileProblems(r).join('\n')).toContain(
      'cannot check binding to http://hl7.org/fhir/ValueSet/all-languages',
    );
    const claimed = { ...r, meta: { profile: ['https://example.org/StructureDefinition/Other'] } };
    expect(profileProblems(claimed).join('\n')).toContain('not known here');
  });
});
