import { describe, expect } from 'vitest';
import { User } from '../../model/user.js';
import { Verb } from '../../spi/verbs.js';
import { collectListing } from '../collect-listing.js';
import type { ContractKit } from '../contract-kit.js';
import { expectProvisioningError } from '../expect-error.js';
import { findSecretLeaks } from '../secret-leaks.js';
import { callVerb, REF_VERBS } from './call-verb.js';
import { patchFor } from './field-values.js';
import { retryableThatCannotBe } from './retryable.js';

export function traitsContract(kit: ContractKit): void {
  describe('traits of every operation', () => {
    for (const verb of REF_VERBS) {
      kit.test(
        `${verb} of an unknown user fails with not_found (by id and by userName)`,
        { verbs: [verb] },
        async (t) => {
          await expectProvisioningError(callVerb(t, verb, { id: t.unknownId() }), 'not_found');
          await expectProvisioningError(callVerb(t, verb, { userName: t.userName() }), 'not_found');
        },
      );
    }

    kit.test(
      'every user a verb returns parses as User and carries no secret',
      { verbs: ['createUser'] },
      async (t) => {
        const d = t.directory;
        const user = await t.createUser();
        const ref = { id: user.id };
        const has = (verb: Verb) => t.capabilities.verbs.includes(verb);
        const returned: unknown[] = [user];
        if (has('getUser')) returned.push(await d.getUser(ref));
        if (has('listUsers')) returned.push(...(await collectListing(d.listUsers())));
        if (has('createUsers'))
          returned.push(
            ...(await d.createUsers([t.newUser()])).items.flatMap((item) => (item.ok ? [item.user] : [])),
          );
        if (has('updateUser') && t.capabilities.updatableFields.length > 0) {
          returned.push(await d.updateUser(ref, patchFor(t.capabilities.updatableFields[0]!, t)));
        }
        for (const verb of ['suspendUser', 'reactivateUser'] as const)
          if (has(verb)) returned.push(await d[verb](ref));
        for (const verb of ['addToGroups', 'removeFromGroups'] as const) {
          if (has(verb)) returned.push(await d[verb](ref, [t.groupName()]));
        }
        for (const entry of returned) {
          const parsed = User.safeParse(entry);
          expect(parsed.error?.issues ?? [], `user ${JSON.stringify(entry)}`).toEqual([]);
          expect(findSecretLeaks(entry, kit.recorder.secrets), 'surfaces showing a secret').toEqual([]);
        }
      },
    );

    kit.test(
      'errors carry no secret in message, details, String() or JSON',
      { verbs: ['createUser'] },
      async (t) => {
        const start = kit.recorder.errors.length;
        const d = t.directory;
        const password = t.canaryPassword;
        const existing = await t.createUser();
        await d.createUser(t.newUser({ userName: existing.userName, password })).catch(() => undefined);
        await d.createUser({ userName: '', password }).catch(() => undefined);
        await d
          .createUser({ userName: t.userName(), email: 'not-an-email', password })
          .catch(() => undefined);
        await d
          .createUser({ userName: t.userName(), password, secret: password } as never)
          .catch(() => undefined);
        if (t.capabilities.verbs.includes('createUsers')) {
          await d.createUsers([t.newUser({ userName: existing.userName, password })]).catch(() => undefined);
        }
        for (const verb of REF_VERBS) {
          if (t.capabilities.verbs.includes(verb))
            await callVerb(t, verb, { id: t.unknownId() }).catch(() => undefined);
        }
        const provoked = kit.recorder.errors.slice(start);
        expect(provoked.length, 'errors provoked').toBeGreaterThanOrEqual(4);
        const leaks = provoked.flatMap(({ verb, error }) =>
          findSecretLeaks(error, kit.recorder.secrets).map((surface) => `${verb}: ${surface}`),
        );
        expect(leaks, 'errors showing a secret').toEqual([]);
      },
    );

    kit.test(
      'marks no not_found, conflict, invalid_input or unsupported_operation error retryable',
      { verbs: ['createUser'] },
      async (t) => {
        const d = t.directory;
        const existing = await t.createUser();
        const provoked: unknown[] = [];
        const provoke = (call: () => Promise<unknown>) =>
          call().then(
            () => undefined,
            (e) => provoked.push(e),
          );
        await provoke(() => d.createUser(t.newUser({ userName: existing.userName })));
        await provoke(() => d.createUser({ userName: '' }));
        for (const verb of REF_VERBS.filter((name) => t.capabilities.verbs.includes(name))) {
          await provoke(() => callVerb(t, verb, { id: t.unknownId() }));
        }
        const undeclared = Verb.options.find((verb) => !t.capabilities.verbs.includes(verb));
        if (undeclared !== undefined) await provoke(() => callVerb(t, undeclared, { id: t.unknownId() }));
        expect(provoked.length, 'errors provoked').toBeGreaterThanOrEqual(2);
        expect(retryableThatCannotBe(provoked), 'errors marked retryable').toEqual([]);
      },
    );

    kit.test(
      'an undeclared verb fails with unsupported_operation',
      { when: (caps) => (caps.verbs.length < Verb.options.length ? undefined : 'every verb is declared') },
      async (t) => {
        const undeclared = Verb.options.filter((verb) => !t.capabilities.verbs.includes(verb));
        for (const verb of undeclared) {
          await expectProvisioningError(
            callVerb(t, verb, { userName: t.userName() }),
            'unsupported_operation',
          );
        }
      },
    );

    kit.test(
      'hands out copies: changing a returned user or an input changes nothing stored',
      { verbs: ['createUser', 'getUser'] },
      async (t) => {
        const input = t.newUser({ groups: [], attributes: { level: 'one' } });
        const created = await t.directory.createUser(input);
        input.givenName = 'Changed input';
        input.attributes = { level: 'two' };
        const fetched = await t.directory.getUser({ id: created.id });
        fetched.givenName = 'Changed output';
        fetched.groups.push('tampered');
        fetched.attributes.level = 'three';
        const again = await t.directory.getUser({ id: created.id });
        expect(again.givenName).toBe(created.givenName);
        expect(again.groups).not.toContain('tampered');
        expect(again.attributes.level).toBe(created.attributes.level);
      },
    );
  });
}
