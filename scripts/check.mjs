#!/usr/bin/env node
// Every check of `npm test`, after install and build: the static checks side by side (each
// mostly waits on one core, and together they take the time of the slowest, about a minute
// on a two-core machine rather than two), their output held back and printed whole, one
// after another; then the unit suites, then the journeys in Chromium. Stops at the first
// failure, naming it.
import { spawn, spawnSync } from 'node:child_process';

const pnpm = process.env.npm_execpath?.includes('pnpm') ? process.env.npm_execpath : 'pnpm';
const node = pnpm.endsWith('.cjs') || pnpm.endsWith('.js') ? [process.execPath, pnpm] : [pnpm];

function started(script) {
  const [cmd, ...args] = [...node, script];
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const at = Date.now();
  return new Promise((resolve) =>
    child.on('close', (code) =>
      resolve({ script, code, output, seconds: Math.round((Date.now() - at) / 1000) }),
    ),
  );
}

function fail(script) {
  console.error(`\n✗ ${script} failed`);
  process.exit(1);
}

const together = await Promise.all(['format:check', 'lint', 'typecheck'].map(started));
for (const { script, code, output, seconds } of together) {
  console.log(`\n> pnpm ${script} (${seconds} s)\n${output}`);
  if (code !== 0) fail(script);
}

for (const script of ['test:unit', 'test:e2e']) {
  console.log(`\n> pnpm ${script}`);
  const [cmd, ...args] = [...node, script];
  if (spawnSync(cmd, args, { stdio: 'inherit' }).status !== 0) fail(script);
}
