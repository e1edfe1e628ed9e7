import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import PatientSearchField from './PatientSearchField.svelte';

describe('PatientSearchField', () => {
  it('says at the field why a search mixing digits and letters finds nobody, and clears it when put right', async () => {
    const oninput = vi.fn();
    render(PatientSearchField, { props: { id: 'find', label: 'Find a patient', oninput } });
    const field = screen.getByLabelText('Find a patient');
    const user = userEvent.setup();
    await user.type(field, '12ab!');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/name or an NHS number, not both/).id).toBe(
      field.getAttribute('aria-describedby'),
    );
    expect(oninput).toHaveBeenCalledTimes(5);
    await user.clear(field);
    await user.type(field, 'Testwood');
    expect(field.getAttribute('aria-invalid')).toBeNull();
    expect(field.getAttribute('aria-describedby')).toBeNull();
    expect(screen.queryByText(/not both/)).toBeNull();
  });
});
