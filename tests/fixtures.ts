import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

function chromiumPath(): string {
  if (process.env['CHROMIUM_PATH']) return process.env['CHROMIUM_PATH'];
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    throw new Error(
      'Chromium is needed for the browser tests: apt-get install -y chromium (or set CHROMIUM_PATH)',
    );
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** The demo users' password in the browser tests (the server prints its own otherwise). */
export const DEMO_PASSWORD = 'e2e demo password 2026';
/** The PIN each test user sets on a device. */
export const TEST_PIN = '482915';

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** The administrator's one-time password, printed once when the database is created. */
  adminPassword: string | undefined;
  stop(): Promise<void>;
  /** Kills the process at once, as a power cut would (no graceful shutdown). */
  kill(): Promise<void>;
}

/** Starts the real sync server, serving the built app, on a fresh database in a temp folder. */
export async function startServer(
  options: { referrals?: number; databaseFile?: string; port?: number } = {},
): Promise<RunningServer> {
  // WEB_BUILD serves another build (a benchmark's before and after side by side).
  const webRoot = process.env['WEB_BUILD'] ?? join(repoRoot, 'web/build');
  if (!existsSync(join(webRoot, 'index.html')))
    throw new Error('Build the web app first: pnpm build');
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'clinicdesk-e2e-'));
  const child: ChildProcess = spawn(
    join(repoRoot, 'sync-server/node_modules/.bin/tsx'),
    ['src/index.ts'],
    {
      cwd: join(repoRoot, 'sync-server'),
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: `file:${options.databaseFile ?? join(dataDir, 'e2e.db')}`,
        DEMO_REFERRALS: String(options.referrals ?? 600),
        DEMO_PASSWORD,
        WEB_ROOT: webRoot,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: tsx runs the server in a child process, and a kill must reach it.
      detached: true,
    },
  );
  const signal = (name: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 60_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ClinicDesk is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${log}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    adminPassword: /one-time password: (\S+)/.exec(log)?.[1],
    async kill() {
      signal('SIGKILL');
      await exited;
    },
    async stop() {
      signal('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A separate browser profile (its own IndexedDB and service worker): one device. */
export async function openDevice(
  viewport = { width: 1280, height: 800 },
  extraArgs: string[] = [],
): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'clinicdesk-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Reasons for going past the access policy's warnings (issue 7), for tests about something
 * else: bookings at short notice or ahead of a longer wait are warned about, and these are the
 * reasons a co-ordinator would record.
 */
export const AGREED = [
  { rule: 'reasonable-notice', reason: 'Patient agreed to the sooner date' },
  { rule: 'book-in-turn', reason: 'Clinically urgent' },
  { rule: 'two-week-wait', reason: 'Patient chose a later date' },
  { rule: 'second-offer', reason: 'Patient asked for a later date' },
  { rule: 'follow-up-window', reason: 'Clinician asked for it booked now' },
];
