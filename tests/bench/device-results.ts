// The device benchmarks' latest results: bench/results/device.json and device.md. Each script
// replaces only the sections it measured, so `pnpm bench:js` alone keeps the ingest figures.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../bench/results/', import.meta.url));

export interface Section {
  title: string;
  /** The figures as Markdown: a table and a line on what was measured. */
  markdown: string;
  data: unknown;
}

type Results = { sections: Record<string, Section & { measuredAt: string }> };

/** Merges these sections into the results files and prints them. */
export function saveSections(sections: Record<string, Section>): void {
  mkdirSync(dir, { recursive: true });
  const file = dir + 'device.json';
  const results: Results = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Results)
    : { sections: {} };
  const measuredAt = new Date().toISOString();
  for (const [key, section] of Object.entries(sections)) {
    results.sections[key] = { ...section, measuredAt };
    console.log(`\n## ${section.title}\n\n${section.markdown}`);
  }
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, headless Debian Chromium`;
  const md = [
    '# Device benchmarks (latest run)',
    '',
    `Written by \`pnpm bench:device\` / \`pnpm bench:js\` / \`pnpm bench:ptl\` on ${machine}.`,
    'Each section says when it was measured; figures in one section come from one run.',
    ...Object.values(results.sections).flatMap((s) => [
      '',
      `## ${s.title}`,
      '',
      `Measured ${s.measuredAt.slice(0, 16).replace('T', ' ')} UTC.`,
      '',
      s.markdown,
    ]),
    '',
  ].join('\n');
  writeFileSync(dir + 'device.md', md);
}

export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
}

/** Median and 95th percentile (nearest rank) of some timings. */
export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? NaN };
}
