import { describe, expect, it } from 'vitest';
import type { Patient, PolicyOverride } from '@clinicdesk/domain';
import { overridesCsv } from './overrides-csv.ts';

const OVERRIDE: PolicyOverride = {
  id: 'ov-1',
  rule: 'reasonable-notice',
  warning: "Only 3 days' notice (the policy asks for 21 days)",
  reason: '=Patient "keen" to come sooner',
  referralId: 'ref-1',
  patientId: 'pat-1',
  siteId: 'site-1',
  appointmentId: 'appt-1',
  at: '2026-07-01T08:30:00Z',
  by: { userId: 'u-1', name: 'Bea Booker' },
  policyVersion: 3,
};

describe('overridesCsv', () => {
  it('writes a header and one row per override, with London time, the rule in words and safe cells', () => {
    const patient = {
      givenName: 'Amelia',
      familyName: 'Ashdown',
      nhsNumber: '9990000018',
    } as Patient;
    const lines = overridesCsv([{ override: OVERRIDE, patient }]).split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFF"When","Who","Rule","Warning","Reason","Patient","NHS number","Policy version"',
    );
    expect(lines[1]).toBe(
      `"01/07/2026 09:30","Bea Booker","Reasonable notice","Only 3 days' notice (the policy asks for 21 days)","'=Patient ""keen"" to come sooner","ASHDOWN, Amelia","999 000 0018","3"`,
    );
  });

  it('leaves the patient blank when the patient is not on the device', () => {
    const [, row] = overridesCsv([{ override: OVERRIDE, patient: undefined }]).split('\r\n');
    expect(row).toContain('"Reasonable notice"');
    expect(row).toContain(',"","","3"');
  });
});
