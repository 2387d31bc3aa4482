import { describe, expect, it } from 'vitest';
import { ProvisioningError } from '../../errors/provisioning-error.js';
import type { ContractKit } from '../contract-kit.js';
import { findSecretLeaks } from '../secret-leaks.js';

/** Suite-wide traits, checked over everything the tests before them provoked. Must be declared last. */
export function suiteWideTraits(kit: ContractKit): void {
  describe('across the whole suite', () => {
    it('no error provoked by any test carries a secret', () => {
      const leaks = kit.recorder.errors.flatMap(({ verb, error }) =>
        findSecretLeaks(error, kit.recorder.secrets).map((surface) => `${verb}: ${surface}`),
      );
      expect(leaks, 'errors showing a secret').toEqual([]);
    });

    it('every user returned by any test parses as User and carries no secret', () => {
      expect(kit.recorder.malformedUsers, 'users not parsing as User').toEqual([]);
      expect(kit.recorder.usersWithSecrets, 'users showing a secret').toEqual([]);
    });

    it('every error raised by any test is a ProvisioningError (never a TypeError)', () => {
      const foreign = kit.recorder.errors
        .filter(({ error }) => !ProvisioningError.is(error))
        .map(({ verb, error }) => `${verb}: ${error instanceof Error ? error.name : typeof error}`);
      expect(foreign).toEqual([]);
    });
  });
}
