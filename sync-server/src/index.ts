import { serve } from '@hono/node-server';
import { londonDateOf } from '@clinicdesk/domain';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { ensureAdministrator, seedDemoUsers } from './auth/bootstrap.ts';
import { oneTimeSecret } from './auth/passwords.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { isEmpty, seedDemoDepartment } from './db/seed.ts';
import { startPushWriter } from './sync/push-writer.ts';

// The only file that reads the environment and listens (STYLE.md).
const port = Number(process.env['PORT'] ?? 8080);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
// Default: the embedded database under the repository's data/ folder, wherever we start from.
const url = process.env['DATABASE_URL'] ?? `file:${repoRoot}data/clinicdesk.db`;
const seedDemo = (process.env['SEED_DEMO'] ?? 'true') !== 'false';
const demoSize = Number(process.env['DEMO_REFERRALS'] ?? 3000);
const webRoot = process.env['WEB_ROOT'] ?? `${repoRoot}web/build`;

const db = await openDatabase({ url, authToken: process.env['DATABASE_AUTH_TOKEN'] });
const applied = await migrate(db);
if (applied.length) console.log(`Database migrated: ${applied.join(', ')}`);

const adminSecret = await ensureAdministrator(db, new Date());
if (adminSecret) {
  console.log('\n  First start: sign in as the administrator with');
  console.log('    username: admin');
  console.log(`    one-time password: ${adminSecret}`);
  console.log('  You will be asked to choose your own password. This is shown once only.\n');
}

if (seedDemo && (await isEmpty(db))) {
  const started = Date.now();
  const rows = await seedDemoDepartment(db, {
    today: londonDateOf(new Date()),
    referrals: demoSize,
  });
  if (rows) {
    console.log(`Demo department seeded: ${rows} synthetic rows in ${Date.now() - started} ms`);
    const password = process.env['DEMO_PASSWORD'] || oneTimeSecret();
    const users = await seedDemoUsers(db, password, new Date());
    console.log(`Demo users: ${users.join(', ')}`);
    console.log(
      `  password for each: ${process.env['DEMO_PASSWORD'] ? '(the DEMO_PASSWORD you set)' : password}\n`,
    );
  }
}

// An embedded file's pushes are applied and committed in a thread of their own (ADR 0008); a
// libSQL server's commits are network calls that do not hold this thread.
const writerThread = url.startsWith('file:') && process.env['PUSH_WRITER_THREAD'] !== 'off';
const pushWriter = writerThread ? startPushWriter(url) : undefined;
const app = createApp({ db, webRoot, applyPush: pushWriter?.apply });
const server = serve({ fetch: app.fetch, port }, (info) => {
  console.log(
    `ClinicDesk is running on http://localhost:${info.port} (database ${url.split('?')[0]})`,
  );
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
