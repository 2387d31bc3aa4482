import { describe, expect, it } from 'vitest';
import { ProvisioningError } from '../../errors/provisioning-error.js';
import type { ContractKit } from '../contract-kit.js';
import { findSecretLeaks } from '../secret-leaks.js';
import { retryableThatCannotBe } from './retryable.js';

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

    it('no error raised by any test is marked retryable when its code says repeating cannot help', () => {
      const marked = kit.recorder.errors.flatMap(({ verb, error }) =>
        retryableThatCannotBe([error]).map((code) => `${verb}: ${code}`),
      );
      expect(marked, 'not_found, conflict, invalid_input or unsupported_operation marked retryable').toEqual(
        [],
      );
    });

    it('no log line written by a connection the kit opened shows a secret', () => {
      expect(kit.recorder.logLeaks, `log lines showing a secret (of ${kit.recorder.logLines})`).toEqual([]);
    });

    it('every error raised by any test is a ProvisioningError (never a TypeError)', () => {
      const foreign = kit.recorder.errors
        .filter(({ error }) => !ProvisioningError.is(error))
        .map(({ verb, error }) => `${verb}: ${error instanceof Error ? error.name : typeof error}`);
      expect(foreign).toEqual([]);
    });
  });
}
