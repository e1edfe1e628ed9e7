import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

/** The WCAG 2.2 AA rule sets the app is held to (issue 8). */
export const WCAG_22_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** One axe-core finding, cut down to what a reader needs to find and fix it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let axeSource: string | undefined;

function source(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * Runs axe-core on the page as it is now and returns every WCAG 2.2 A/AA violation. The app's
 * Content-Security-Policy refuses inline scripts, so `addScriptTag({ content })` would be
 * blocked; `page.evaluate` of the source runs through the DevTools protocol, which the policy
 * does not govern, and leaves the app's own policy untouched for the test.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(source());
  return page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: RunOptions): Promise<AxeResults> };
      }
    ).axe;
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  }, WCAG_22_AA_TAGS);
}

/** Only the violations that block or seriously hinder a user: impact serious or critical. */
export function seriousOnly(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable list for a failing test: screen, rule, what it asks, where. */
export function describeViolations(screen: string, violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${screen}: [${v.impact}] ${v.id} – ${v.help}\n` +
        v.targets.map((t) => `    at ${t}`).join('\n'),
    )
    .join('\n');
}

/** An interactive element smaller than the touch target size. */
export interface SmallTarget {
  element: string;
  text: string;
  width: number;
  height: number;
}

/**
 * Interactive elements on the page smaller than `min` CSS px either way: buttons, links styled
 * as buttons, menu and tab links, inputs, selects, text areas and disclosure summaries. A
 * checkbox or radio counts with its label when the label wraps it (the label takes the tap).
 * Inline text links inside sentences are exempt, as WCAG 2.5.8 exempts them: their size is
 * the text's.
 */
export async function smallTouchTargets(page: Page, min = 44): Promise<SmallTarget[]> {
  return page.evaluate((min) => {
    const selector = [
      'button',
      'a.button',
      'nav a',
      'input:not([type="hidden"])',
      'select',
      'textarea',
      'summary',
    ].join(',');
    const found: SmallTarget[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || element.closest('[hidden], .visually-hidden')) continue;
      const choice =
        element instanceof HTMLInputElement && ['checkbox', 'radio'].includes(element.type);
      const target = (choice && element.closest('label')) || element;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.width + 0.5 < min || box.height + 0.5 < min) {
        found.push({
          element:
            element.tagName.toLowerCase() +
            (element.id ? `#${element.id}` : '') +
            (element.className && typeof element.className === 'string'
              ? '.' +
                element.className
                  .trim()
                  .split(/\s+/)
                  .filter((c) => !c.startsWith('svelte-'))
                  .join('.')
              : ''),
          text: (element.textContent || element.getAttribute('aria-label') || '')
            .trim()
            .slice(0, 40),
          width: Math.round(box.width),
          height: Math.round(box.height),
        });
      }
    }
    return found;
  }, min);
}
