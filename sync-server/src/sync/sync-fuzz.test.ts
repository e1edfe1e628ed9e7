/**
 * Property tests of the sync API against payloads nobody would send on purpose: whatever a
 * device (or anyone else) sends to push and pull, the server answers without a server error,
 * writes nothing unless it accepts the push, and never stores a row its schema refuses.
 *
 * Each property runs FUZZ_RUNS times (300 by default, about 10 s). For a soak (3000: ~6 min):
 *   FUZZ_RUNS=3000 npx vitest run src/sync/sync-fuzz.test.ts
 * A failure prints fast-check's seed and path; replay it with `{ seed, path }` in fc.assert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import {
  nhsCheckDigit,
  PRIORITIES,
  PullResponseSchema,
  REFERRAL_SOURCES,
  SYNC_PROTOCOL_VERSION,
  TABLE_NAMES,
  TABLE_SCHEMAS,
  type TableName,
} from '@clinicdesk/domain';
import { seedDemoDepartment } from '../db/seed.ts';
import { createTestServer, type SignedIn, AGREED } from '../test-support.ts';

const RUNS = Math.max(1, Number(process.env['FUZZ_RUNS'] ?? '') || 300);
/** Generous: a run takes a few milliseconds, a huge body a little longer. */
const TIMEOUT_MS = 30_000 + RUNS * 200;
const ALL_SITES = ['site-ktc', 'site-alx', 'site-wrh'];
const MUTATION_NAMES = ['appointment.book', 'appointment.cancel', 'referral.add', 'patient.viewed'];

type Server = Awaited<ReturnType<typeof createTestServer>>;
let server: Server;
let manager: SignedIn;

/** Real ids from the seeded department, so that some random edits find what they name. */
interface Known {
  referrals: string[];
  slots: string[];
  appointments: string[];
  patients: string[];
  nhsNumbers: string[];
}
let known: Known;

async function idsOf(sql: string): Promise<string[]> {
  const rs = await server.db.execute(sql);
  return rs.rows.map((r) => String(r[0]));
}

beforeAll(async () => {
  server = await createTestServer();
  await seedDemoDepartment(server.db, { today: '2026-11-24', referrals: 300 });
  manager = await server.signIn('manager', ALL_SITES);
  known = {
    referrals: await idsOf(
      "SELECT id FROM rows WHERE tbl = 'referrals' ORDER BY json_extract(data, '$.status') = 'waiting' DESC, id LIMIT 40",
    ),
    slots: await idsOf(
      "SELECT id FROM rows WHERE tbl = 'slots' AND json_extract(data, '$.date') > '2026-11-24' ORDER BY json_extract(data, '$.status') = 'free' DESC, id LIMIT 40",
    ),
    appointments: await idsOf(
      "SELECT id FROM rows WHERE tbl = 'appointments' AND json_extract(data, '$.status') = 'booked' ORDER BY id LIMIT 20",
    ),
    patients: await idsOf("SELECT id FROM rows WHERE tbl = 'patients' ORDER BY id LIMIT 20"),
    nhsNumbers: await idsOf(
      "SELECT json_extract(data, '$.nhsNumber') FROM rows WHERE tbl = 'patients' ORDER BY id LIMIT 10",
    ),
  };
  for (const [what, ids] of Object.entries(known))
    if (ids.length === 0) throw new Error(`the demo department has no ${what}`);
}, 60_000);
afterAll(() => server.close());

/** Everything a refused request must leave as it was. */
async function snapshot(): Promise<string> {
  const [rows, clients, mutations, audit] = await Promise.all([
    server.db.execute('SELECT COUNT(*), COALESCE(MAX(version), 0) FROM rows'),
    server.db.execute('SELECT client_id, last_seq, updated_at FROM clients ORDER BY client_id'),
    server.db.execute(
      'SELECT client_id, seq, mutation_id, status, length(args) FROM mutations ORDER BY client_id, seq',
    ),
    server.db.execute('SELECT COUNT(*), COALESCE(MAX(id), 0) FROM audit_events'),
  ]);
  const plain = (rs: typeof rows) => rs.rows.map((r) => Array.from(r));
  return JSON.stringify({
    rows: plain(rows),
    clients: plain(clients),
    mutations: plain(mutations),
    audit: plain(audit),
  });
}

async function maxVersion(): Promise<number> {
  const rs = await server.db.execute('SELECT COALESCE(MAX(version), 0) AS v FROM rows');
  return Number(rs.rows[0]?.['v']);
}

async function lastSeqOf(clientId: string): Promise<number> {
  const rs = await server.db.execute({
    sql: 'SELECT last_seq FROM clients WHERE client_id = ?',
    args: [clientId],
  });
  return Number(rs.rows[0]?.['last_seq'] ?? 0);
}

/** Rows written since `version` that their table's schema refuses, as "table/id: data". */
async function invalidRowsSince(version: number): Promise<string[]> {
  const rs = await server.db.execute({
    sql: 'SELECT tbl, id, data FROM rows WHERE version > ?',
    args: [version],
  });
  return rs.rows
    .filter((r) => {
      const table = String(r['tbl']);
      if (!TABLE_NAMES.includes(table as TableName)) return true;
      return !v.is(TABLE_SCHEMAS[table as TableName], JSON.parse(String(r['data'])));
    })
    .map((r) => `${String(r['tbl'])}/${String(r['id'])}: ${String(r['data'])}`);
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Any JSON value, strings with any code unit (lone surrogates and NUL included). */
const jsonValue = fc
  .jsonValue({ depthSize: 'small' })
  .chain((j) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(j) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    ),
  );

/** Usually `plausible`; one time in `odds + 1`, anything at all or missing. */
function usually<T>(plausible: fc.Arbitrary<T>, odds: number): fc.Arbitrary<T | unknown> {
  return fc.oneof(
    { weight: odds * 2, arbitrary: plausible },
    { weight: 1, arbitrary: jsonValue },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', ' ', '\u0000', 'a'.repeat(2001), '<script>alert(1)</script>', "'; --"),
);
const known$ = (pick: (k: Known) => string[]) =>
  fc.integer({ min: 0, max: 1000 }).map((i) => {
    const ids = pick(known);
    return ids[i % ids.length] ?? '';
  });
const calendarDate = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('2026-11-24', '2026-11-23', '2026-11-25', '2024-02-29') },
  {
    weight: 4,
    arbitrary: fc
      .date({ min: new Date('1900-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  { weight: 1, arbitrary: fc.constantFrom('2026-02-29', '2026-13-01', '24/11/2026') },
  { weight: 1, arbitrary: text },
);
const nhsNumber = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })
      .map((digits) => {
        const nine = digits.join('');
        return `${nine}${nhsCheckDigit(nine) ?? 0}`;
      }),
  },
  { weight: 2, arbitrary: known$((k) => k.nhsNumbers) },
  { weight: 1, arbitrary: text },
);

/** Every arbitrary of a push, each field broken one time in `odds + 1`. */
function pushArbitraries(odds: number) {
  const sound = <T>(plausible: fc.Arbitrary<T>) => usually(plausible, odds);
  const pick = <T>(good: fc.Arbitrary<T>) =>
    fc.oneof({ weight: odds, arbitrary: good }, { weight: 1, arbitrary: text });
  const newPatient = fc.record({
    id: sound(
      fc.oneof(
        { weight: 4, arbitrary: fc.uuid() },
        known$((k) => k.patients),
        text,
      ),
    ),
    nhsNumber: sound(nhsNumber),
    givenName: sound(pick(fc.constantFrom('Jane', 'Amrit', ' Zoë '))),
    familyName: sound(pick(fc.constantFrom('Smith', "O'Neill"))),
    dateOfBirth: sound(calendarDate),
    address: sound(
      fc.record({
        line1: sound(pick(fc.constant('1 High Street'))),
        line2: fc.option(text, { nil: undefined }),
        town: sound(pick(fc.constant('Worcester'))),
        postcode: sound(pick(fc.constantFrom('WR5 1DD', 'b60 3aa', 'B98 7UB'))),
      }),
    ),
    phone: sound(pick(fc.constantFrom('01905 763333', '+44 (0)1527 503030'))),
    gpPractice: sound(pick(fc.constant('St John’s Surgery'))),
  });
  const argsByName: Record<string, fc.Arbitrary<unknown>> = {
    'appointment.book': fc.record({
      appointmentId: sound(
        fc.oneof(
          { weight: 4, arbitrary: fc.uuid() },
          known$((k) => k.appointments),
          text,
        ),
      ),
      referralId: sound(pick(known$((k) => k.referrals))),
      slotId: sound(pick(known$((k) => k.slots))),
      overrides: fc.constant(AGREED),
    }),
    'appointment.cancel': fc.record({
      appointmentId: sound(pick(known$((k) => k.appointments))),
      by: sound(pick(fc.constantFrom('patient', 'hospital'))),
      reason: sound(pick(fc.constant('Patient is on holiday'))),
    }),
    'referral.add': fc.record({
      referralId: sound(
        fc.oneof(
          { weight: 4, arbitrary: fc.uuid() },
          known$((k) => k.referrals),
        ),
      ),
      patient: sound(
        fc.oneof(
          fc.record({ existingPatientId: sound(pick(known$((k) => k.patients))) }),
          fc.record({ newPatient: sound(newPatient) }),
        ),
      ),
      receivedDate: sound(calendarDate),
      source: sound(pick(fc.constantFrom(...REFERRAL_SOURCES))),
      referrer: sound(pick(fc.constant('Dr A Patel'))),
      reason: sound(pick(fc.constant('Knee pain'))),
      requestedPriority: sound(pick(fc.constantFrom(...PRIORITIES))),
      siteId: sound(pick(fc.constantFrom(...ALL_SITES, 'site-nowhere'))),
    }),
    'patient.viewed': fc.record({
      patientId: sound(pick(known$((k) => k.patients))),
      screen: sound(pick(fc.constantFrom('patient', 'booking'))),
    }),
  };

  const mutationName = fc.oneof(
    { weight: odds * 2, arbitrary: fc.constantFrom(...MUTATION_NAMES) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('toString', '__proto__', 'constructor', 'hasOwnProperty'),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 70 }) },
  );

  /** A mutation whose seq is decided when it is sent: next in order, unless `rawSeq`. */
  const mutation = mutationName.chain((name) =>
    fc.record({
      id: sound(fc.oneof({ weight: 4, arbitrary: fc.uuid() }, text)),
      ownClient: fc.oneof(
        { weight: odds, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
      otherClient: fc.oneof(text, jsonValue),
      rawSeq: fc.oneof(
        { weight: odds * 2, arbitrary: fc.constant(undefined) },
        {
          weight: 1,
          arbitrary: fc.oneof(
            fc.integer(),
            fc.double(),
            fc.constantFrom(0, -1, 1e300, Number.MAX_SAFE_INTEGER, 2 ** 63, -0, 1.5),
          ),
        },
        { weight: 1, arbitrary: jsonValue },
      ),
      name: fc.constant(name),
      args: fc.oneof(
        {
          weight: odds * 3,
          // Own keys only: `argsByName['toString']` is Object.prototype's method.
          arbitrary: (Object.hasOwn(argsByName, name) ? argsByName[name] : undefined) ?? jsonValue,
        },
        { weight: 1, arbitrary: jsonValue },
        { weight: 1, arbitrary: fc.constant(DEEP) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      ),
      at: fc.oneof(
        {
          weight: odds * 2,
          arbitrary: fc
            .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString()),
        },
        { weight: 1, arbitrary: fc.constantFrom('2026-11-24T09:59:00Z', '2026-11-24', 'now', '') },
        { weight: 1, arbitrary: jsonValue },
      ),
    }),
  );

  const push = fc.record({
    kind: fc.constant('push' as const),
    protocolVersion: fc.oneof(
      { weight: odds * 2, arbitrary: fc.constant(SYNC_PROTOCOL_VERSION) },
      { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true })) },
      { weight: 1, arbitrary: jsonValue },
    ),
    ownClient: fc.oneof(
      { weight: odds, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    ),
    otherClient: fc.oneof(text, jsonValue, fc.constant('x'.repeat(101))),
    start: fc.oneof(
      { weight: odds, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: -6, max: -1 }) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) },
    ),
    mutations: fc.array(mutation, { maxLength: 5 }),
    extra: fc.oneof(
      { weight: odds, arbitrary: fc.constant({}) },
      { weight: 1, arbitrary: fc.record({ mutations: jsonValue }) },
    ),
    deepDepth: fc.constantFrom(100, 5_000, 20_000, 200_000, 1_000_000),
  });
  return { mutation, push };
}

/** Marks where a deeply nested JSON array replaces the args of a mutation. */
const DEEP = '\u0000deep-args\u0000';

const tame = pushArbitraries(30);
const wild = pushArbitraries(3);
type MutationSpec = typeof tame.mutation extends fc.Arbitrary<infer T> ? T : never;

type PushSpec =
  | { kind: 'text'; body: string }
  | {
      kind: 'push';
      protocolVersion: unknown;
      ownClient: boolean;
      otherClient: unknown;
      /** Where the first mutation's seq lies from the device's next: 0 in order, < 0 a retry. */
      start: number;
      mutations: MutationSpec[];
      extra: Record<string, unknown>;
      deepDepth: number;
    };

const hugeString = fc
  .record({
    char: fc.constantFrom('a', '{', '"', '\u00e9', '\ud83d\ude00'),
    size: fc.integer({ min: 64 * 1024, max: 5 * 1024 * 1024 }),
  })
  .map(({ char, size }) => char.repeat(Math.ceil(size / char.length)));

/** Stands for the device's own clientId in a body written as text. */
const OWN = '\u0000own\u0000';

const pushSpec: fc.Arbitrary<PushSpec> = fc.oneof(
  { weight: 6, arbitrary: tame.push },
  { weight: 4, arbitrary: wild.push },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.json(),
        fc.anything().map((x) => JSON.stringify(x) ?? 'undefined'),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom('', '{', '{"protocolVersion":1', 'null', '[]', '{}', '{"mutations":null}'),
      )
      .map((body): PushSpec => ({ kind: 'text', body })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(hugeString, fc.constantFrom('', 'args', 'id', 'name', 'at', 'clientId'))
      .map(([huge, field]): PushSpec => {
        if (!field) return { kind: 'text', body: huge };
        const mutation = {
          id: 'huge',
          clientId: OWN,
          seq: -1,
          name: 'patient.viewed',
          args: {},
          at: '2026-11-24T09:59:00.000Z',
          [field]: huge,
        };
        return {
          kind: 'text',
          body: JSON.stringify({
            protocolVersion: SYNC_PROTOCOL_VERSION,
            clientId: OWN,
            mutations: [mutation],
          }),
        };
      }),
  },
);

/** The request body for a spec, given the device's last decided seq; and the mutations sent. */
function bodyFor(spec: PushSpec, device: SignedIn, lastSeq: number) {
  if (spec.kind === 'text') {
    const ownId = JSON.stringify(device.clientId);
    // The huge-field bodies name the device and slot in its next seq.
    return {
      body: spec.body
        .replaceAll(JSON.stringify(OWN), ownId)
        .replace('"seq":-1,', `"seq":${lastSeq + 1},`),
      sent: undefined,
    };
  }
  const mutations = spec.mutations.map((m, i) => ({
    id: m.id,
    clientId: m.ownClient ? device.clientId : m.otherClient,
    seq: m.rawSeq === undefined ? lastSeq + 1 + spec.start + i : m.rawSeq,
    name: m.name,
    args: m.args,
    at: m.at,
  }));
  const request = {
    protocolVersion: spec.protocolVersion,
    clientId: spec.ownClient ? device.clientId : spec.otherClient,
    mutations,
    ...spec.extra,
  };
  const deep = '['.repeat(spec.deepDepth) + ']'.repeat(spec.deepDepth);
  const body = JSON.stringify(request).replaceAll(JSON.stringify(DEEP), deep);
  return { body, sent: 'mutations' in spec.extra ? undefined : mutations };
}

const pushTo = (device: SignedIn, body: string) =>
  device.request('/api/sync/push', { method: 'POST', body });

// ---------------------------------------------------------------------------------------------

describe('push, whatever it is sent', () => {
  it(
    'never answers a push with a server error, and writes nothing unless it accepts it',
    async () => {
      const startVersion = await maxVersion();
      await fc.assert(
        fc.asyncProperty(pushSpec, async (spec) => {
          const before = await snapshot();
          const { body, sent } = bodyFor(spec, manager, await lastSeqOf(manager.clientId));
          const res = await pushTo(manager, body);
          const answer = (await res.json()) as Record<string, unknown>;

          expect(res.status, JSON.stringify(answer)).toBeLessThan(500);
          if (res.status !== 200) {
            expect(await snapshot()).toBe(before);
            expect(answer['error']).toEqual(expect.stringMatching(/\w/));
            return;
          }
          const results = answer['results'] as Record<string, unknown>[];
          expect(Array.isArray(results)).toBe(true);
          if (sent) {
            expect(results.map((r) => [r['id'], r['seq']])).toEqual(sent.map((m) => [m.id, m.seq]));
          }
          for (const result of results) {
            if (result['status'] === 'applied') continue;
            expect(result['status']).toBe('rejected');
            expect(result['message']).toEqual(expect.stringMatching(/\S/));
          }
          expect(answer['lastSeq']).toBe(await lastSeqOf(manager.clientId));
          expect(await invalidRowsSince(startVersion)).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------

const queryValue = fc.oneof(
  fc.nat().map(String),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom(
    '',
    '0',
    '00',
    '-0',
    '1e3',
    '0x10',
    ' 1',
    '１２',
    '9'.repeat(400),
    '5000',
    '5001',
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }).map(encodeURIComponent),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%C0%AF', '&', '=', '+'),
  fc.nat(20).map((n) => 'a'.repeat(n * 50)),
);
/** Sometimes absent: one time in `freq`. */
const sometimesAbsent = <T>(arb: fc.Arbitrary<T>, freq: number) =>
  fc.option(arb, { nil: undefined, freq });

/** A query string: since, limit and clientId (each possibly absent or repeated), or raw junk. */
const pullQuery = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        since: sometimesAbsent(
          fc.oneof({ weight: 3, arbitrary: fc.nat(3000).map(String) }, queryValue),
          10,
        ),
        limit: sometimesAbsent(
          fc.oneof(
            { weight: 3, arbitrary: fc.integer({ min: 1, max: 50 }).map(String) },
            queryValue,
          ),
          // Rarely absent: a page of the default 5000 rows takes a while to read and check.
          10,
        ),
        clientId: sometimesAbsent(
          fc.oneof(
            { weight: 4, arbitrary: fc.constant('own') },
            { weight: 1, arbitrary: queryValue },
            { weight: 1, arbitrary: fc.constant('x'.repeat(101)) },
          ),
          2,
        ),
        junk: fc.array(fc.tuple(fc.string({ maxLength: 8 }), queryValue), { maxLength: 2 }),
        repeatSince: fc.boolean(),
      })
      .map((q) => {
        const parts: string[] = [];
        if (q.since !== undefined) {
          parts.push(`since=${q.since}`);
          if (q.repeatSince) parts.push(`since=${q.since}1`);
        }
        if (q.limit !== undefined) parts.push(`limit=${q.limit}`);
        if (q.clientId !== undefined)
          parts.push(
            `clientId=${q.clientId === 'own' ? encodeURIComponent(manager.clientId) : q.clientId}`,
          );
        for (const [k, val] of q.junk) parts.push(`${encodeURIComponent(k)}=${val}`);
        return { query: parts.join('&'), since: q.since };
      }),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.string({ maxLength: 60 }),
        fc.string({ unit: 'binary', maxLength: 60 }).map(encodeURI),
      )
      .map((query) => ({ query, since: undefined })),
  },
);

describe('pull, whatever it is asked', () => {
  it(
    'never answers a pull with a server error, and any page it gives is well formed',
    async () => {
      await fc.assert(
        fc.asyncProperty(pullQuery, async ({ query, since }) => {
          const before = await snapshot();
          const res = await manager.request(`/api/sync/pull?${query}`);
          const answer = (await res.json()) as Record<string, unknown>;

          expect(res.status, JSON.stringify(answer)).toBeLessThan(500);
          expect(await snapshot()).toBe(before);
          if (res.status !== 200) {
            expect(answer['error']).toEqual(expect.stringMatching(/\w/));
            return;
          }
          expect(v.is(PullResponseSchema, answer), JSON.stringify(answer).slice(0, 500)).toBe(true);
          const page = v.parse(PullResponseSchema, answer);
          expect(typeof page.hasMore).toBe('boolean');
          expect(Number.isFinite(page.cursor)).toBe(true);
          const sinceNumber = Number(new URLSearchParams(query).get('since'));
          if (page.afresh) {
            // A cursor past every version: start again from nothing (ADR 0005).
            expect(page.cursor).toBe(0);
            expect(page.changes).toEqual([]);
          } else if (since !== undefined && /^\d+$/.test(since)) {
            expect(page.cursor).toBeGreaterThanOrEqual(sinceNumber);
            for (const change of page.changes) expect(change.version).toBeGreaterThan(sinceNumber);
          }
          const versions = page.changes.map((c) => c.version);
          expect(versions).toEqual([...versions].sort((a, b) => a - b));
          if (page.changes.length > 0) expect(page.cursor).toBe(versions.at(-1));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------

/** Header-safe cookie values: no session, junk, or a token of the right shape that is not one. */
const strangerHeaders = fc.oneof(
  fc.constant({}),
  fc.constant({ cookie: '' }),
  fc
    .oneof(
      fc.string({
        unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
        maxLength: 80,
      }),
      fc
        .uint8Array({ minLength: 32, maxLength: 32 })
        .map((b) => Buffer.from(b).toString('base64url')),
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex')),
    )
    .chain((value) =>
      fc.constantFrom(
        { cookie: `clinicdesk_session=${value}` },
        { cookie: `other=1; clinicdesk_session=${value}` },
        { cookie: value },
      ),
    ),
);

describe('sync without a session', () => {
  it(
    'refuses every push and pull without a live session with 401, and writes nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          strangerHeaders,
          fc.oneof(
            pushSpec.filter((s) => s.kind !== 'text' || s.body.length < 64 * 1024),
            fc.constant(undefined),
          ),
          pullQuery,
          async (headers, spec, { query }) => {
            const before = await snapshot();
            const request = (path: string, init: RequestInit = {}) =>
              server.app.request(path, {
                ...init,
                headers: { 'content-type': 'application/json', ...headers },
              });
            const push = await request('/api/sync/push', {
              method: 'POST',
              body: spec ? bodyFor(spec, manager, await lastSeqOf(manager.clientId)).body : '',
            });
            expect(push.status).toBe(401);
            const pull = await request(`/api/sync/pull?${query}`);
            expect(pull.status).toBe(401);
            expect(await snapshot()).toBe(before);
          },
        ),
        { numRuns: Math.ceil(RUNS / 3) },
      );
    },
    TIMEOUT_MS,
  );
});
