import { goto } from '$app/navigation';
import { page } from '$app/state';

/**
 * Puts a report's filter into the page's address, in place of the last one: "back" leaves the
 * report rather than stepping through each filter, and the focus stays in the field.
 */
export function showReport(query: string): Promise<void> {
  return goto(`${page.url.pathname}${query ? `?${query}` : ''}`, {
    replaceState: true,
    keepFocus: true,
    noScroll: true,
  });
}
