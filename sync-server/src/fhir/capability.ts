import { FHIR_VERSION, RESOURCE_TYPES, UK_CORE_PROFILES } from './fhir-resource.ts';
import { SEARCH_SPECS } from './search-specs.ts';

/** What the server supports, built from the same search specs that answer the searches. */
export function capabilityStatement(base: string, at: Date) {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: at.toISOString(),
    publisher: 'ClinicDesk',
    kind: 'instance',
    software: { name: 'ClinicDesk sync server' },
    implementation: { description: 'ClinicDesk read-only FHIR R4 API (issue 9)', url: base },
    fhirVersion: FHIR_VERSION,
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Read-only. Sign in at /api/auth/sign-in and send the session cookie; administrators hold no patient data. Searches page with _count (default 50, at most 200) and the next link.',
        security: {
          description: 'ClinicDesk session cookie (the same sign-in and audit as the web app)',
        },
        resource: RESOURCE_TYPES.map((type) => ({
          type,
          profile: UK_CORE_PROFILES[type],
          interaction: [{ code: 'read' }, { code: 'search-type' }],
          searchParam: [
            ...Object.entries(SEARCH_SPECS[type].params).map(([name, p]) => ({
              name,
              type: p.type,
              documentation: p.doc,
            })),
            {
              name: '_count',
              type: 'number',
              documentation: 'Page size, 1 to 200 (0: total only)',
            },
          ],
        })),
      },
    ],
  };
}
