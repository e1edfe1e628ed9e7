import type { Page } from 'playwright-core';

/** The focused element as a keyboard user meets it: its name and how its focus shows. */
export interface Focused {
  tag: string;
  name: string;
  /** Whether the NHS focus style shows: the yellow (#ffeb3b) as background, outline or shadow. */
  indicated: boolean;
}

const FOCUS_YELLOW = 'rgb(255, 235, 59)';

/** What has the keyboard focus now. */
export async function focused(page: Page): Promise<Focused | null> {
  return page.evaluate((yellow) => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const labelled = el.getAttribute('aria-label');
    const label = 'labels' in el ? (el as HTMLInputElement).labels?.[0]?.textContent : null;
    return {
      tag: el.tagName.toLowerCase(),
      name: (labelled ?? label ?? el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      indicated:
        style.backgroundColor === yellow ||
        (style.outlineStyle !== 'none' &&
          parseFloat(style.outlineWidth) >= 2 &&
          style.outlineColor === yellow) ||
        style.boxShadow.includes(yellow),
    };
  }, FOCUS_YELLOW);
}

/**
 * Presses Tab (or Shift+Tab) until the focused element's name matches, as a keyboard user
 * would, and fails if it takes more than `max` presses or if any element passed on the way
 * shows no visible focus indicator.
 */
export async function tabTo(
  page: Page,
  name: RegExp,
  options: { backwards?: boolean; max?: number } = {},
): Promise<Focused> {
  const key = options.backwards ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < (options.max ?? 60); i++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (!now) continue;
    if (!now.indicated) throw new Error(`no visible focus indicator on ${now.tag} "${now.name}"`);
    if (name.test(now.name)) return now;
  }
  throw new Error(`${key} did not reach ${name} within ${options.max ?? 60} presses`);
}
