import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { UNIT_TEST_WORKERS } from '../vitest.workers.ts';

// Tests of plain TypeScript modules (queries over IndexedDB, sync, crypto, rules) need no DOM:
// they run in Node, which saves jsdom's second or so per file. Everything else — components,
// routes, `.svelte.ts` state, and any new folder until it is listed here — runs in jsdom.
const NODE_ONLY = `src/lib/{${[
  'admin',
  'clinics',
  'crypto',
  'db',
  'letters',
  'policy',
  'ptl',
  'reports',
  'reviews',
  'settings',
  'sync',
  'team',
  'waiting-list',
].join(',')}}/**/!(*.svelte).test.ts`;

export default defineConfig({
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      manifest: false,
      workbox: {
        globPatterns: ['client/**/*.{js,css,ico,png,svg,webmanifest,woff2}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
      },
      kit: { adapterFallback: 'index.html', spa: true },
    }),
    svelteTesting(),
  ],
  server: { proxy: { '/api': 'http://localhost:8080' } },
  test: {
    maxWorkers: UNIT_TEST_WORKERS,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [NODE_ONLY],
          setupFiles: ['src/vitest-setup-node.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/**/*.test.ts'],
          exclude: [NODE_ONLY],
          setupFiles: ['src/vitest-setup.ts'],
        },
      },
    ],
  },
});
