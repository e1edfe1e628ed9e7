/**
 * The little of FHIR R4 that ClinicDesk writes. Shapes are checked against the official R4 JSON
 * schema in the tests; these types only keep the mappers honest about names.
 */
export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}
export interface Reference {
  reference?: string;
  display?: string;
}
export interface FhirResource {
  resourceType: string;
  id: string;
  meta?: { versionId?: string; lastUpdated?: string; profile?: string[] };
  [field: string]: unknown;
}

export const FHIR_VERSION = '4.0.1';
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

const UK_CORE = 'https://fhir.hl7.org.uk/StructureDefinition';

/** UK Core profiles (STU, hl7.fhir.uk.core) that each resource claims in `meta.profile`. */
export const UK_CORE_PROFILES = {
  Patient: `${UK_CORE}/UKCore-Patient`,
  Practitioner: `${UK_CORE}/UKCore-Practitioner`,
  Location: `${UK_CORE}/UKCore-Location`,
  Schedule: `${UK_CORE}/UKCore-Schedule`,
  Slot: `${UK_CORE}/UKCore-Slot`,
  Appointment: `${UK_CORE}/UKCore-Appointment`,
} as const;
export type ResourceType = keyof typeof UK_CORE_PROFILES;
export const RESOURCE_TYPES = Object.keys(UK_CORE_PROFILES) as ResourceType[];

/** `meta` of a resource mapped from a stored row: its profile and the row's change version. */
export function metaOf(type: ResourceType, version: number | undefined) {
  return {
    ...(version === undefined ? {} : { versionId: String(version) }),
    profile: [UK_CORE_PROFILES[type]],
  };
}

export const reference = (type: ResourceType, id: string, display?: string): Reference => ({
  reference: `${type}/${id}`,
  ...(display ? { display } : {}),
});
