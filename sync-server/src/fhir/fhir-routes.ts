import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { canSeePatientData } from '@clinicdesk/domain';
import { requireUser, type AuthEnv } from '../auth/require-user.ts';
import type { Database } from '../db/database.ts';
import { fhirError, fhirJson, searchsetBundle } from './bundle.ts';
import { capabilityStatement } from './capability.ts';
import { RESOURCE_TYPES, type ResourceType } from './fhir-resource.ts';
import { auditPatientReads } from './audit-reads.ts';
import { runSearch } from './run-search.ts';
import { SearchError } from './search-params.ts';
import { idFilter, type Filter, type SearchSpec } from './search-spec.ts';
import { SEARCH_SPECS } from './search-specs.ts';

/** Where the FHIR API is mounted: under /api, beside the rest of the server's API. */
export const FHIR_BASE_PATH = '/api/fhir/r4';

const DEFAULT_COUNT = 50;
const MAX_COUNT = 200;
const JSON_FORMATS = new Set(['json', 'application/json', 'application/fhir+json']);

interface FhirDeps {
  db: Database;
  now: () => Date;
}

/** The same sign-in as the rest of the server, its refusals answered as OperationOutcomes. */
function signedIn(deps: FhirDeps): MiddlewareHandler<AuthEnv> {
  const check = requireUser(deps);
  return async (c, next) => {
    const refused = await check(c, next);
    if (refused instanceof Response) {
      const { error } = (await refused.json()) as { error: string };
      return fhirError(c, refused.status === 401 ? 401 : 403, error);
    }
  };
}

/** Administrators manage accounts and hold no patient data. */
const patientDataRolesOnly: MiddlewareHandler<AuthEnv> = async (c, next) => {
  if (!canSeePatientData(c.var.user.role)) {
    return fhirError(c, 403, 'Your role does not hold patient data');
  }
  await next();
};

/**
 * The URL the caller used: behind the Trust's TLS-terminating proxy (README) the server sees
 * plain HTTP, and links in a Bundle must say https.
 */
function publicUrl(c: Context): URL {
  const url = new URL(c.req.url);
  const proto = c.req.header('x-forwarded-proto');
  if (proto === 'https' || proto === 'http') url.protocol = `${proto}:`;
  return url;
}

const baseUrl = (c: Context) => `${publicUrl(c).origin}${FHIR_BASE_PATH}`;

function specOf(type: string): SearchSpec | undefined {
  return RESOURCE_TYPES.includes(type as ResourceType)
    ? SEARCH_SPECS[type as ResourceType]
    : undefined;
}

/** The search's filters, page size and cursor; every parameter must be one we support. */
function parseSearch(spec: SearchSpec, query: Record<string, string[]>) {
  const filters: Filter[] = [];
  let count = DEFAULT_COUNT;
  let cursor: string | undefined;
  for (const [name, values] of Object.entries(query)) {
    for (const value of values) {
      if (name === '_count') {
        if (!/^\d{1,6}$/.test(value)) throw new SearchError('_count must be a whole number');
        count = Math.min(Number(value), MAX_COUNT);
      } else if (name === '_page') {
        cursor = value;
      } else if (name === '_format') {
        if (!JSON_FORMATS.has(value)) throw new SearchError('This server answers in JSON only');
      } else {
        const param = spec.params[name];
        if (!param) {
          const known = Object.keys(spec.params).join(', ');
          throw new SearchError(`${spec.type} cannot be searched by ${name}: use ${known}, _count`);
        }
        filters.push(...param.filter(value));
      }
    }
  }
  return { filters, count, cursor };
}

/** A read-only FHIR R4 API over the synced rows, scoped and audited like a pull (issue 9). */
export function fhirRoutes(deps: FhirDeps) {
  const app = new Hono<AuthEnv>();
  // The CapabilityStatement holds no data; clients read it before they sign in.
  app.get('/metadata', (c) => fhirJson(c, capabilityStatement(baseUrl(c), deps.now())));
  app.use('*', signedIn(deps), patientDataRolesOnly);

  app.get('/:type', async (c) => {
    const spec = specOf(c.req.param('type'));
    if (!spec) return fhirError(c, 404, `${c.req.param('type')} is not served here`);
    let search;
    try {
      search = parseSearch(spec, c.req.queries());
    } catch (e) {
      if (e instanceof SearchError) return fhirError(c, 400, e.message);
      throw e;
    }
    const { filters, count, cursor } = search;
    let page;
    try {
      page = await runSearch(deps.db, spec, filters, {
        siteIds: c.var.user.siteIds,
        count,
        cursor,
      });
    } catch (e) {
      if (e instanceof SearchError) return fhirError(c, 400, e.message);
      throw e;
    }
    const at = deps.now();
    await auditPatientReads(deps.db, c, spec, page.rows, 'search', at);
    const next = publicUrl(c);
    next.searchParams.set('_count', String(count));
    if (page.next) next.searchParams.set('_page', page.next);
    return fhirJson(
      c,
      searchsetBundle({
        base: baseUrl(c),
        self: publicUrl(c).toString(),
        next: page.next ? next.toString() : undefined,
        total: page.total,
        resources: page.rows.map((row) => spec.map(row)),
        at,
      }),
    );
  });

  app.get('/:type/:id', async (c) => {
    const { type, id } = c.req.param();
    const spec = specOf(type);
    if (!spec) return fhirError(c, 404, `${type} is not served here`);
    // Out of the user's sites reads the same as missing: a 404 says nothing about the record.
    const page = /^[A-Za-z0-9\-.]{1,64}$/.test(id)
      ? await runSearch(deps.db, spec, idFilter(id), { siteIds: c.var.user.siteIds, count: 1 })
      : undefined;
    const row = page?.rows[0];
    if (!row) return fhirError(c, 404, `There is no ${type} ${id} at your sites`);
    await auditPatientReads(deps.db, c, spec, [row], 'read', deps.now());
    return fhirJson(c, spec.map(row));
  });

  app.onError((err, c) => {
    console.error(err);
    return fhirError(c, 500, 'Something went wrong on the server. Try again.');
  });
  app.all('*', (c) =>
    c.req.method === 'GET'
      ? fhirError(c, 404, 'No such FHIR endpoint')
      : fhirError(c, 405, 'This FHIR API is read-only'),
  );
  return app;
}
