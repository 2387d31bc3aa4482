import { describe, expect, it } from 'vitest';
import { fakeDirectory, wrap } from '../middleware/fake-directory-test-helpers.js';
import { ContractTest } from './contract-kit.js';

function contractTest(userNameFormat: 'any' | 'email', names: string[]): ContractTest {
  const directory = wrap(fakeDirectory({ userNameFormat }));
  const source = { userName: () => names.shift()!, groupName: () => 'g', token: () => 't' };
  return new ContractTest(directory, source, 'canary', async () => undefined);
}

describe(ContractTest, () => {
  describe('.userName', () => {
    it("fails with a message naming uniqueUserName when the provider declares 'email' and it returns another name", () => {
      expect(contractTest('email', ['ada@example.test']).userName()).toBe('ada@example.test');
      expect(() => contractTest('email', ['kiosk-7']).userName()).toThrow(/uniqueUserName\(\)/);
      expect(contractTest('any', ['kiosk-7']).userName()).toBe('kiosk-7');
    });
  });

  describe('.nonEmailUserName', () => {
    it('derives a unique name that is not an email address', () => {
      expect(contractTest('email', ['pk-1@example.test']).nonEmailUserName()).toBe('pk-1-at-example.test');
    });
  });
});
