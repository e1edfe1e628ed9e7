// FHIR search times at the department's scale (issue 9). Not a test: figures. Seeds the demo
// department, then adds a year of past appointments (and their slots) copied from it, so the
// database holds what the department books in a year. Run: pnpm bench:fhir
import { writeTransaction } from '../src/db/database.ts';
import { seedDemoDepartment } from '../src/db/seed.ts';
import { createTestServer } from '../src/test-support.ts';

const REFERRALS = Number(process.env['BENCH_REFERRALS'] ?? 3_000);
const YEAR_APPOINTMENTS = Number(process.env['BENCH_APPOINTMENTS'] ?? 150_000);
const RUNS = 20;
const TODAY = '2026-11-24';

/**
 * Copies the demo's appointments (and their slots) into past weeks until the database holds
 * a year's appointments. One INSERT … SELECT per copy: row-by-row writes through the client
 * grow the process by tens of kilobytes a statement (@libsql/client 0.18).
 */
async function addPastYear(server: Awaited<ReturnType<typeof createTestServer>>) {
  const copy = (tbl: string, fields: string) => `
    INSERT INTO rows (tbl, id, site_id, version, deleted, data)
    SELECT tbl, ?1 || id, site_id, (SELECT MAX(version) FROM rows) + ROW_NUMBER() OVER (ORDER BY id), 0,
      json_set(data, '$.id', ?1 || id, '$.date', date(json_extract(data, '$.date'), ?2)${fields})
    FROM rows WHERE tbl = '${tbl}' AND id NOT LIKE 'y%' AND ${
      tbl === 'slots'
        ? "id IN (SELECT json_extract(data, '$.slotId') FROM rows WHERE tbl = 'appointments')"
        : '1'
    }`;
  const count = async () =>
    Number(
      (await server.db.execute("SELECT COUNT(*) AS n FROM rows WHERE tbl = 'appointments'"))
        .rows[0]!['n'],
    );
  for (let week = 1; (await count()) < YEAR_APPOINTMENTS; week++) {
    const args = [`y${week}-`, `-${7 * ((week % 52) + 9)} days`];
    await writeTransaction(server.db, async (tx) => {
      await tx.execute({
        sql: copy('slots', ", '$.appointmentId', ?1 || json_extract(data, '$.appointmentId')"),
        args,
      });
      await tx.execute({
        sql: copy('appointments', ", '$.slotId', ?1 || json_extract(data, '$.slotId')"),
        args,
      });
    });
  }
}

async function main() {
  const server = await createTestServer(() => new Date(`${TODAY}T10:00:00Z`));
  let started = performance.now();
  await seedDemoDepartment(server.db, { today: TODAY, referrals: REFERRALS });
  await addPastYear(server);
  const sizes = await server.db.execute('SELECT tbl, COUNT(*) AS n FROM rows GROUP BY tbl');
  console.log(
    `seeded in ${Math.round(performance.now() - started)} ms:`,
    Object.fromEntries(sizes.rows.map((r) => [r['tbl'], r['n']])),
  );
  const user = await server.signIn('booking-coordinator', ['site-ktc', 'site-alx', 'site-wrh']);
  const [appt] = await server.rowsWhere("SELECT data FROM rows WHERE tbl = 'appointments' LIMIT 1");
  const searches = [
    'Slot?status=free&start=ge2026-12-01&start=lt2026-12-08',
    'Appointment?date=ge2026-12-01&date=le2026-12-07&status=booked',
    `Appointment?patient=Patient/${String(appt!['patientId'])}`,
    'Appointment?practitioner=Practitioner/clin-3&date=ge2026-06-01&date=lt2026-07-01',
    `Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${String((await server.rowsWhere("SELECT data FROM rows WHERE tbl = 'patients' LIMIT 1"))[0]!['nhsNumber'])}`,
    'Appointment?practitioner=Practitioner/clin-3',
    'Schedule?actor=Practitioner/clin-1',
    'Slot?_count=200',
  ];
  console.log('search | total | median ms | slowest ms');
  for (const path of searches) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < RUNS; i++) {
      started = performance.now();
      const res = await user.request(`http://localhost/api/fhir/r4/${path}`);
      total = ((await res.json()) as { total: number }).total;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${path} | ${total} | ${times[RUNS / 2]!.toFixed(1)} | ${times.at(-1)!.toFixed(1)}`,
    );
  }
  server.close();
}

await main();
