import { afterAll, beforeAll, expect } from 'vitest';
import { seedDemoDepartment } from '../db/seed.ts';
import { createTestServer, type SignedIn } from '../test-support.ts';
import { expectValidBundle } from './fhir-schema.test-support.ts';

export type Resource = { resourceType: string; id: string } & Record<string, unknown>;
export interface Bundle {
  resourceType: 'Bundle';
  total: number;
  link: { relation: string; url: string }[];
  entry?: { fullUrl: string; resource: Resource }[];
}

export const BASE = '/api/fhir/r4';
export const KTC = 'site-ktc';
export const ALL_SITES = ['site-ktc', 'site-alx', 'site-wrh'];

export const nextOf = (b: Bundle) => b.link.find((l) => l.relation === 'next')?.url;

/**
 * One server with the demo department for a test file (the FHIR API only reads, so the tests
 * share it), a receptionist at KTC and a co-ordinator at every site, and the calls they make.
 */
export function useFhirServer() {
  const ctx = {} as {
    server: Awaited<ReturnType<typeof createTestServer>>;
    reception: SignedIn;
    coordinator: SignedIn;
  };
  beforeAll(async () => {
    ctx.server = await createTestServer();
    await seedDemoDepartment(ctx.server.db, { today: '2026-11-24', referrals: 600 });
    ctx.reception = await ctx.server.signIn('receptionist', [KTC]);
    ctx.coordinator = await ctx.server.signIn('booking-coordinator', ALL_SITES);
  }, 60_000);
  afterAll(() => ctx.server.close());

  /** A GET as `user` (or nobody); every answer must be FHIR JSON. */
  async function get(user: SignedIn | undefined, path: string) {
    const url = path.startsWith('http') ? path : `http://localhost${BASE}/${path}`;
    const res = user ? await user.request(url) : await ctx.server.app.request(url);
    expect(res.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** One page of a search, checked against the FHIR R4 schema. */
  async function search(user: SignedIn, path: string): Promise<Bundle> {
    const { status, body } = await get(user, path);
    expect(status, JSON.stringify(body)).toBe(200);
    expectValidBundle(body as unknown as Bundle);
    return body as unknown as Bundle;
  }

  /** Follows `next` links to the end; the pages add up to the total, with no one twice. */
  async function searchAll(user: SignedIn, path: string): Promise<Resource[]> {
    let page = await search(user, path);
    const total = page.total;
    const found = (page.entry ?? []).map((e) => e.resource);
    for (let next = nextOf(page); next; next = nextOf(page)) {
      page = await search(user, next);
      expect(page.total).toBe(total);
      found.push(...(page.entry ?? []).map((e) => e.resource));
    }
    expect(found.length).toBe(total);
    expect(new Set(found.map((r) => r.id)).size).toBe(total);
    return found;
  }

  /** How many stored rows match, to compare a search's total with. */
  async function countRows(where: string, args: (string | number)[] = []) {
    const rs = await ctx.server.db.execute({
      sql: `SELECT COUNT(*) AS n FROM rows WHERE ${where}`,
      args,
    });
    return Number(rs.rows[0]?.['n']);
  }

  return Object.assign(ctx, { get, search, searchAll, countRows });
}
