import { describe, expect, it } from 'vitest';
import { expectProvisioningError } from '../testing/expect-error.js';
import { guardLimitText } from './guard-limit.js';

describe('guardLimitText', () => {
  it('shows the whole number of changes allowed, which holds exactly the same counts', () => {
    expect(guardLimitText(30.200000000000003)).toBe('30');
    expect(guardLimitText(0.4)).toBe('0');
    expect(guardLimitText(500)).toBe('500');
  });

  it('says none for a guard that is off', () => {
    expect(guardLimitText(Number.MAX_SAFE_INTEGER)).toBe('none');
  });

  it('refuses what is not a limit with invalid_input', async () => {
    await expectProvisioningError(async () => guardLimitText(Number.NaN), 'invalid_input');
    await expectProvisioningError(async () => guardLimitText('30' as never), 'invalid_input');
  });
});
