import { describe, expect, it } from 'vitest';
import type { Patient } from '@clinicdesk/domain';
import { expectValidFhir } from './fhir-schema.test-support.ts';
import { locationResource, patientResource, practitionerResource } from './map-people.ts';

const patient: Patient = {
  id: 'pat-1',
  nhsNumber: '9990001235',
  givenName: 'Jane',
  familyName: 'Smith',
  dateOfBirth: '1980-04-02',
  address: { line1: '1 High Street', line2: 'Bromsgrove', town: 'Worcester', postcode: 'WR5 1DD' },
  phone: '07700 900123',
  gpPractice: 'Riverside Surgery',
};

describe('patientResource', () => {
  it('is a UK Core Patient with the NHS number, not claiming a PDS trace', () => {
    const r = patientResource(patient, 7);
    expectValidFhir(r);
    expect(r).toMatchObject({
      resourceType: 'Patient',
      id: 'pat-1',
      meta: {
        versionId: '7',
        profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient'],
      },
      identifier: [
        {
          system: 'https://fhir.nhs.uk/Id/nhs-number',
          value: '9990001235',
          extension: [
            {
              url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
              valueCodeableConcept: { coding: [{ code: '02' }] },
            },
          ],
        },
      ],
      name: [{ use: 'official', family: 'Smith', given: ['Jane'] }],
      birthDate: '1980-04-02',
      address: [
        {
          use: 'home',
          line: ['1 High Street', 'Bromsgrove'],
          city: 'Worcester',
          postalCode: 'WR5 1DD',
        },
      ],
      telecom: [{ system: 'phone', value: '07700 900123', use: 'mobile' }],
      generalPractitioner: [{ display: 'Riverside Surgery' }],
    });
  });

  it.each([
    ['07700 900123', 'mobile'],
    ['+44 7700 900123', 'mobile'],
    ['01905 763333', 'home'],
  ])('calls %s a %s number', (phone, use) => {
    expect(patientResource({ ...patient, phone }).telecom).toEqual([
      { system: 'phone', value: phone, use },
    ]);
  });

  it('leaves out a second address line the record does not have', () => {
    const r = patientResource({ ...patient, address: { ...patient.address, line2: undefined } });
    expectValidFhir(r);
    expect(r['address']).toMatchObject([{ line: ['1 High Street'] }]);
  });
});

describe('practitionerResource', () => {
  it.each([
    ['Mr Adrian Whitcombe', { prefix: ['Mr'], given: ['Adrian'], family: 'Whitcombe' }],
    ['Dr Nadia Petrova', { prefix: ['Dr'], given: ['Nadia'], family: 'Petrova' }],
    ['Helen Mary Okonjo', { given: ['Helen', 'Mary'], family: 'Okonjo' }],
    ['Okonjo', { family: 'Okonjo' }],
  ])('splits "%s" into title, given and family names', (name, parts) => {
    const r = practitionerResource({ id: 'clin-1', name, grade: 'Consultant', specialty: 'OMFS' });
    expectValidFhir(r);
    expect(r['name']).toEqual([{ use: 'official', text: name, ...parts }]);
    expect(r.meta?.profile).toEqual([
      'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Practitioner',
    ]);
  });
});

describe('locationResource', () => {
  it('is the site, with its code as an alias', () => {
    const r = locationResource({
      id: 'site-ktc',
      name: 'Kidderminster Treatment Centre',
      code: 'KTC',
    });
    expectValidFhir(r);
    expect(r).toMatchObject({
      resourceType: 'Location',
      status: 'active',
      name: 'Kidderminster Treatment Centre',
      alias: ['KTC'],
      meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Location'] },
    });
  });
});
