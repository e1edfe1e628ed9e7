import { describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { auditPatientViews } from './audit-view.svelte.ts';

describe('auditPatientViews', () => {
  it('records each patient on a list once, and patients who join it later', () => {
    const edit = vi.fn().mockResolvedValue({ ok: true, changes: [] });
    let ids = $state(['pat-1', 'pat-2']);
    const stop = $effect.root(() => auditPatientViews({ edit }, () => ids, 'Clinic list'));
    flushSync();
    ids = ['pat-2', 'pat-1', 'pat-3'];
    flushSync();
    expect(edit.mock.calls).toEqual([
      ['patient.viewed', { patientId: 'pat-1', screen: 'Clinic list' }],
      ['patient.viewed', { patientId: 'pat-2', screen: 'Clinic list' }],
      ['patient.viewed', { patientId: 'pat-3', screen: 'Clinic list' }],
    ]);
    stop();
  });
});
