import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ShowMore from './ShowMore.svelte';

/** A list of links drawn outside the component, as the pages draw theirs. */
function list(count: number) {
  const ul = document.createElement('ul');
  ul.dataset['testid'] = 'items';
  document.body.append(ul);
  const draw = (n: number) => {
    for (let i = ul.children.length; i < n; i++) {
      const li = document.createElement('li');
      li.innerHTML = `<a href="#${i}">Item ${i}</a>`;
      ul.append(li);
    }
  };
  draw(count);
  return { ul, draw };
}

describe('ShowMore', () => {
  it('draws the next page and moves the focus to its first item', async () => {
    const { ul, draw } = list(3);
    let drawn = 3;
    render(ShowMore, {
      props: {
        drawn,
        more: 2,
        onmore: () => draw((drawn += 2)),
        items: '[data-testid="items"] a',
      },
    });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show 2 more' }));
    expect(ul.children).toHaveLength(5);
    expect(document.activeElement?.textContent).toBe('Item 3');
    ul.remove();
  });

  it('waits for items the page draws a few frames later', async () => {
    const { ul, draw } = list(2);
    render(ShowMore, {
      props: {
        drawn: 2,
        more: 2,
        onmore: () => setTimeout(() => draw(4), 50),
        items: '[data-testid="items"] a',
      },
    });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show 2 more' }));
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Item 2'));
    ul.remove();
  });

  it('is not there when nothing more is left to draw', () => {
    render(ShowMore, { props: { drawn: 4, more: 0, onmore: () => {}, items: 'a' } });
    expect(screen.queryByRole('button')).toBeNull();
  });
});
