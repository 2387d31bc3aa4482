import { describe, expect, it } from 'vitest';
import type { InvalidInputError } from '../errors/error-classes.js';
import type { ProviderCapabilities } from './provider-capabilities.js';
import { resolveCapabilities } from './resolve-capabilities.js';

const BASE: ProviderCapabilities = {
  verbs: ['listUsers', 'getUser', 'createUser', 'updateUser'],
  maxPageSize: 100,
  defaultPageSize: 50,
  updatableFields: ['displayName'],
};

function issuesOf(declared: unknown): { path: string; message: string }[] {
  try {
    resolveCapabilities(declared as ProviderCapabilities, { path: 'plugins.0.capabilities' });
  } catch (error) {
    expect((error as InvalidInputError).code).toBe('invalid_input');
    return [...(error as InvalidInputError).issues];
  }
  throw new Error('expected the declaration to be refused');
}

describe('resolveCapabilities', () => {
  it('applies the defaults and derives createUsers from createUser, one user per call', () => {
    expect(resolveCapabilities(BASE)).toEqual({
      verbs: ['listUsers', 'getUser', 'createUser', 'createUsers', 'updateUser'],
      maxBatchSize: 1,
      maxPageSize: 100,
      defaultPageSize: 50,
      listFilters: [],
      creatableFields: [],
      updatableFields: ['displayName'],
      acceptsPassword: false,
      createsInvitedUsers: false,
      userNameFormat: 'any',
      emailIsUserName: false,
    });
  });

  it('derives createUser from a declared createUsers, keeping its batch size', () => {
    const resolved = resolveCapabilities({ ...BASE, verbs: ['createUsers', 'updateUser'], maxBatchSize: 20 });
    expect(resolved.verbs).toEqual(['createUser', 'createUsers', 'updateUser']);
    expect(resolved.maxBatchSize).toBe(20);
  });

  it.each([
    ['a default page size above the maximum', { defaultPageSize: 500, maxPageSize: 100 }, 'defaultPageSize'],
    ['a batch size without createUsers', { maxBatchSize: 10 }, 'maxBatchSize'],
    ['createUsers without a batch size', { verbs: [...(BASE.verbs ?? []), 'createUsers'] }, 'maxBatchSize'],
    [
      'updatable fields without updateUser',
      { verbs: ['getUser'], updatableFields: ['email'] },
      'updatableFields',
    ],
    ['updateUser without updatable fields', { updatableFields: [] }, 'updatableFields'],
    [
      'list filters without listUsers',
      { verbs: ['getUser'], updatableFields: [], listFilters: ['status'] },
      'listFilters',
    ],
    [
      'creatable fields without a create verb',
      { verbs: ['getUser'], updatableFields: [], creatableFields: ['email'] },
      'creatableFields',
    ],
    [
      'a password without a create verb',
      { verbs: ['getUser'], updatableFields: [], acceptsPassword: true },
      'acceptsPassword',
    ],
    [
      'an email user name format without creating or renaming users',
      { verbs: ['getUser'], updatableFields: [], userNameFormat: 'email' },
      'userNameFormat',
    ],
    ['an unknown user name format', { userNameFormat: 'upn' }, 'userNameFormat'],
    ['a verb twice', { verbs: ['getUser', 'getUser'], updatableFields: [] }, 'verbs'],
    [
      'listUsersChangedSince without listUsers',
      { verbs: ['getUser', 'listUsersChangedSince'], updatableFields: [] },
      'verbs',
    ],
  ])('refuses %s with invalid_input naming the field', (_label, change, field) => {
    const paths = issuesOf({ ...BASE, ...change }).map((issue) => issue.path);
    expect(paths).toEqual([`plugins.0.capabilities.${field}`]);
  });

  it('keeps a declared listUsersChangedSince, after the verbs every directory has, and never derives it', () => {
    const declared = { ...BASE, verbs: ['listUsersChangedSince', ...(BASE.verbs ?? [])] as const };
    expect(resolveCapabilities(declared).verbs).toEqual([
      'listUsers',
      'getUser',
      'createUser',
      'createUsers',
      'updateUser',
      'listUsersChangedSince',
    ]);
    expect(resolveCapabilities(BASE).verbs).not.toContain('listUsersChangedSince');
  });

  it('refuses an unknown key (a misspelt field) and a malformed declaration', () => {
    expect(issuesOf({ ...BASE, maxPagesize: 10 }).map((issue) => issue.path)).toEqual([
      'plugins.0.capabilities',
    ]);
    expect(issuesOf({ verbs: [] }).length).toBeGreaterThan(0);
    expect(issuesOf(null).length).toBeGreaterThan(0);
  });

  it('applies a refinement over the declaration, but never to the verbs', () => {
    const refinement = { defaultPageSize: 10, verbs: ['getUser'] } as unknown as { defaultPageSize: number };
    const resolved = resolveCapabilities(BASE, { refinement });
    expect(resolved.defaultPageSize).toBe(10);
    expect(resolved.verbs).toContain('listUsers');
  });

  it('checks a refined declaration like any other', () => {
    expect(() => resolveCapabilities(BASE, { refinement: { defaultPageSize: 101 } })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
