import { describe, expect, it } from 'vitest';
import { canSeePatientData, ROLES, worksPathwayLists } from './roles.ts';

describe('who works the lists of pathways (ADR 0012)', () => {
  it('is everyone who holds patient data but the receptionist at the desk', () => {
    const working = ROLES.filter(worksPathwayLists);
    expect(working).not.toContain('receptionist');
    expect(working).not.toContain('administrator');
    expect(working).toEqual(['booking-coordinator', 'medical-secretary', 'clinician', 'manager']);
    expect(working.every(canSeePatientData)).toBe(true);
  });
});
