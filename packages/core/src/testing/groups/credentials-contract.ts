import { describe, expect } from 'vitest';
import { IsoTimestamp } from '../../model/primitives.js';
import { CredentialCheck } from '../../spi/credential-check.js';
import type { UserDirectory } from '../../spi/user-directory.js';
import type { ContractKit } from '../contract-kit.js';
import { expectProvisioningError } from '../expect-error.js';
import { observeDirectory } from '../observe-directory.js';

export function credentialsContract(kit: ContractKit): void {
  const withInvalid = () =>
    kit.options.invalidCredentialsFactory === undefined ? 'no invalidCredentialsFactory given' : undefined;

  /** Opens the directory with wrong credentials (observed, so its errors are checked for secrets too). */
  const withInvalidDirectory = async (use: (directory: UserDirectory) => Promise<void>): Promise<void> => {
    const raw = await kit.options.invalidCredentialsFactory!();
    try {
      await use(observeDirectory(raw, kit.recorder));
    } finally {
      await kit.options.teardown?.(raw);
    }
  };

  describe('.verifyCredentials', () => {
    kit.test(
      'reports valid credentials with an ISO 8601 checkedAt',
      { verbs: ['verifyCredentials'] },
      async (t) => {
        const check = await t.directory.verifyCredentials();
        expect(CredentialCheck.safeParse(check).success).toBe(true);
        expect(check.status).toBe('valid');
        expect(IsoTimestamp.safeParse(check.checkedAt).success).toBe(true);
        expect(Number.isNaN(Date.parse(check.checkedAt))).toBe(false);
      },
    );

    kit.test(
      'reports invalid credentials as a result with status invalid, instead of throwing',
      { verbs: ['verifyCredentials'], when: withInvalid },
      async () => {
        await withInvalidDirectory(async (directory) => {
          const check = await directory.verifyCredentials();
          expect(CredentialCheck.safeParse(check).success).toBe(true);
          // `unreachable` would tell the host to wait and retry: wrong credentials must read `invalid`.
          expect(check.status).toBe('invalid');
        });
      },
    );

    kit.test(
      'fails other verbs with authentication under invalid credentials',
      { verbs: ['getUser'], when: withInvalid },
      async (t) => {
        await withInvalidDirectory(async (directory) => {
          await expectProvisioningError(directory.getUser({ userName: t.userName() }), 'authentication');
        });
      },
    );
  });
}
