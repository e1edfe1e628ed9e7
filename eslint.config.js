import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './web/svelte.config.js';

const nothingImportsTests = {
  group: ['**/tests/**', '@clinicdesk/tests'],
  message: 'Nothing imports tests/: the tests drive the apps from outside, never the other way.',
};

const domainStaysPure = {
  patterns: [
    {
      group: [
        'dexie',
        'dexie/*',
        'hono',
        'hono/*',
        '@hono/*',
        '@libsql/*',
        'svelte',
        'svelte/*',
        '@sveltejs/*',
        'node:*',
        'workbox-*',
      ],
      message: 'Domain stays pure: no framework, storage or I/O in packages/domain (STYLE.md).',
    },
    {
      group: ['**/web/**', '**/sync-server/**', '@clinicdesk/web', '@clinicdesk/sync-server'],
      message:
        'Domain stays pure: the arrows point web -> domain and sync-server -> domain, never back.',
    },
    nothingImportsTests,
  ],
};

// Flat config replaces a rule's options per file group, so shared patterns are named once here.
const webStaysApart = {
  group: ['**/sync-server/**', '@clinicdesk/sync-server', '@libsql/*', 'hono', 'hono/*'],
  message:
    'Web and server stay apart: they meet only in packages/domain (wire types) and over HTTP.',
};

const serverStaysApart = {
  group: ['**/web/**', '@clinicdesk/web', 'dexie', 'svelte', 'svelte/*', '@sveltejs/*'],
  message: 'Web and server stay apart: they meet only in packages/domain and over HTTP.',
};

export default ts.config(
  {
    ignores: [
      '**/node_modules/',
      '**/build/',
      '**/.svelte-kit/',
      'data/',
      'bench/results/',
      '**/dist/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      // ClinicDesk is always served at the origin's root (the sync server serves it), so
      // absolute paths are right and resolve() would only add noise.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    files: ['packages/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', domainStaysPure],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Domain stays pure: no network.' },
        { name: 'localStorage', message: 'Domain stays pure: no storage.' },
        { name: 'indexedDB', message: 'Domain stays pure: no storage.' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Domain stays pure: randomness is an argument (demo/random.ts).',
        },
        {
          object: 'Date',
          property: 'now',
          message: 'Domain stays pure: the time is an argument (MutatorContext).',
        },
      ],
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [webStaysApart, nothingImportsTests],
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.ts', 'web/src/**/*.svelte'],
    ignores: ['web/src/lib/db/**', 'web/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['dexie', 'dexie/*'],
              message: 'Only web/src/lib/db imports Dexie (STYLE.md).',
            },
            webStaysApart,
            nothingImportsTests,
          ],
        },
      ],
    },
  },
  // tests/ sits outside both apps: it drives them through the browser and HTTP, and its
  // property test runs the web's outbox against the server's app in one process, so it may
  // import web, sync-server and domain. Nothing imports tests/ (nothingImportsTests).
  {
    files: ['tests/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['sync-server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [serverStaysApart, nothingImportsTests],
        },
      ],
    },
  },
  {
    files: ['sync-server/src/**/*.ts'],
    ignores: ['sync-server/src/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@libsql/*'],
              message: 'Only sync-server/src/db imports @libsql/client (STYLE.md).',
            },
            serverStaysApart,
            nothingImportsTests,
          ],
        },
      ],
    },
  },
);
