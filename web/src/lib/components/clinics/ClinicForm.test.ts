import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type {
  ClinicSession,
  ClinicTemplate,
  Clinician,
  Site,
  TemplateChangePlan,
} from '@clinicdesk/domain';
import ClinicForm from './ClinicForm.svelte';

const sites: Site[] = [{ id: 'site-ktc', name: 'Kidderminster Treatment Centre', code: 'KTC' }];
const clinicians: Clinician[] = [
  { id: 'clin-1', name: 'Mr Adrian Whitcombe', grade: 'Consultant', specialty: 'OMFS' },
];
const TEMPLATE: ClinicTemplate = {
  id: 'tpl-1',
  name: 'Whitcombe AM OMFS',
  clinicianId: 'clin-1',
  siteId: 'site-ktc',
  room: 'OPD 1',
  weekday: 2,
  startTime: '09:00',
  slotPattern: [
    { type: 'new', minutes: 20 },
    { type: 'follow-up', minutes: 15 },
  ],
  recurrence: { kind: 'weekly' },
  validFrom: null,
  validTo: null,
};

function renderForm(props: Record<string, unknown> = {}) {
  const save = vi.fn().mockResolvedValue({ ok: true, changes: [] });
  const onsaved = vi.fn();
  render(ClinicForm, {
    props: {
      mode: 'template',
      id: 'tpl-new',
      sites,
      clinicians,
      today: '2026-11-24',
      save,
      onsaved,
      oncancel: vi.fn(),
      ...props,
    },
  });
  return { save, onsaved };
}

const user = userEvent.setup();

describe('ClinicForm', () => {
  it('says what is missing in the words of the booking office, and queues nothing', async () => {
    const { save } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Save template' }));
    const summary = screen.getAllByRole('alert')[0]!;
    for (const words of [
      'Give the clinic a name',
      'Choose the clinician',
      'Choose the site',
      'Enter the room',
      'Choose the day of the week',
    ])
      expect(summary).toHaveTextContent(words);
    expect(save).not.toHaveBeenCalled();
  });

  it('saves a new template that runs on chosen weeks of the month', async () => {
    const { save, onsaved } = renderForm();
    await user.type(screen.getByLabelText('Clinic name'), '  Whitcombe PM ');
    await user.selectOptions(screen.getByLabelText('Clinician'), 'clin-1');
    await user.selectOptions(screen.getByLabelText('Site'), 'site-ktc');
    await user.type(screen.getByLabelText('Room'), 'OPD 2');
    await user.selectOptions(screen.getByLabelText('Day of the week'), '4');
    await user.click(screen.getByLabelText(/Afternoon/));
    await user.click(screen.getByLabelText('Weeks of the month'));
    await user.click(screen.getByRole('button', { name: 'Save template' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Choose which weeks of the month the clinic runs',
    );
    await user.click(screen.getByLabelText('3rd'));
    await user.click(screen.getByLabelText('1st'));
    await user.type(screen.getByLabelText('Last date (optional)'), '31/03/2027');
    await user.tab();
    await user.click(screen.getByRole('button', { name: 'Save template' }));
    expect(save).toHaveBeenCalledExactlyOnceWith({
      id: 'tpl-new',
      name: 'Whitcombe PM',
      clinicianId: 'clin-1',
      siteId: 'site-ktc',
      room: 'OPD 2',
      startTime: '13:30',
      slotPattern: [{ type: 'new', minutes: 20 }],
      weekday: 4,
      recurrence: { kind: 'monthly', weeks: [1, 3] },
      validFrom: null,
      validTo: '2027-03-31',
    });
    expect(onsaved).toHaveBeenCalledWith(expect.stringMatching(/^Whitcombe PM saved\./));
  });

  it('refuses a last date before the first and slots that run past midnight', async () => {
    const { save } = renderForm({ template: TEMPLATE });
    await user.type(screen.getByLabelText('First date (optional)'), '01/02/2027');
    await user.type(screen.getByLabelText('Last date (optional)'), '01/01/2027');
    await user.tab();
    await user.click(screen.getByLabelText('Another start time'));
    await user.type(screen.getByLabelText('Start time'), '23:30');
    await user.click(screen.getByRole('button', { name: 'Save template' }));
    const summary = screen.getAllByRole('alert')[0]!;
    expect(summary).toHaveTextContent('The last date must be on or after the first date');
    expect(summary).toHaveTextContent('The slots run past midnight');
    expect(save).not.toHaveBeenCalled();
  });

  it('shows what a change does to the clinics before saving it, then says it after', async () => {
    const session = (date: string) =>
      ({ id: `ses-${date}`, date, startTime: '09:00', endTime: '09:35' }) as ClinicSession;
    const plan: TemplateChangePlan = {
      rewritten: [{ session: session('2026-12-01'), slots: [] }],
      withdrawn: [],
      added: [],
      kept: [{ session: session('2026-12-08'), reason: '2 patients are booked into it' }],
    };
    const preview = vi.fn().mockResolvedValue(plan);
    const { save, onsaved } = renderForm({ template: TEMPLATE, id: TEMPLATE.id, preview });
    await user.clear(screen.getByLabelText('Room'));
    await user.type(screen.getByLabelText('Room'), 'OPD 3');
    await user.click(screen.getByRole('button', { name: 'Save template' }));
    expect(save).not.toHaveBeenCalled();
    expect(preview).toHaveBeenCalledWith(expect.objectContaining({ id: 'tpl-1', room: 'OPD 3' }));
    const shown = screen.getByTestId('template-change-preview');
    expect(shown).toHaveTextContent('1 clinic rewritten');
    expect(shown).toHaveTextContent('Tue 08/12/2026 09:00–09:35: 2 patients are booked into it');
    await user.click(screen.getByRole('button', { name: 'Save and change these clinics' }));
    expect(save).toHaveBeenCalledOnce();
    expect(onsaved).toHaveBeenCalledWith(
      'Whitcombe AM OMFS saved. Clinics from tomorrow on: 1 clinic rewritten. 1 clinic stayed as it was.',
    );
  });

  it('previews again when the form changes after the preview', async () => {
    const empty: TemplateChangePlan = { rewritten: [], withdrawn: [], added: [], kept: [] };
    const preview = vi
      .fn()
      .mockResolvedValue({ ...empty, withdrawn: [{ id: 's', date: '2026-12-01' }] });
    renderForm({ template: TEMPLATE, id: TEMPLATE.id, preview });
    await user.click(screen.getByRole('button', { name: 'Save template' }));
    expect(screen.getByTestId('template-change-preview')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Room'), 'A');
    expect(screen.queryByTestId('template-change-preview')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save template' })).toBeInTheDocument();
  });

  it('adds a one-off clinic on a day, not before today, and shows a refusal plainly', async () => {
    const { save, onsaved } = renderForm({ mode: 'one-off', id: 'ses-adhoc-1' });
    await user.type(screen.getByLabelText('Clinic name'), 'Extra list');
    await user.selectOptions(screen.getByLabelText('Clinician'), 'clin-1');
    await user.selectOptions(screen.getByLabelText('Site'), 'site-ktc');
    await user.type(screen.getByLabelText('Room'), 'OPD 4');
    expect(screen.queryByLabelText('Day of the week')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Date'), '20/11/2026');
    await user.tab();
    await user.click(screen.getByRole('button', { name: 'Add clinic' }));
    expect(screen.getAllByRole('alert')[0]).toHaveTextContent('20/11/2026 has passed');
    await user.clear(screen.getByLabelText('Date'));
    await user.type(screen.getByLabelText('Date'), '25/12/2026');
    await user.tab();
    save.mockResolvedValueOnce({
      ok: false,
      reason: 'closed-day',
      message: 'Clinics do not run on 25/12/2026 (Bank holiday): choose another day',
    });
    await user.click(screen.getByRole('button', { name: 'Add clinic' }));
    expect(save).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'ses-adhoc-1', date: '2026-12-25', startTime: '09:00' }),
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Clinics do not run on 25/12/2026 (Bank holiday): choose another day',
    );
    await user.clear(screen.getByLabelText('Date'));
    await user.type(screen.getByLabelText('Date'), '29/12/2026');
    await user.tab();
    await user.click(screen.getByRole('button', { name: 'Add clinic' }));
    expect(onsaved).toHaveBeenCalledWith('Extra list added on 29/12/2026, 09:00–09:20.');
  });
});
