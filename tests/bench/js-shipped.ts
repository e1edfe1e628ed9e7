// JavaScript a browser fetches for ClinicDesk's first screens, compressed as a server would
// send it (issue 10: under 150 KB). Records every script response the page loads, compresses
// each body with node:zlib (gzip level 9, brotli quality 11) and sums them. Run on its own with
// `pnpm bench:js` (needs a build), or as part of `pnpm bench:device`.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { DeskPage } from '../page-models/desk-page.ts';
import type { Section } from './device-results.ts';

export interface Chunk {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

export interface JsShipped {
  chunks: Chunk[];
  raw: number;
  gzip: number;
  brotli: number;
}

/** Starts recording the scripts the page fetches; `take()` returns what came so far. */
export function recordScripts(page: Page): { take(): Promise<JsShipped> } {
  const pending = new Map<string, Promise<Chunk | null>>();
  page.on('response', (res) => {
    const url = res.url();
    if (res.request().resourceType() !== 'script' || pending.has(url)) return;
    pending.set(
      url,
      res
        .body()
        .then((body) => ({
          file: new URL(url).pathname,
          raw: body.length,
          gzip: gzipSync(body, { level: 9 }).length,
          brotli: brotliCompressSync(body, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
          }).length,
        }))
        .catch(() => null),
    );
  });
  return {
    async take() {
      const chunks = (await Promise.all(pending.values()))
        .filter((c): c is Chunk => c !== null)
        .sort((a, b) => b.brotli - a.brotli);
      const sum = (k: 'raw' | 'gzip' | 'brotli') => chunks.reduce((n, c) => n + c[k], 0);
      return { chunks, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
    },
  };
}

export const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** A Markdown table of the biggest chunks. */
export function chunkTable(shipped: JsShipped, top = 8): string {
  const lines = ['| chunk | raw (KB) | gzip (KB) | brotli (KB) |', '| --- | ---: | ---: | ---: |'];
  for (const c of shipped.chunks.slice(0, top))
    lines.push(`| ${c.file} | ${kb(c.raw)} | ${kb(c.gzip)} | ${kb(c.brotli)} |`);
  lines.push(
    `| all ${shipped.chunks.length} scripts | ${kb(shipped.raw)} | ${kb(shipped.gzip)} | ${kb(shipped.brotli)} |`,
  );
  return lines.join('\n');
}

/** The JS section of the device results: the sign-in screen, and signed in to the first list. */
export function jsSection(signIn: JsShipped, firstWorklist: JsShipped): Section {
  return {
    title: 'JavaScript shipped for the first screens',
    data: { signIn, firstWorklist },
    markdown: [
      `Sign-in screen of a new device: **${kb(signIn.gzip)} KB gzip, ${kb(signIn.brotli)} KB brotli** (${kb(signIn.raw)} KB raw). Signed in, to the clinics of the day: ${kb(firstWorklist.gzip)} KB gzip, ${kb(firstWorklist.brotli)} KB brotli in all. Target: under 150 KB compressed.`,
      '',
      chunkTable(signIn),
      '',
      'Every script response the page fetched (not the service worker precache), compressed with node:zlib (gzip 9, brotli 11).',
    ].join('\n'),
  };
}

/**
 * Signs a new device in as the co-ordinator, recording the scripts of the sign-in screen and
 * then of the first worklist (the clinics of the day), after `afterSignIn` (the first sync).
 */
export async function firstScreensJs(
  desk: DeskPage,
  {
    beforeSignIn = async () => {},
    afterSignIn = async () => {},
  }: { beforeSignIn?: () => Promise<void>; afterSignIn?: () => Promise<void> } = {},
): Promise<{ signIn: JsShipped; firstWorklist: JsShipped }> {
  const scripts = recordScripts(desk.page);
  await desk.page.goto(desk.baseUrl + '/');
  await desk.page.getByLabel('Username').waitFor();
  await desk.page.waitForLoadState('networkidle');
  const signIn = await scripts.take();
  await beforeSignIn();
  await desk.signIn('coordinator');
  await afterSignIn();
  await desk.page.getByTestId('clinic-list').locator('tbody tr').first().waitFor();
  await desk.page.waitForLoadState('networkidle');
  return { signIn, firstWorklist: await scripts.take() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { openDevice, startServer } = await import('../fixtures.ts');
  const { DeskPage } = await import('../page-models/desk-page.ts');
  const { saveSections } = await import('./device-results.ts');
  const server = await startServer({ referrals: 600 });
  const device = await openDevice();
  try {
    const desk = new DeskPage(device.page, device.context, server.url);
    const { signIn, firstWorklist } = await firstScreensJs(desk);
    saveSections({ js: jsSection(signIn, firstWorklist) });
  } finally {
    await device.close();
    await server.stop();
  }
}
