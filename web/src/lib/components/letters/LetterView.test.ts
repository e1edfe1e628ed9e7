import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import {
  DEFAULT_LETTER_WORDING,
  sampleMergeData,
  type Letter,
  type LetterKind,
} from '@clinicdesk/domain';
import LetterView from './LetterView.svelte';

function letterOf(kind: LetterKind, overrides: Partial<Letter> = {}): Letter {
  return {
    id: `letter-${kind}`,
    kind,
    patientId: 'pat-amelia',
    referralId: 'ref-1',
    siteId: 'site-wrh',
    appointmentId: null,
    producedAt: '2026-07-02T09:15:00.000Z',
    producedBy: { userId: 'u1', name: 'Casey Coordinator' },
    templateVersion: 1,
    ...DEFAULT_LETTER_WORDING[kind],
    merge: sampleMergeData(kind),
    printedAt: null,
    printedBy: null,
    withdrawnAt: null,
    withdrawnBy: null,
    withdrawnReason: null,
    ...overrides,
  };
}

function show(letter: Letter) {
  const onprint = vi.fn();
  const ondownload = vi.fn();
  render(LetterView, { props: { letter, onprint, ondownload } });
  return { onprint, ondownload, user: userEvent.setup() };
}

describe('LetterView', () => {
  it('lays a confirmation out as a letter: heading, address block, date, NHS number, subject and body', () => {
    show(letterOf('appointment-confirmation'));
    expect(
      screen.getByRole('heading', { level: 1, name: 'Appointment confirmation' }),
    ).toBeVisible();
    const sheet = within(screen.getByRole('article', { name: 'Letter' }));
    expect(sheet.getByText('Oral and Maxillofacial Surgery')).toBeInTheDocument();
    const address = screen.getByRole('article').querySelector('address');
    expect(address?.textContent).toBe('Amelia Ashdown12 Orchard WayWorcesterWR5 1DD');
    expect(sheet.getByText(/Date: 02\/03\/2026/)).toBeInTheDocument();
    expect(sheet.getByText(/NHS number: 999 000 0018/)).toBeInTheDocument();
    expect(sheet.getByText('Your appointment on 09/03/2026 at 09:00')).toBeInTheDocument();
    expect(sheet.getByText('Dear Amelia Ashdown,')).toBeInTheDocument();
  });

  it('says when and by whom it was produced, and that it is not printed yet', () => {
    show(letterOf('tci'));
    expect(screen.getByTestId('letter-status')).toHaveTextContent(
      'Produced 02/07/2026 10:15 by Casey Coordinator (wording version 1) · not printed yet',
    );
  });

  it('says when it was printed', () => {
    show(
      letterOf('tci', {
        printedAt: '2026-07-03T08:00:00.000Z',
        printedBy: { userId: 'u2', name: 'Robin Reception' },
      }),
    );
    expect(screen.getByTestId('letter-status')).toHaveTextContent(
      'printed 03/07/2026 09:00 by Robin Reception',
    );
  });

  it('says a withdrawn letter is not to be sent, and why, and offers no printing', () => {
    show(
      letterOf('dna-gp', {
        withdrawnAt: '2026-07-03T08:00:00.000Z',
        withdrawnBy: { userId: 'u2', name: 'Robin Reception' },
        withdrawnReason: 'Did-not-attend taken back: arrived late',
      }),
    );
    expect(screen.getByTestId('letter-status')).toHaveTextContent(
      'withdrawn 03/07/2026 09:00 by Robin Reception: not to be sent',
    );
    expect(screen.getByText('Did-not-attend taken back: arrived late')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Print' })).toBeNull();
  });

  it('addresses a letter about a missed appointment to the GP practice', () => {
    show(letterOf('dna-gp'));
    const address = screen.getByRole('article').querySelector('address');
    expect(address?.textContent).toBe('The GPOrchard Surgery');
  });

  it('prints and downloads through its two buttons', async () => {
    const { onprint, ondownload, user } = show(letterOf('appointment-cancellation'));
    await user.click(screen.getByRole('button', { name: 'Print' }));
    expect(onprint).toHaveBeenCalledOnce();
    await user.click(screen.getByRole('button', { name: 'Download PDF' }));
    expect(ondownload).toHaveBeenCalledOnce();
  });

  it('says so when the PDF cannot be made', async () => {
    const onprint = vi.fn();
    const ondownload = vi.fn(async () => {
      throw new Error('out of memory');
    });
    render(LetterView, { props: { letter: letterOf('tci'), onprint, ondownload } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Download PDF' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The letter could not be made ready: out of memory',
    );
  });
});
