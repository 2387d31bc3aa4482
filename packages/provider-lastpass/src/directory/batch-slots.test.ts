import { describe, expect, it } from 'vitest';
import { prepareSlots } from './batch-slots.js';
import { applyWarnings } from './batch-warnings.js';

describe('prepareSlots', () => {
  it('builds the batchadd item: fullname, groups, attribs, password with a forced reset', () => {
    const [slot] = prepareSlots([
      {
        userName: 'ann@example.com',
        givenName: 'Mary Ann',
        familyName: 'van der Berg',
        groups: ['Ops'],
        attributes: { Department: 'Ops' },
        password: 'initial-secret',
        externalId: 'ext-1',
      },
    ]);
    expect(slot!.wire).toEqual({
      username: 'ann@example.com',
      fullname: 'Mary Ann van der Berg',
      groups: ['Ops'],
      attribs: { Department: 'Ops' },
      password: 'initial-secret',
      password_reset_required: true,
    });
  });

  it('uses displayName as the fullname when given', () => {
    const [slot] = prepareSlots([{ userName: 'a@example.com', displayName: 'A. B.', givenName: 'X' }]);
    expect(slot!.wire.fullname).toBe('A. B.');
  });

  it('fails the later of two items with the same userName (any case) with conflict', () => {
    const slots = prepareSlots([{ userName: 'a@example.com' }, { userName: 'A@EXAMPLE.com' }]);
    expect(slots[0]!.result).toBeUndefined();
    expect(slots[1]!.result).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses a userName that is not an email and an email that differs from it', () => {
    const slots = prepareSlots([
      { userName: 'ann' },
      { userName: 'ann@example.com', email: 'other@example.com' },
      { userName: 'bob@example.com', email: 'BOB@example.com' },
    ]);
    expect(slots[0]!.result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(slots[1]!.result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(slots[2]!.result).toBeUndefined();
  });
});

describe('applyWarnings', () => {
  it('fails the items a WARN names: already exists is a conflict, other text a provider error', () => {
    const slots = prepareSlots([
      { userName: 'a@example.com' },
      { userName: 'b@example.com' },
      { userName: 'c@example.com' },
      { userName: 'd@example.com' },
    ]);
    applyWarnings(
      slots,
      [
        'A@example.com already exists',
        'Group does not exist: Ops (b@example.com)',
        'Invalid username at index 3: x',
        'noise',
      ],
      [],
    );
    expect(slots.map((slot) => (slot.result?.ok === false ? slot.result.error.code : 'open'))).toEqual([
      'conflict',
      'provider_error',
      'open',
      'provider_error',
    ]);
  });
});
