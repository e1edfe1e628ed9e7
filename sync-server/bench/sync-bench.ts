// Sync throughput on this machine, printed as a table (issue 4). Not a test: figures, side by
// side with the raw limit of the same database in the same run. Run: pnpm bench
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatHlc } from '@clinicdesk/domain';
import { openDatabase, writeTransaction } from '../src/db/database.ts';
import { seedDemoDepartment } from '../src/db/seed.ts';
import { createTestServer } from '../src/test-support.ts';

const MUTATIONS = Number(process.env['BENCH_MUTATIONS'] ?? 4000);
const BATCH = 200;

async function rawInserts(n: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-bench-raw-'));
  const db = await openDatabase({ url: `file:${join(dir, 'raw.db')}` });
  await db.execute('CREATE TABLE t (id TEXT PRIMARY KEY, version INTEGER, data TEXT)');
  const payload = JSON.stringify({ phone: '01632 960000', history: [] });
  const started = performance.now();
  for (let i = 0; i < n; i += BATCH) {
    await writeTransaction(db, async (tx) => {
      for (let j = i; j < Math.min(n, i + BATCH); j++) {
        await tx.execute({
          sql: 'INSERT INTO t (id, version, data) VALUES (?, ?, ?)',
          args: [randomUUID(), j, payload],
        });
      }
    });
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return n / seconds;
}

async function main() {
  const server = await createTestServer(() => new Date());
  await seedDemoDepartment(server.db, {
    today: new Date().toISOString().slice(0, 10),
    referrals: 3000,
  });
  const desk = await server.signIn('manager', ['site-ktc', 'site-alx', 'site-wrh']);
  const patients = (
    await server.db.execute("SELECT id FROM rows WHERE tbl = 'patients' LIMIT 500")
  ).rows.map((r) => String(r['id']));

  const raw = await rawInserts(MUTATIONS);

  let seq = 0;
  const pushStarted = performance.now();
  for (let i = 0; i < MUTATIONS; i += BATCH) {
    const mutations = Array.from({ length: Math.min(BATCH, MUTATIONS - i) }, (_x, k) => {
      seq += 1;
      return {
        id: `${desk.clientId}:${seq}`,
        clientId: desk.clientId,
        seq,
        name: 'patient.update',
        at: new Date().toISOString(),
        args: {
          patientId: patients[(i + k) % patients.length],
          changes: { phone: `01632 96${String(seq % 10000).padStart(4, '0')}` },
          hlc: formatHlc({ wall: Date.now(), counter: seq, node: 'bench' }),
        },
      };
    });
    const res = await desk.request('/api/sync/push', {
      method: 'POST',
      body: JSON.stringify({ protocolVersion: 1, clientId: desk.clientId, mutations }),
    });
    if (res.status !== 200) throw new Error(`push answered ${res.status}`);
  }
  const push = MUTATIONS / ((performance.now() - pushStarted) / 1000);

  const pullStarted = performance.now();
  let pulled = 0;
  for (let since = 0, more = true; more;) {
    const page = (await (
      await desk.request(`/api/sync/pull?since=${since}&limit=5000`)
    ).json()) as { changes: unknown[]; cursor: number; hasMore: boolean };
    pulled += page.changes.length;
    since = page.cursor;
    more = page.hasMore;
  }
  const pull = pulled / ((performance.now() - pullStarted) / 1000);
  server.close();

  const rows = [
    ['raw libSQL inserts (200 per transaction)', raw],
    ['push: patient.update, validated, rules, audit (200 per push)', push],
    [`pull: changes served to a device catching up (${pulled} rows)`, pull],
  ] as const;
  console.log('\n| measure | per second | vs raw insert |\n| --- | ---: | ---: |');
  for (const [name, rate] of rows)
    console.log(
      `| ${name} | ${Math.round(rate).toLocaleString('en-GB')} | ${(rate / raw).toFixed(2)} |`,
    );
  console.log(`\n${MUTATIONS} mutations, Node ${process.version}, ${new Date().toISOString()}`);
}

await main();
