import type { Clinician, Patient, Site } from '@clinicdesk/domain';
import { metaOf, type FhirResource } from './fhir-resource.ts';

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const VERIFICATION_EXTENSION =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus';
const VERIFICATION_CODES =
  'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland';

/**
 * UK Core Patient. The NHS number carries the verification status extension with code 02
 * ("Number present but not traced"): ClinicDesk checks the modulus 11 digit but does not trace
 * numbers against PDS, so it cannot claim 01 (verified). The GP practice is free text on the
 * record, so `generalPractitioner` is a display-only reference.
 */
export function patientResource(p: Patient, version?: number): FhirResource {
  const line = [p.address.line1, ...(p.address.line2 ? [p.address.line2] : [])];
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: metaOf('Patient', version),
    identifier: [
      {
        extension: [
          {
            url: VERIFICATION_EXTENSION,
            valueCodeableConcept: {
              coding: [
                {
                  system: VERIFICATION_CODES,
                  code: '02',
                  display: 'Number present but not traced',
                },
              ],
            },
          },
        ],
        system: NHS_NUMBER_SYSTEM,
        value: p.nhsNumber,
      },
    ],
    name: [{ use: 'official', family: p.familyName, given: [p.givenName] }],
    telecom: [{ system: 'phone', value: p.phone, use: isMobile(p.phone) ? 'mobile' : 'home' }],
    birthDate: p.dateOfBirth,
    address: [{ use: 'home', line, city: p.address.town, postalCode: p.address.postcode }],
    generalPractitioner: [{ display: p.gpPractice }],
  };
}

/** UK mobile numbers start 07 (or +44 7). */
function isMobile(phone: string): boolean {
  const digits = phone.replace(/[^\d+]/g, '');
  return digits.startsWith('07') || digits.startsWith('+447');
}

const TITLES = new Set(['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Prof', 'Professor', 'Sir', 'Dame']);

/**
 * UK Core Practitioner from a clinician. The name is one string on the record ("Mr Adrian
 * Whitcombe"): a leading title becomes the prefix and the last word the family name; `text`
 * keeps it whole. Grade and specialty belong to a PractitionerRole, which is not served.
 */
export function practitionerResource(c: Clinician, version?: number): FhirResource {
  const words = c.name.trim().split(/\s+/);
  const prefix = words.length > 1 && TITLES.has(words[0]!) ? [words.shift()!] : [];
  const family = words.pop() ?? c.name;
  return {
    resourceType: 'Practitioner',
    id: c.id,
    meta: metaOf('Practitioner', version),
    active: true,
    name: [
      {
        use: 'official',
        text: c.name,
        family,
        ...(words.length ? { given: words } : {}),
        ...(prefix.length ? { prefix } : {}),
      },
    ],
  };
}

/** UK Core Location from a site: one of the department's hospitals, its code as an alias. */
export function locationResource(s: Site, version?: number): FhirResource {
  return {
    resourceType: 'Location',
    id: s.id,
    meta: metaOf('Location', version),
    status: 'active',
    name: s.name,
    alias: [s.code],
    mode: 'instance',
  };
}
