/**
 * Property tests of the sync API against payloads nobody would send on purpose: whatever a
 * device (or anyone else) sends to push and pull, the server answers without a server error,
 * writes nothing unless it accepts the push, and never stores a row its schema refuses.
 *
 * Each property runs FUZZ_RUNS times (300 by default, a few seconds). For a longer soak:
 *   FUZZ_RUNS=5000 npx vitest run src/sync/sync-fuzz.test.ts
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
import { createTestServer, type SignedIn } from '../test-support.ts';

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
const jsonValue = fc.jsonValue({ depthSize: 'small' }).chain((j) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(j) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  ),
);

/** Often the plausible value, sometimes anything at all, sometimes missing. */
function mostly<T>(plausible: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: plausible },
    { weight: 1, arbitrary: jsonValue },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', ' ', '\u0000', 'a'.repeat(2001), '<script>alert(1)</script>', "'; --"),
);
const idText = fc.oneof({ weight: 3, arbitrary: fc.uuid() }, { weight: 1, arbitrary: text });
const known$ = (pick: (k: Known) => string[]) =>
  fc.integer({ min: 0, max: 1000 }).map((i) => {
    const ids = pick(known);
    return ids[i % ids.length] ?? '';
  });
const calendarDate = fc.oneof(
  fc.constantFrom('2026-11-24', '2026-11-23', '2026-11-25', '2026-02-29', '2024-02-29', '1950-01-01'),
  fc
    .date({ min: new Date('1900-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  text,
);
const nhsNumber = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }).map((digits) => {
    const nine = digits.join('');
    return `${nine}${nhsCheckDigit(nine) ?? 0}`;
  }),
  known$((k) => k.nhsNumbers),
  text,
);
const newPatient = fc.record({
  id: mostly(fc.oneof({ weight: 4, arbitrary: fc.uuid() }, known$((k) => k.patients), text)),
  nhsNumber: mostly(nhsNumber),
  givenName: mostly(fc.oneof(fc.constantFrom('Jane', 'Amrit', ' Zoë '), text)),
  familyName: mostly(fc.oneof(fc.constantFrom('Smith', "O'Neill"), text)),
  dateOfBirth: mostly(calendarDate),
  address: mostly(
    fc.record({
      line1: mostly(fc.oneof(fc.constant('1 High Street'), text)),
      line2: fc.option(text, { nil: undefined }),
      town: mostly(fc.oneof(fc.constant('Worcester'), text)),
      postcode: mostly(fc.oneof(fc.constantFrom('WR5 1DD', 'b60 3aa', 'B98 7UB'), text)),
    }),
  ),
  phone: mostly(fc.oneof(fc.constantFrom('01905 763333', '+44 (0)1527 503030'), text)),
  gpPractice: mostly(fc.oneof(fc.constant('St John’s Surgery'), text)),
});

const argsByName: Record<string, fc.Arbitrary<unknown>> = {
  'appointment.book': fc.record({
    appointmentId: mostly(fc.oneof(idText, known$((k) => k.appointments))),
    referralId: mostly(fc.oneof({ weight: 3, arbitrary: known$((k) => k.referrals) }, text)),
    slotId: mostly(fc.oneof({ weight: 3, arbitrary: known$((k) => k.slots) }, text)),
  }),
  'appointment.cancel': fc.record({
    appointmentId: mostly(fc.oneof({ weight: 3, arbitrary: known$((k) => k.appointments) }, text)),
    by: mostly(fc.oneof(fc.constantFrom('patient', 'hospital'), text)),
    reason: mostly(fc.oneof(fc.constant('Patient is on holiday'), text)),
  }),
  'referral.add': fc.record({
    referralId: mostly(fc.oneof({ weight: 4, arbitrary: fc.uuid() }, known$((k) => k.referrals))),
    patient: mostly(
      fc.oneof(
        fc.record({
          existingPatientId: mostly(fc.oneof(known$((k) => k.patients), text)),
        }),
        fc.record({ newPatient: mostly(newPatient) }),
      ),
    ),
    receivedDate: mostly(calendarDate),
    source: mostly(fc.oneof(fc.constantFrom(...REFERRAL_SOURCES), text)),
    referrer: mostly(fc.oneof(fc.constant('Dr A Patel'), text)),
    reason: mostly(fc.oneof(fc.constant('Knee pain'), text)),
    requestedPriority: mostly(fc.oneof(fc.constantFrom(...PRIORITIES), text)),
    siteId: mostly(fc.oneof(fc.constantFrom(...ALL_SITES, 'site-nowhere'), text)),
  }),
  'patient.viewed': fc.record({
    patientId: mostly(fc.oneof({ weight: 3, arbitrary: known$((k) => k.patients) }, text)),
    screen: mostly(fc.oneof(fc.constantFrom('patient', 'booking'), text)),
  }),
};

/** Marks where a deeply nested JSON array replaces the args of a mutation. */
const DEEP = '\u0000deep-args\u0000';

const mutationName = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...MUTATION_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom('toString', '__proto__', 'constructor', 'hasOwnProperty') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 70 }) },
);

/** A mutation whose seq is decided when it is sent: in order after the device's last, unless raw. */
const mutationSpec = mutationName.chain((name) =>
  fc.record({
    id: mostly(fc.oneof({ weight: 4, arbitrary: fc.uuid() }, text)),
    ownClient: fc.oneof(
      { weight: 9, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    ),
    otherClient: fc.oneof(text, jsonValue),
    rawSeq: fc.oneof(
      { weight: 12, arbitrary: fc.constant(undefined) },
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
        weight: 6,
        // Own keys only: `argsByName['toString']` is Object.prototype's method.
        arbitrary: (Object.hasOwn(argsByName, name) ? argsByName[name] : undefined) ?? jsonValue,
      },
      { weight: 1, arbitrary: jsonValue },
      { weight: 1, arbitrary: fc.constant(DEEP) },
      { weight: 1, arbitrary: fc.constant(undefined) },
    ),
    at: fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString()),
      },
      { weight: 1, arbitrary: fc.constantFrom('2026-11-24T09:59:00Z', '2026-11-24', 'now', '') },
      { weight: 1, arbitrary: jsonValue },
    ),
  }),
);
type MutationSpec = typeof mutationSpec extends fc.Arbitrary<infer T> ? T : never;

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

const pushSpec: fc.Arbitrary<PushSpec> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.json(), fc.anything().map((x) => JSON.stringify(x) ?? 'undefined'))
      .map((body): PushSpec => ({ kind: 'text', body })),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom('', '{', '{"protocolVersion":1', 'null', '[]', '{}', '{"mutations":null}'),
      )
      .map((body): PushSpec => ({ kind: 'text', body })),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      protocolVersion: fc.oneof(
        { weight: 8, arbitrary: fc.constant(SYNC_PROTOCOL_VERSION) },
        { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true })) },
        { weight: 1, arbitrary: jsonValue },
      ),
      ownClient: fc.oneof(
        { weight: 9, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
      otherClient: fc.oneof(text, jsonValue, fc.constant(`${'x'.repeat(101)}`)),
      start: fc.oneof(
        { weight: 8, arbitrary: fc.constant(0) },
        { weight: 2, arbitrary: fc.integer({ min: -6, max: -1 }) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) },
      ),
      mutations: fc.array(mutationSpec, { maxLength: 6 }),
      extra: fc.oneof(
        { weight: 9, arbitrary: fc.constant({}) },
        {
          weight: 1,
          arbitrary: fc.record({ mutations: jsonValue }, { requiredKeys: [] }),
        },
      ),
      deepDepth: fc.constantFrom(100, 5_000, 20_000, 200_000),
    }),
  },
  {
    weight: 1,
    arbitrary: hugeString.map((s): PushSpec => ({ kind: 'text', body: s })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(hugeString, fc.constantFrom('args', 'id', 'name', 'at', 'clientId'))
      .map(
        ([s, field]): PushSpec => ({
          kind: 'text',
          body: JSON.stringify({
            protocolVersion: SYNC_PROTOCOL_VERSION,
            clientId: '\u0000own\u0000',
            mutations: [{ id: 'huge', clientId: '\u0000own\u0000', seq: -1, name: 'patient.viewed', args: {}, at: '2026-11-24T09:59:00.000Z', [field]: s }],
          }),
        }),
      ),
  },
);

/** The request body for a spec, given the device's last decided seq; and the mutations sent. */
function bodyFor(spec: PushSpec, device: SignedIn, lastSeq: number) {
  if (spec.kind === 'text') {
    const ownId = JSON.stringify(device.clientId);
    // The huge-field bodies name the device and slot in its next seq.
    return {
      body: spec.body
        .replaceAll('"\\u0000own\\u0000"', ownId)
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
            expect(results.map((r) => [r['id'], r['seq']])).toEqual(
              sent.map((m) => [m.id, m.seq]),
            );
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
  fc.constantFrom('', '0', '00', '-0', '1e3', '0x10', ' 1', '１２', '9'.repeat(400), '5000', '5001'),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }).map(encodeURIComponent),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%C0%AF', '&', '=', '+'),
  fc.nat(20).map((n) => 'a'.repeat(n * 50)),
);
/** A query string: some of since, limit and clientId (each possibly repeated), or raw junk. */
const pullQuery = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record(
        {
          since: fc.oneof({ weight: 2, arbitrary: fc.nat(2000).map(String) }, queryValue),
          limit: fc.oneof(fc.integer({ min: 1, max: 50 }).map(String), queryValue),
          clientId: fc.oneof(
            fc.constant('own'),
            queryValue,
            fc.constant('x'.repeat(101)),
          ),
          junk: fc.array(fc.tuple(fc.string({ maxLength: 8 }), queryValue), { maxLength: 2 }),
          repeatSince: fc.boolean(),
        },
        { requiredKeys: ['junk', 'repeatSince'] },
      )
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
      .oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }).map(encodeURI))
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
          if (since !== undefined && /^\d+$/.test(since)) {
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
      fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64url')),
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
