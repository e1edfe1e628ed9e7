#!/usr/bin/env node
// One command from a fresh clone: `npm start` installs, builds and starts ClinicDesk;
// `npm test` installs, builds and runs every check. Only Node and npm are needed: pnpm is
// used from PATH when present, otherwise fetched once through npx.
import { execSync, spawnSync } from 'node:child_process';

const PNPM_VERSION = '12.21.0';
const task = process.argv[2];

function hasPnpm() {
  try {
    execSync('pnpm --version', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const pnpm = hasPnpm() ? ['pnpm'] : ['npx', '--yes', `pnpm@${PNPM_VERSION}`];

function run(...args) {
  const [cmd, ...rest] = [...pnpm, ...args];
  console.log(`\n> ${[cmd, ...rest].join(' ')}`);
  const result = spawnSync(cmd, rest, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (task === 'start') {
  run('install');
  run('build');
  run('serve');
} else if (task === 'test') {
  run('install');
  run('build');
  run('check');
} else {
  console.error('usage: node scripts/run.mjs start|test');
  process.exit(2);
}
