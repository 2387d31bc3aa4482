import { describe, expect, it } from 'vitest';
import type { User } from '../model/user.js';
import type { Capabilities } from '../spi/capabilities.js';
import { planListFilters } from './list-filters.js';

const BASE: Capabilities = {
  verbs: ['listUsers'],
  maxBatchSize: 1,
  maxPageSize: 100,
  defaultPageSize: 10,
  listFilters: [],
  creatableFields: [],
  updatableFields: [],
  acceptsPassword: false,
  createsInvitedUsers: false,
  userNameFormat: 'any',
  emailIsUserName: false,
};

function user(status: User['status'], groups: string[]): User {
  return { id: '1', userName: 'a', status, isAdmin: false, groups, attributes: {} };
}

describe('planListFilters', () => {
  it('keeps undeclared filters in core and sends the rest of the options', () => {
    const plan = planListFilters(BASE, { status: 'invited', group: 'eng', pageSize: 5 });
    expect(plan.providerOptions).toEqual({ pageSize: 5 });
    expect(plan.keep(user('invited', ['eng']))).toBe(true);
    expect(plan.keep(user('active', ['eng']))).toBe(false);
    expect(plan.keep(user('invited', ['ops']))).toBe(false);
  });

  it('delegates declared filters and then keeps every user', () => {
    const plan = planListFilters(
      { ...BASE, listFilters: ['status', 'group'] },
      { status: ['active'], group: 'eng' },
    );
    expect(plan.providerOptions).toEqual({ status: ['active'], group: 'eng' });
    expect(plan.keep(user('suspended', []))).toBe(true);
  });
});
