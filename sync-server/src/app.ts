import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './db/database.ts';
import { auditRoutes } from './routes/audit.ts';
import { FHIR_BASE_PATH, fhirRoutes } from './fhir/fhir-routes.ts';
import { authRoutes } from './routes/auth.ts';
import { importRoutes } from './routes/import.ts';
import { syncRoutes } from './routes/sync.ts';
import { teamRoutes } from './routes/team.ts';
import { userRoutes } from './routes/users.ts';
import type { ApplyPush } from './sync/push-writer.ts';
import { contentSecurityPolicy } from './web-app-csp.ts';

export interface AppDeps {
  db: Database;
  now?: () => Date;
  /** The built web app (web/build); omitted in tests of the API alone. */
  webRoot?: string;
  /** Applies pushes off the request thread (push-writer.ts); in this thread when omitted. */
  applyPush?: ApplyPush;
}

const NO_CACHE = new Set(['/sw.js', '/index.html', '/manifest.webmanifest', '/registerSW.js']);

/** Builds the ClinicDesk HTTP app; does no I/O until a request arrives (STYLE.md). */
export function createApp({ db, now = () => new Date(), webRoot, applyPush }: AppDeps) {
  const app = new Hono();
  app.use(
    secureHeaders({
      crossOriginEmbedderPolicy: false,
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    }),
  );

  app.get('/api/health', async (c) => {
    await db.execute('SELECT 1');
    return c.json({ status: 'ok', time: now().toISOString() });
  });
  // Account and audit requests are small; the push route sets its own, larger limit.
  const smallBodies = bodyLimit({
    maxSize: 64 * 1024,
    onError: (c) => c.json({ error: 'The request is too large' }, 413),
  });
  app.use('/api/auth/*', smallBodies);
  app.use('/api/users/*', smallBodies);
  app.route('/api/auth', authRoutes({ db, now }));
  app.route('/api/users', userRoutes({ db, now }));
  app.route('/api/audit', auditRoutes({ db, now }));
  app.route('/api/sync', syncRoutes({ db, now, applyPush }));
  app.route('/api/team', teamRoutes({ db, now }));
  app.route(FHIR_BASE_PATH, fhirRoutes({ db, now }));
  app.route('/api/import', importRoutes({ db, now }));
  app.all('/api/*', (c) => c.json({ error: 'No such API' }, 404));

  app.onError((err, c) => {
    console.error(err);
    return c.json(
      { error: 'Something went wrong on the server; nothing was saved. Try again.' },
      500,
    );
  });

  if (webRoot && existsSync(join(webRoot, 'index.html'))) serveWebApp(app, webRoot);
  return app;
}

function serveWebApp(app: Hono, webRoot: string) {
  // Read again when the build changes, so a rebuilt app is never blocked by a stale hash.
  let cached = { mtimeMs: -1, csp: '' };
  const csp = () => {
    const path = join(webRoot, 'index.html');
    const { mtimeMs } = statSync(path);
    if (mtimeMs !== cached.mtimeMs)
      cached = { mtimeMs, csp: contentSecurityPolicy(readFileSync(path, 'utf8')) };
    return cached.csp;
  };
  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', csp());
    const path = c.req.path;
    if (NO_CACHE.has(path) || c.res.headers.get('content-type')?.startsWith('text/html')) {
      c.header('Cache-Control', 'no-cache');
    } else if (path.startsWith('/_app/immutable/')) {
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
    }
  });
  app.use('*', serveStatic({ root: webRoot }));
  // SPA fallback: every other path opens the app, which routes on the device.
  const indexHtml = () => readFileSync(join(webRoot, 'index.html'), 'utf8');
  app.get('*', (c) => c.html(indexHtml()));
}
