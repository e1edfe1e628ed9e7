import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { FHIR_JSON, type FhirResource } from './fhir-resource.ts';

/** Answers with a FHIR resource as `application/fhir+json`. */
export function fhirJson(c: Context, body: unknown, status: ContentfulStatusCode = 200) {
  return c.body(JSON.stringify(body), status, { 'content-type': FHIR_JSON });
}

const ISSUE_CODES: Partial<Record<number, string>> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  500: 'exception',
};

/** An OperationOutcome with one error issue, in the words a person calling the API can act on. */
export function operationOutcome(status: number, text: string) {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: status >= 500 ? 'fatal' : 'error',
        code: ISSUE_CODES[status] ?? 'processing',
        diagnostics: text,
      },
    ],
  };
}

export function fhirError(c: Context, status: ContentfulStatusCode, text: string) {
  return fhirJson(c, operationOutcome(status, text), status);
}

/** A searchset Bundle: total, self (and next) links, and one match entry per resource. */
export function searchsetBundle(args: {
  base: string;
  self: string;
  next?: string | undefined;
  total: number;
  resources: FhirResource[];
  at: Date;
}) {
  return {
    resourceType: 'Bundle',
    meta: { lastUpdated: args.at.toISOString() },
    type: 'searchset',
    total: args.total,
    link: [
      { relation: 'self', url: args.self },
      ...(args.next ? [{ relation: 'next', url: args.next }] : []),
    ],
    // FHIR JSON has no empty arrays: a page with no matches has no entry at all.
    ...(args.resources.length
      ? {
          entry: args.resources.map((resource) => ({
            fullUrl: `${args.base}/${resource.resourceType}/${resource.id}`,
            resource,
            search: { mode: 'match' },
          })),
        }
      : {}),
  };
}
